using System.CommandLine;
using Mamori.Catalogs;
using Mamori.Cli.Output;
using Mamori.Cli.Resources;
using Mamori.Features.Quick;
using Mamori.Web.Features.Quick;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Cli.Commands;

/// <summary>`mamori quick --org SLUG --threats ID,... [--format md]`: the Lv.1 standards and procedures for those threats, printed (nothing stored).</summary>
internal static class QuickCommand
{
    public static Command Build(CliConsole console)
    {
        var target = new OrganizationOptions();
        var threats = new Option<string>("--threats") { Description = CliText.OptionThreats, Required = true, HelpName = "ID,..." };
        var format = CommonOptions.Format("md");
        var command = new Command("quick", CliText.QuickDescription) { target.Organization, threats, format, target.Db, target.Connection };
        command.Subcommands.Add(Threats(console));
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var culture = CommonOptions.Culture;
            var topics = parsed.GetValue(threats)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var unknown = topics.Where(t => QuickCatalog.For(culture).StandardFor(t) is null).ToList();
            if (unknown.Count > 0)
            {
                console.Error.WriteLine($"mamori: {Text.Format(CliText.QuickUnknownThreats, string.Join(", ", unknown), string.Join(", ", CatalogSet.Default.Topics.Select(t => t.Id)))}");
                return ExitCodes.Rejected;
            }

            await using var opened = await target.OpenAsync(parsed, console, cancellationToken);
            if (opened is not { Organization: var organization, Db: var context })
            {
                return ExitCodes.Rejected;
            }

            var roles = await context.PolicyRoles.AsNoTracking().ToListAsync(cancellationToken);
            var generated = topics.Distinct().Select(t => GenerateStandards.Generate(t, organization, roles, GenerateStandards.Edits.None, culture));
            console.Out.Write(GenerateStandards.ToMarkdown(generated));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>`mamori quick threats --org SLUG [--year N]`: the year's top-10 threats ranked for the organization, as GET /quick/threats answers them.</summary>
    private static Command Threats(CliConsole console)
    {
        var target = new OrganizationOptions();
        var year = new Option<int?>("--year") { Description = CliText.OptionYear, HelpName = "YYYY" };
        var format = CommonOptions.Format("table", "json");
        var command = new Command("threats", CliText.QuickThreatsDescription) { target.Organization, year, format, target.Db, target.Connection };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var opened = await target.OpenAsync(parsed, console, cancellationToken);
            if (opened is not { Organization: var organization, Db: var context })
            {
                return ExitCodes.Rejected;
            }

            var culture = CommonOptions.Culture;
            var ranked = await RankThreats.HandleAsync(context, organization, parsed.GetValue(year), culture, cancellationToken);
            if (parsed.GetValue(format) == "json")
            {
                JsonOutput.Write(console.Out, ranked.Select(r => new RankedThreatDto(
                    r.Entry.Year, r.Entry.Rank, r.Topic.Id, r.Entry.Title(culture), r.Score, r.Applies, r.Reasons, [.. r.Cases.Select(c => c.Title)])));
                return ExitCodes.Success;
            }

            TextTable.Write(
                console.Out,
                [CliText.ColumnRank, CliText.ColumnTopic, CliText.ColumnThreat, CliText.ColumnScore],
                ranked.Select(r => (IReadOnlyList<string>)
                [
                    r.Entry.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    r.Topic.Id,
                    r.Entry.Title(culture),
                    r.Score.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ]));
            return ExitCodes.Success;
        });
        return command;
    }
}
