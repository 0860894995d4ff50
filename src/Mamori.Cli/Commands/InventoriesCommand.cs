using System.CommandLine;
using Mamori.Cli.Output;
using Mamori.Cli.Resources;
using Mamori.Domain.Inventories;
using Mamori.Domain.Organizations;
using Mamori.Features;
using Mamori.Features.Inventories;

namespace Mamori.Cli.Commands;

/// <summary>
/// `mamori inventories list|import|export --kind devices|networks|external-services|admin-ids`: the four
/// small inventories through the same use cases as their pages; whoever runs the command on the server's
/// own database acts for the organization, as its administrator.
/// </summary>
internal static class InventoriesCommand
{
    public static Command Build(CliConsole console)
    {
        var command = new Command("inventories", CliText.InventoriesDescription);
        command.Subcommands.Add(List(console));
        command.Subcommands.Add(Import(console));
        command.Subcommands.Add(Export(console));
        return command;
    }

    private static Option<string> KindOption()
    {
        var option = new Option<string>("--kind") { Description = CliText.OptionInventoryKind, Required = true, HelpName = "KIND" };
        option.AcceptOnlyFromAmong([.. Inventory.Kinds.Select(Inventory.Slug)]);
        return option;
    }

    private static Command List(CliConsole console)
    {
        var target = new OrganizationOptions();
        var kind = KindOption();
        var format = CommonOptions.Format("table", "json");
        var command = new Command("list", CliText.InventoriesListDescription) { target.Organization, kind, format, target.Db, target.Connection };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var opened = await target.OpenAsync(parsed, console, cancellationToken);
            if (opened is null)
            {
                return ExitCodes.Rejected;
            }

            var inventory = Inventory.FromSlug(parsed.GetValue(kind))!.Value;
            var items = await ListInventory.EntriesAsync(opened.Db, inventory, cancellationToken);
            var columns = Inventory.Columns(inventory);
            if (parsed.GetValue(format) == "json")
            {
                JsonOutput.Write(console.Out, new
                {
                    Organization = opened.Organization.Slug,
                    Kind = Inventory.Slug(inventory),
                    Items = items.Select(i => columns.ToDictionary(c => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(c.Key), c => c.Get(i))
                        .Append(KeyValuePair.Create("lacksSomething", (object?)Inventory.LacksSomething(i)))
                        .ToDictionary()),
                });
                return ExitCodes.Success;
            }

            if (items.Count == 0)
            {
                console.Out.WriteLine(Text.Format(CliText.InventoryEmpty, Inventory.Title(inventory, CommonOptions.Culture), opened.Organization.Slug, Inventory.Slug(inventory)));
                return ExitCodes.Success;
            }

            TextTable.Write(console.Out, [.. columns.Select(c => c.Header(CommonOptions.Culture))], items.Select(i => (IReadOnlyList<string>)[.. columns.Select(c => c.Display(i))]));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Import(CliConsole console)
    {
        var file = new Argument<FileInfo>("FILE") { Description = CliText.ArgumentInventoryFile };
        var target = new OrganizationOptions();
        var kind = KindOption();
        var command = new Command("import", CliText.InventoriesImportDescription) { file, target.Organization, kind, target.Db, target.Connection };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var path = parsed.GetValue(file)!;
            if (!path.Exists)
            {
                console.Error.WriteLine($"mamori: {Text.Format(CliText.FileNotFound, path.FullName)}");
                return ExitCodes.Rejected;
            }

            await using var opened = await target.OpenAsync(parsed, console, cancellationToken);
            if (opened is null)
            {
                return ExitCodes.Rejected;
            }

            var inventory = Inventory.FromSlug(parsed.GetValue(kind))!.Value;
            var operatorMembership = new Membership(opened.Organization.Id, "cli", MemberRole.Administrator);
            await using var content = path.OpenRead();
            var result = await ImportInventory.HandleAsync(opened.Db, operatorMembership, inventory, content, path.Name, cancellationToken);
            if (result.Status != SaveStatus.Saved)
            {
                ProblemReport.Write(console, Text.Format(CliText.ImportRejected, result.Problems.Count), result.Problems);
                return ExitCodes.Rejected;
            }

            console.Out.WriteLine(Text.Format(CliText.InventoryImported, result.Imported, Inventory.Title(inventory, CommonOptions.Culture), opened.Organization.Name));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Export(CliConsole console)
    {
        var target = new OrganizationOptions();
        var kind = KindOption();
        var format = CommonOptions.Format("xlsx", "csv");
        var output = new Option<string>("--out") { Description = CliText.OptionExportOut, Required = true, HelpName = "PATH" };
        var command = new Command("export", CliText.InventoriesExportDescription) { target.Organization, kind, format, output, target.Db, target.Connection };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var path = Path.GetFullPath(parsed.GetValue(output)!);
            if (File.Exists(path))
            {
                console.Error.WriteLine($"mamori: {Text.Format(CliText.ExportTargetExists, path)}");
                return ExitCodes.Rejected;
            }

            await using var opened = await target.OpenAsync(parsed, console, cancellationToken);
            if (opened is null)
            {
                return ExitCodes.Rejected;
            }

            var inventory = Inventory.FromSlug(parsed.GetValue(kind))!.Value;
            var items = await ListInventory.EntriesAsync(opened.Db, inventory, cancellationToken);
            await using (var written = File.Create(path))
            {
                if (parsed.GetValue(format) == "csv")
                {
                    await ExportInventory.WriteCsvAsync(written, inventory, items, CommonOptions.Culture, cancellationToken);
                }
                else
                {
                    await ExportInventory.WriteXlsxAsync(written, inventory, items, CommonOptions.Culture, cancellationToken);
                }
            }

            console.Out.WriteLine(Text.Format(CliText.ExportWritten, path));
            return ExitCodes.Success;
        });
        return command;
    }
}
