using System.CommandLine;
using Mamori.Cli.Output;
using Mamori.Cli.Resources;
using Mamori.Features.Invitations;
using Mamori.Features.Organizations;
using Mamori.Web.Features.Organizations;
using Mamori.Web.Infrastructure.Api;

namespace Mamori.Cli.Commands;

/// <summary>`mamori members list|invitations --org SLUG`: the organization's members by role, then address, and its open invitations, as GET /members and /invitations answer them.</summary>
internal static class MembersCommand
{
    public static Command Build(CliConsole console, TimeProvider time) => new("members", CliText.MembersDescription) { List(console), Invitations(console, time) };

    /// <summary>`mamori members invitations --org SLUG`: the invitations still open, as GET /invitations answers them (all on one page).</summary>
    private static Command Invitations(CliConsole console, TimeProvider time)
    {
        var target = new OrganizationOptions();
        var format = CommonOptions.Format("table", "json");
        var command = new Command("invitations", CliText.MembersInvitationsDescription) { target.Organization, format, target.Db, target.Connection };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var opened = await target.OpenAsync(parsed, console, cancellationToken);
            if (opened is not { Organization: var organization, Db: var context })
            {
                return ExitCodes.Rejected;
            }

            var open = await InviteMember.PendingAsync(context, time.GetUtcNow(), cancellationToken);
            if (parsed.GetValue(format) == "json")
            {
                JsonOutput.Write(console.Out, new ApiPage<InvitationDto>(open.Count, 1, open.Count, [.. open.Select(InvitationDto.From)]));
                return ExitCodes.Success;
            }

            TextTable.Write(
                console.Out,
                [CliText.ColumnEmail, CliText.ColumnRole, CliText.ColumnDepartment, CliText.ColumnExpiresAt],
                open.Select(i => (IReadOnlyList<string>)
                [
                    i.Email,
                    i.Role.ToString(),
                    i.Department,
                    i.ExpiresAt.LocalTime(organization).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                ]));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List(CliConsole console)
    {
        var target = new OrganizationOptions();
        var format = CommonOptions.Format("table", "json");
        var command = new Command("list", CliText.MembersListDescription) { target.Organization, format, target.Db, target.Connection };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var opened = await target.OpenAsync(parsed, console, cancellationToken);
            if (opened is not { Db: var context })
            {
                return ExitCodes.Rejected;
            }

            var members = await ListMembers.HandleAsync(context, cancellationToken);
            if (parsed.GetValue(format) == "json")
            {
                JsonOutput.Write(console.Out, members.Select(MemberDto.From));
                return ExitCodes.Success;
            }

            TextTable.Write(
                console.Out,
                [CliText.ColumnEmail, CliText.ColumnDisplayName, CliText.ColumnRole, CliText.ColumnDepartment],
                members.Select(m => (IReadOnlyList<string>)[m.Email, m.DisplayName, m.Membership.Role.ToString(), m.Membership.Department]));
            return ExitCodes.Success;
        });
        return command;
    }
}
