using System.CommandLine;
using System.Globalization;
using Mamori.Cli.Output;
using Mamori.Cli.Resources;
using Mamori.Features.Audit;

namespace Mamori.Cli.Commands;

/// <summary>`mamori audit verify --org SLUG`: checks the organization's audit log hash chain.</summary>
internal static class AuditCommand
{
    public static Command Build(CliConsole console)
    {
        var org = CommonOptions.Organization();
        var db = CommonOptions.DbPath();
        var connection = CommonOptions.Connection();
        var verify = new Command("verify", CliText.AuditVerifyDescription) { org, db, connection };
        verify.SetAction(async (parsed, cancellationToken) =>
        {
            var database = await CommonOptions.OpenDatabaseAsync(parsed, db, connection, console, cancellationToken);
            if (await CommonOptions.FindOrganizationAsync(database, parsed.GetValue(org)!, console, cancellationToken) is not { } organization)
            {
                return ExitCodes.Rejected;
            }

            await using var context = database.Open(organization.Id);
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
        return new Command("audit", CliText.AuditDescription) { verify };
    }
}
