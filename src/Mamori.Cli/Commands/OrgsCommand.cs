using System.CommandLine;
using Mamori.Cli.Output;
using Mamori.Cli.Resources;
using Mamori.Domain.Risk;
using Mamori.Features.Organizations;

namespace Mamori.Cli.Commands;

/// <summary>`mamori orgs create|list`.</summary>
internal static class OrgsCommand
{
    public static Command Build(CliConsole console, TimeProvider time)
    {
        var command = new Command("orgs", CliText.OrgsDescription);
        command.Subcommands.Add(Create(console, time));
        command.Subcommands.Add(List(console));
        return command;
    }

    private static Command Create(CliConsole console, TimeProvider time)
    {
        var slug = new Argument<string>("SLUG") { Description = CliText.ArgumentSlug };
        var name = new Option<string>("--name") { Description = CliText.OptionOrgName, Required = true };
        var bands = new Option<string>("--bands")
        {
            Description = CliText.OptionBands,
            DefaultValueFactory = _ => RiskBandScheme.IpaKey,
        };
        bands.AcceptOnlyFromAmong(RiskBandScheme.IpaKey, RiskBandScheme.Iso27005Key);
        var db = CommonOptions.DbPath();
        var connection = CommonOptions.Connection();
        var command = new Command("create", CliText.OrgsCreateDescription) { slug, name, bands, db, connection };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var database = await CommonOptions.OpenDatabaseAsync(parsed, db, connection, console, cancellationToken);
            var request = new CreateOrganization.Request(parsed.GetValue(slug)!, parsed.GetValue(name)!, RiskBandScheme.FindPreset(parsed.GetValue(bands)!));
            var result = await CreateOrganization.HandleAsync(database, request, time, cancellationToken: cancellationToken);
            if (result.Created is not { } created)
            {
                console.Error.WriteLine($"mamori: {result.Problem}");
                return ExitCodes.Rejected;
            }

            console.Out.WriteLine(Text.Format(CliText.OrganizationCreated, created.Name, created.Slug));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List(CliConsole console)
    {
        var format = CommonOptions.Format("table", "json");
        var db = CommonOptions.DbPath();
        var connection = CommonOptions.Connection();
        var command = new Command("list", CliText.OrgsListDescription) { format, db, connection };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var database = await CommonOptions.OpenDatabaseAsync(parsed, db, connection, console, cancellationToken);
            var items = await ListOrganizations.ForSiteAdministratorAsync(database, cancellationToken);
            if (parsed.GetValue(format) == "json")
            {
                JsonOutput.Write(console.Out, items.Select(i => new
                {
                    i.Organization.Slug,
                    i.Organization.Name,
                    Bands = i.Organization.RiskBands.Key,
                    i.AssetCount,
                    i.Organization.CreatedAt,
                }));
                return ExitCodes.Success;
            }

            if (items.Count == 0)
            {
                console.Out.WriteLine(CliText.NoOrganizations);
                return ExitCodes.Success;
            }

            TextTable.Write(
                console.Out,
                [CliText.ColumnSlug, CliText.ColumnOrganizationName, CliText.ColumnAssetCount],
                items.Select(i => (IReadOnlyList<string>)[i.Organization.Slug, i.Organization.Name, AssessCommand.Number(i.AssetCount)]));
            return ExitCodes.Success;
        });
        return command;
    }
}
