using System.CommandLine;
using System.Globalization;
using Mamori.Cli.Output;
using Mamori.Cli.Resources;
using Mamori.Features.Organizations;
using Mamori.Features.Policies;
using Mamori.Web.Features.Policies;
using Mamori.Web.Infrastructure.Api;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Cli.Commands;

/// <summary>
/// `mamori procedures list --org SLUG --user EMAIL`: the published procedures that apply to that member, with
/// whether they have acknowledged each, as GET /procedures answers its caller (all on one page).
/// </summary>
internal static class ProceduresCommand
{
    public static Command Build(CliConsole console, TimeProvider time) => new("procedures", CliText.ProceduresDescription) { List(console, time) };

    private static Command List(CliConsole console, TimeProvider time)
    {
        var target = new OrganizationOptions();
        var user = new Option<string>("--user") { Description = CliText.OptionProceduresUser, Required = true, HelpName = "EMAIL" };
        var format = CommonOptions.Format("table", "json");
        var command = new Command("list", CliText.ProceduresListDescription) { target.Organization, user, format, target.Db, target.Connection };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var opened = await target.OpenAsync(parsed, console, cancellationToken);
            if (opened is not { Organization: var organization, Db: var context })
            {
                return ExitCodes.Rejected;
            }

            var email = parsed.GetValue(user)!.Trim();
            var membership = (await ListMembers.HandleAsync(context, cancellationToken)).FirstOrDefault(m => string.Equals(m.Email, email, StringComparison.OrdinalIgnoreCase))?.Membership;
            if (membership is null)
            {
                console.Error.WriteLine("mamori: " + Text.Format(CliText.MemberNotFound, email, organization.Name));
                return ExitCodes.Rejected;
            }

            var culture = CommonOptions.Culture;
            var mine = await Acknowledgements.ForMemberAsync(context, membership, cancellationToken);
            if (parsed.GetValue(format) == "json")
            {
                var roles = await context.PolicyRoles.AsNoTracking().OrderBy(r => r.Order).ToListAsync(cancellationToken);
                var today = time.Today(organization);
                JsonOutput.Write(console.Out, new ApiPage<ProcedureDto>(mine.Count, 1, mine.Count,
                    [.. mine.Select(p => ProcedureDto.From(p, RenderPolicy.Fill(p.Published.Body, organization, roles, p.Document, p.Published, today, culture).Text))]));
                return ExitCodes.Success;
            }

            TextTable.Write(
                console.Out,
                [CliText.ColumnDocumentNumber, CliText.ColumnDocumentTitle, CliText.ColumnPublishedVersion, CliText.ColumnAcknowledgedAt],
                mine.Select(p => (IReadOnlyList<string>)
                [
                    p.Document.Number,
                    p.Document.Title,
                    p.Published.Number.ToString(CultureInfo.InvariantCulture),
                    p.AcknowledgedAt?.LocalTime(organization).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "-",
                ]));
            return ExitCodes.Success;
        });
        return command;
    }
}
