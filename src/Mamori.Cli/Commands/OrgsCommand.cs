using System.CommandLine;
using Mamori.Cli.Output;
using Mamori.Cli.Resources;
using Mamori.Data;
using Mamori.Domain.Risk;
using Mamori.Features.Archive;
using Mamori.Features.Organizations;

namespace Mamori.Cli.Commands;

/// <summary>`mamori orgs create|list|export|import`.</summary>
internal static class OrgsCommand
{
    public static Command Build(CliConsole console, TimeProvider time)
    {
        var command = new Command("orgs", CliText.OrgsDescription);
        command.Subcommands.Add(Create(console, time));
        command.Subcommands.Add(List(console));
        command.Subcommands.Add(Export(console, time));
        command.Subcommands.Add(Import(console, time));
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

    private static Command Export(CliConsole console, TimeProvider time)
    {
        var org = CommonOptions.Organization();
        var output = new Option<string>("--out") { Description = CliText.OptionArchiveOut, Required = true, HelpName = "FILE" };
        var db = CommonOptions.DbPath();
        var connection = CommonOptions.Connection();
        var command = new Command("export", CliText.OrgsExportDescription) { org, output, db, connection };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var database = await CommonOptions.OpenDatabaseAsync(parsed, db, connection, console, cancellationToken);
            var path = Path.GetFullPath(parsed.GetValue(output)!);
            if (File.Exists(path))
            {
                console.Error.WriteLine($"mamori: {Text.Format(CliText.ArchiveTargetExists, path)}");
                return ExitCodes.Rejected;
            }

            ExportOrganization.Result result;
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
            {
                result = await ExportOrganization.HandleAsync(database, parsed.GetValue(org)!, file, time, cancellationToken);
            }

            if (result.Manifest is not { } manifest)
            {
                File.Delete(path);
                console.Error.WriteLine($"mamori: {result.Problem}");
                return ExitCodes.Rejected;
            }

            console.Out.WriteLine(Text.Format(
                CliText.ArchiveWritten, manifest.Organization.Slug, path, manifest.Parts.Count, manifest.Parts.Sum(p => p.Rows ?? 0), manifest.Audit.Entries));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Import(CliConsole console, TimeProvider time)
    {
        var file = new Argument<FileInfo>("FILE") { Description = CliText.ArgumentArchiveFile };
        var slug = new Option<string?>("--slug") { Description = CliText.OptionImportSlug, HelpName = "NEW" };
        var db = CommonOptions.DbPath();
        var connection = CommonOptions.Connection();
        var command = new Command("import", CliText.OrgsImportDescription) { file, slug, db, connection };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var database = await CommonOptions.OpenDatabaseAsync(parsed, db, connection, console, cancellationToken);
            var path = parsed.GetValue(file)!.FullName;
            ImportOrganization.Result result;
            await using (var archive = File.OpenRead(path))
            {
                result = await ImportOrganization.HandleAsync(
                    database, archive, parsed.GetValue(slug), new Actor($"cli:{Environment.UserName}", time), cancellationToken);
            }

            if (result.Imported is not { } imported)
            {
                console.Error.WriteLine($"mamori: {result.Problem}");
                return ExitCodes.Rejected;
            }

            console.Out.WriteLine(Text.Format(CliText.ArchiveImported, imported.Name, imported.Slug));
            foreach (var note in result.Notes)
            {
                console.Out.WriteLine($"  {note}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
