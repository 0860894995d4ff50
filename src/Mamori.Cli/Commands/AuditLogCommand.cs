using System.CommandLine;
using System.Globalization;
using Mamori.Cli.Output;
using Mamori.Cli.Resources;
using Mamori.Features.Audit;
using Mamori.Web.Features.Audit;

namespace Mamori.Cli.Commands;

/// <summary>`mamori audit log --org SLUG [--page N] [--page-size N]`: one page of the audit log, newest first, as GET /audit answers it.</summary>
internal static class AuditLogCommand
{
    public static Command Build(CliConsole console)
    {
        var target = new OrganizationOptions();
        var format = CommonOptions.Format("table", "json");
        var page = new Option<int>("--page") { Description = CliText.OptionPage, DefaultValueFactory = _ => 1, HelpName = "N" };
        var pageSize = new Option<int>("--page-size") { Description = CliText.OptionPageSize, DefaultValueFactory = _ => 100, HelpName = "N" };
        var command = new Command("log", CliText.AuditLogDescription) { target.Organization, page, pageSize, format, target.Db, target.Connection };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var (number, size) = (parsed.GetValue(page), parsed.GetValue(pageSize));
            if (number < 1 || size is < 1 or > 1000)
            {
                console.Error.WriteLine("mamori: " + CliText.PageOutOfRange);
                return ExitCodes.Usage;
            }

            await using var opened = await target.OpenAsync(parsed, console, cancellationToken);
            if (opened is not { Organization: var organization, Db: var context })
            {
                return ExitCodes.Rejected;
            }

            var read = await ReadAuditLog.HandleAsync(context, number, size, cancellationToken);
            if (parsed.GetValue(format) == "json")
            {
                JsonOutput.Write(console.Out, new { read.Total, Page = number, PageSize = size, Items = read.Entries.Select(AuditEntryDto.From) });
                return ExitCodes.Success;
            }

            TextTable.Write(
                console.Out,
                ["#", CliText.ColumnAt, CliText.ColumnActor, CliText.ColumnAction, CliText.ColumnEntity],
                read.Entries.Select(e => (IReadOnlyList<string>)
                [
                    e.Sequence.ToString(CultureInfo.InvariantCulture),
                    e.At.LocalTime(organization).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    e.Actor,
                    e.Action.ToString(),
                    $"{e.EntityType} {e.EntityId}",
                ]));
            return ExitCodes.Success;
        });
        return command;
    }
}
