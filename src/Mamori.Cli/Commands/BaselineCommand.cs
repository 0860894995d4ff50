using System.CommandLine;
using System.Text;
using Mamori.Cli.Output;
using Mamori.Cli.Resources;
using Mamori.Features.Baseline;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Cli.Commands;

/// <summary>`mamori baseline --org SLUG [--format md]`: the 規程 tailored to the organization (with Lv.1 measures merged), printed.</summary>
internal static class BaselineCommand
{
    public static Command Build(CliConsole console, TimeProvider time)
    {
        var target = new OrganizationOptions();
        var format = CommonOptions.Format("md");
        var command = new Command("baseline", CliText.BaselineDescription) { target.Organization, format, target.Db, target.Connection };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var opened = await target.OpenAsync(parsed, console, cancellationToken);
            if (opened is not { Organization: var organization, Db: var context })
            {
                return ExitCodes.Rejected;
            }

            var culture = CommonOptions.Culture;
            var roles = await context.PolicyRoles.AsNoTracking().OrderBy(r => r.Order).ToListAsync(cancellationToken);
            var (measures, _) = await AdoptRules.QuickMeasuresAsync(context, organization, culture, cancellationToken);
            var chapters = TailorRules.Tailor(organization, roles, culture, measures.ToDictionary(m => m.Key, m => (IReadOnlyList<string>)m.Value.Select(x => x.Text).ToList()));
            var unfilled = chapters.SelectMany(c => c.Unfilled).Distinct().ToList();
            if (unfilled.Count > 0)
            {
                console.Error.WriteLine($"mamori: {Text.Format(CliText.BaselineUnfilled, string.Join(", ", unfilled))}");
                return ExitCodes.Rejected;
            }

            var text = new StringBuilder();
            foreach (var chapter in chapters)
            {
                text.AppendLine($"# {chapter.Chapter.Number} {chapter.Chapter.Title}").AppendLine().Append(chapter.Markdown);
            }

            console.Out.Write(text.ToString());
            return ExitCodes.Success;
        });
        return command;
    }
}
