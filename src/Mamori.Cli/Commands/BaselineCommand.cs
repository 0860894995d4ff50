using System.CommandLine;
using System.Text;
using Mamori.Cli.Output;
using Mamori.Cli.Resources;
using Mamori.Features.Baseline;
using Mamori.Web.Features.Baseline;
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
        command.Subcommands.Add(Tailoring(console));
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

    /// <summary>`mamori baseline tailoring --org SLUG`: each chapter tailored, the roles' holders and what is still unset, as GET /baseline/tailoring answers them.</summary>
    private static Command Tailoring(CliConsole console)
    {
        var target = new OrganizationOptions();
        var format = CommonOptions.Format("table", "json");
        var command = new Command("tailoring", CliText.BaselineTailoringDescription) { target.Organization, format, target.Db, target.Connection };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var opened = await target.OpenAsync(parsed, console, cancellationToken);
            if (opened is not { Organization: var organization, Db: var context })
            {
                return ExitCodes.Rejected;
            }

            var tailoring = await BaselineApi.ReadTailoringAsync(context, organization, CommonOptions.Culture, cancellationToken);
            if (parsed.GetValue(format) == "json")
            {
                JsonOutput.Write(console.Out, tailoring);
                return ExitCodes.Success;
            }

            TextTable.Write(
                console.Out,
                [CliText.ColumnNumber, CliText.ColumnChapter, CliText.ColumnUnfilled],
                tailoring.Chapters.Select(c => (IReadOnlyList<string>)[c.Number, c.Title, c.Unfilled.Count == 0 ? "-" : string.Join(", ", c.Unfilled)]));
            TextTable.Write(
                console.Out,
                [CliText.ColumnRoleTitle, CliText.ColumnRoleHolders],
                tailoring.Roles.Select(r => (IReadOnlyList<string>)[r.Title, r.Holders]));
            return ExitCodes.Success;
        });
        return command;
    }
}
