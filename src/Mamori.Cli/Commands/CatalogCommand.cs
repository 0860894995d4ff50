using System.CommandLine;
using System.Globalization;
using Mamori.Catalogs;
using Mamori.Cli.Output;
using Mamori.Cli.Resources;
using Mamori.Domain.Catalog;

namespace Mamori.Cli.Commands;

/// <summary>`mamori catalog controls|threats|vulnerabilities|top10|scs`: the shipped catalogs.</summary>
internal static class CatalogCommand
{
    public static Command Build(CliConsole console)
    {
        var command = new Command("catalog", CliText.CatalogDescription);
        command.Subcommands.Add(Controls(console));
        command.Subcommands.Add(Threats(console));
        command.Subcommands.Add(Vulnerabilities(console));
        command.Subcommands.Add(Top10(console));
        command.Subcommands.Add(Scs(console));
        return command;
    }

    private static Command Controls(CliConsole console) => Listing(
        console,
        "controls",
        CliText.CatalogControlsDescription,
        catalogs => catalogs.Controls,
        c => new
        {
            c.Id,
            c.TitleJa,
            c.TitleEn,
            Theme = ThemeKey(c.Theme),
            c.Attributes.ControlTypes,
            c.Attributes.SecurityProperties,
            c.Attributes.CybersecurityConcepts,
            c.Attributes.OperationalCapabilities,
            c.NewIn2022,
            c.TitleJaAlternatives,
        },
        () => [CliText.ColumnId, CliText.ColumnTheme, CliText.ColumnControl, CliText.ColumnControlType, CliText.ColumnProperties],
        (catalogs, c, culture) =>
        [
            c.Id,
            catalogs.Themes.First(t => t.Theme == c.Theme).Title(culture),
            c.Title(culture),
            string.Join('/', c.Attributes.ControlTypes.Select(t => catalogs.AttributeLabelOf("controlTypes", t).Text(culture))),
            string.Join("", c.Attributes.SecurityProperties.Select(p => char.ToUpperInvariant(p[0]))),
        ]);

    private static Command Threats(CliConsole console) => Listing(
        console,
        "threats",
        CliText.CatalogThreatsDescription,
        catalogs => catalogs.Threats,
        t => new
        {
            t.Id,
            t.Category,
            t.TitleJa,
            t.TitleEn,
            Origins = t.OriginCodes.Split('/'),
            Controls = t.ControlIds,
            t.AliasesJa,
        },
        () => [CliText.ColumnId, CliText.ColumnCategory, CliText.ColumnThreat, CliText.ColumnOrigin, CliText.ColumnControls],
        (catalogs, t, culture) =>
        [
            t.Id,
            catalogs.ThreatCategories.First(c => c.Id == t.Category).Title(culture),
            t.Title(culture),
            t.OriginCodes,
            string.Join(", ", t.ControlIds),
        ]);

    private static Command Vulnerabilities(CliConsole console) => Listing(
        console,
        "vulnerabilities",
        CliText.CatalogVulnerabilitiesDescription,
        catalogs => catalogs.Vulnerabilities,
        v => new
        {
            v.Id,
            AssetType = v.AssetType.ToString().ToLowerInvariant(),
            v.TitleJa,
            v.TitleEn,
            Threats = v.ThreatIds,
            Controls = v.ControlIds,
        },
        () => [CliText.ColumnId, CliText.ColumnAssetType, CliText.ColumnVulnerability, CliText.ColumnThreats],
        (catalogs, v, culture) =>
        [
            v.Id,
            catalogs.AssetTypes.First(a => a.Type == v.AssetType).Title(culture),
            v.Title(culture),
            string.Join(", ", v.ThreatIds.Select(id => catalogs.FindThreat(id) is { } t ? t.Title(culture) : id)),
        ]);

    private static Command Scs(CliConsole console) => Listing(
        console,
        "scs",
        CliText.CatalogScsDescription,
        _ => ScsCatalog.Default.Criteria,
        c => new
        {
            c.Id,
            Requirement = c.RequirementId,
            Category = c.CategoryId,
            c.Level,
            c.Text,
            c.Meaning,
            c.Evidence,
            c.Yearly,
            c.AnnexA,
            c.SelfDiagnosis,
            c.Measures,
            c.RuleValue,
            c.MoreRuleValues,
            Register = c.Register is { } register ? ScsCatalog.RegisterKey(register) : null,
        },
        () => [CliText.ColumnId, CliText.ColumnCategory, CliText.ColumnCriterion, CliText.ColumnRecurringCheck, CliText.ColumnControls],
        (_, c, culture) =>
        [
            c.Id,
            ScsCatalog.Default.FindCategory(c.CategoryId)!.Title.In(culture),
            c.Text.In(culture),
            c.Yearly ? "✓" : "",
            string.Join(", ", c.AnnexA),
        ]);

    /// <summary>A verb that prints one catalog as a table (in the user's language) or as JSON.</summary>
    private static Command Listing<T>(
        CliConsole console,
        string name,
        string description,
        Func<CatalogSet, IEnumerable<T>> items,
        Func<T, object> json,
        Func<IReadOnlyList<string>> headers,
        Func<CatalogSet, T, CultureInfo, IReadOnlyList<string>> row)
    {
        var format = CommonOptions.Format("table", "json");
        var command = new Command(name, description) { format };
        command.SetAction(parsed =>
        {
            var catalogs = CatalogSet.Default;
            if (parsed.GetValue(format) == "json")
            {
                JsonOutput.Write(console.Out, items(catalogs).Select(json));
            }
            else
            {
                TextTable.Write(console.Out, headers(), items(catalogs).Select(item => row(catalogs, item, CommonOptions.Culture)));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Top10(CliConsole console)
    {
        var format = CommonOptions.Format("table", "json");
        var year = new Option<int?>("--year") { Description = CliText.OptionYear, HelpName = "YYYY" };
        var command = new Command("top10", CliText.CatalogTop10Description) { year, format };
        command.SetAction(parsed =>
        {
            var catalogs = CatalogSet.Default;
            var chosen = parsed.GetValue(year) ?? catalogs.TopThreatYears[^1];
            var entries = catalogs.TopThreatsOf(chosen);
            if (entries.Count == 0)
            {
                console.Error.WriteLine($"mamori: {Text.Format(CliText.Top10YearUnknown, chosen, string.Join(", ", catalogs.TopThreatYears))}");
                return ExitCodes.Rejected;
            }

            if (parsed.GetValue(format) == "json")
            {
                JsonOutput.Write(console.Out, entries.Select(e => new { e.Year, e.Rank, Topic = e.TopicId, e.TitleJa, e.TitleEn, e.FirstSelected }));
                return ExitCodes.Success;
            }

            console.Out.WriteLine(Text.Format(CliText.Top10Heading, chosen));
            TextTable.Write(
                console.Out,
                [CliText.ColumnRank, CliText.ColumnThreat, CliText.ColumnTopic],
                entries.Select(e => (IReadOnlyList<string>)
                [
                    e.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    e.Title(CommonOptions.Culture) + (e.FirstSelected ? CliText.Top10FirstSelected : ""),
                    e.TopicId,
                ]));
            return ExitCodes.Success;
        });
        return command;
    }

    private static string ThemeKey(ControlTheme theme) => theme switch
    {
        ControlTheme.Organizational => "organizational",
        ControlTheme.People => "people",
        ControlTheme.Physical => "physical",
        _ => "technological",
    };
}
