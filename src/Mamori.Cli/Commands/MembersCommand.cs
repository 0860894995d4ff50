using System.CommandLine;
using Mamori.Cli.Output;
using Mamori.Cli.Resources;
using Mamori.Features.Organizations;
using Mamori.Web.Features.Organizations;

namespace Mamori.Cli.Commands;

/// <summary>`mamori members list --org SLUG`: the organization's members by role, then address, as GET /members answers them.</summary>
internal static class MembersCommand
{
    public static Command Build(CliConsole console) => new("members", CliText.MembersDescription) { List(console) };

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
