using System.CommandLine;
using System.Globalization;
using Mamori.Cli.Output;
using Mamori.Cli.Resources;
using Mamori.Features.Audit;

namespace Mamori.Cli.Commands;

/// <summary>
/// `mamori audit verify|imports|file --org SLUG`: checks the organization's audit log hash chain, lists
/// the register files its imports kept, and writes one of them out as uploaded.
/// </summary>
internal static class AuditCommand
{
    public static Command Build(CliConsole console) =>
        new("audit", CliText.AuditDescription) { Verify(console), Imports(console), KeptFile(console), AuditLogCommand.Build(console) };

    private static Command Verify(CliConsole console)
    {
        var target = new OrganizationOptions();
        var verify = new Command("verify", CliText.AuditVerifyDescription) { target.Organization, target.Db, target.Connection };
        verify.SetAction(async (parsed, cancellationToken) =>
        {
            await using var opened = await target.OpenAsync(parsed, console, cancellationToken);
            if (opened is not { Organization: var organization, Db: var context })
            {
                return ExitCodes.Rejected;
            }

            var result = await VerifyAuditLog.HandleAsync(context, cancellationToken);
            if (result.Problem is not { } problem)
            {
                console.Out.WriteLine(Text.Format(CliText.AuditIntact, result.Entries, result.HeadHash));
                return ExitCodes.Success;
            }

            var message = problem.Kind switch
            {
                VerifyAuditLog.Breach.Changed => CliText.AuditChanged,
                VerifyAuditLog.Breach.Inserted => CliText.AuditInserted,
                VerifyAuditLog.Breach.FileChanged => CliText.AuditFileChanged,
                _ => CliText.AuditDeleted,
            };
            console.Error.WriteLine("mamori: " + Text.Format(
                message, problem.Sequence, problem.EntryId, problem.At.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
                problem.MissingFrom ?? 0, problem.MissingTo ?? 0));
            return ExitCodes.Rejected;
        });
        return verify;
    }

    private static Command Imports(CliConsole console)
    {
        var target = new OrganizationOptions();
        var format = CommonOptions.Format("table", "json");
        var command = new Command("imports", CliText.AuditImportsDescription) { target.Organization, format, target.Db, target.Connection };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var opened = await target.OpenAsync(parsed, console, cancellationToken);
            if (opened is not { Organization: var organization, Db: var context })
            {
                return ExitCodes.Rejected;
            }

            var imports = await KeptImports.ListAsync(context, cancellationToken);
            if (parsed.GetValue(format) == "json")
            {
                JsonOutput.Write(console.Out, imports);
                return ExitCodes.Success;
            }

            if (imports.Count == 0)
            {
                console.Out.WriteLine(CliText.NoKeptImports);
                return ExitCodes.Success;
            }

            TextTable.Write(
                console.Out,
                [CliText.ColumnImportedAt, CliText.ColumnImportedBy, CliText.ColumnFileName, CliText.ColumnAssetCount, CliText.ColumnFileSize, CliText.ColumnId, "SHA-256"],
                imports.Select(i => (IReadOnlyList<string>)
                [
                    i.ImportedAt.LocalTime(organization).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    i.ImportedBy,
                    i.FileName,
                    AssessCommand.Number(i.AssetCount),
                    i.Size.ToString(CultureInfo.InvariantCulture),
                    i.Id.ToString(),
                    i.Sha256,
                ]));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command KeptFile(CliConsole console)
    {
        var id = new Argument<string>("IMPORT_ID") { Description = CliText.ArgumentImportId };
        var target = new OrganizationOptions();
        var output = new Option<string>("--out") { Description = CliText.OptionKeptFileOut, Required = true, HelpName = "FILE" };
        var command = new Command("file", CliText.AuditFileDescription) { id, target.Organization, output, target.Db, target.Connection };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            if (!Guid.TryParse(parsed.GetValue(id), out var importId))
            {
                console.Error.WriteLine("mamori: " + Text.Format(CliText.ImportIdInvalid, parsed.GetValue(id)!));
                return ExitCodes.Rejected;
            }

            var path = Path.GetFullPath(parsed.GetValue(output)!);
            if (File.Exists(path) || Directory.Exists(path))
            {
                console.Error.WriteLine("mamori: " + Text.Format(CliText.KeptFileOutExists, path));
                return ExitCodes.Rejected;
            }

            await using var opened = await target.OpenAsync(parsed, console, cancellationToken);
            if (opened is not { Organization: var organization, Db: var context })
            {
                return ExitCodes.Rejected;
            }

            if (await KeptImports.FindAsync(context, importId, cancellationToken) is not { } file)
            {
                console.Error.WriteLine("mamori: " + Text.Format(CliText.KeptImportNotFound, importId, organization.Name));
                return ExitCodes.Rejected;
            }

            // CreateNew: a file that appeared since the check above is not overwritten either.
            await using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
            {
                await stream.WriteAsync(file.Content, cancellationToken);
            }

            console.Out.WriteLine(Text.Format(CliText.KeptFileWritten, file.FileName, path));
            return ExitCodes.Success;
        });
        return command;
    }
}
