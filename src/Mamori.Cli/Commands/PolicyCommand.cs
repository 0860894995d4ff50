using System.CommandLine;
using Mamori.Cli.Output;
using Mamori.Cli.Resources;
using Mamori.Domain.Organizations;
using Mamori.Features.Policies;
using Mamori.Resources;

namespace Mamori.Cli.Commands;

/// <summary>`mamori policy check --org SLUG`: the consistency check over the whole policy set; exit code 1 when it finds anything.</summary>
internal static class PolicyCommand
{
    public static Command Build(CliConsole console, TimeProvider time)
    {
        var command = new Command("policy", CliText.PolicyDescription);
        command.Subcommands.Add(Check(console, time));
        command.Subcommands.Add(PolicyDocumentsCommand.List(console, time));
        command.Subcommands.Add(PolicyDocumentsCommand.Show(console));
        command.Subcommands.Add(PolicyDocumentsCommand.Roles(console));
        command.Subcommands.Add(PolicyHistoryCommand.Versions(console));
        command.Subcommands.Add(PolicyHistoryCommand.Compare(console));
        command.Subcommands.Add(PolicyHistoryCommand.Readers(console));
        return command;
    }

    private static Command Check(CliConsole console, TimeProvider time)
    {
        var target = new OrganizationOptions();
        var format = CommonOptions.Format("text", "json");
        var command = new Command("check", CliText.PolicyCheckDescription) { target.Organization, format, target.Db, target.Connection };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var opened = await target.OpenAsync(parsed, console, cancellationToken);
            if (opened is null)
            {
                return ExitCodes.Rejected;
            }

            var (organization, culture) = (opened.Organization, CommonOptions.Culture);
            // Whoever runs the command on the server's own database reads the set as the organization's administrator.
            var reader = new Membership(organization.Id, "cli", MemberRole.Administrator);
            var findings = (await CheckPolicySet.HandleAsync(opened.Db, reader, organization, time.Today(organization), culture, cancellationToken))!;
            if (parsed.GetValue(format) == "json")
            {
                JsonOutput.Write(console.Out, findings.Select(f => new
                {
                    Kind = CheckPolicySet.Code(f.Kind),
                    Document = new { f.DocumentNumber, f.DocumentTitle },
                    f.Section,
                    f.Text,
                    f.Detail,
                }));
            }
            else
            {
                Write(console.Out, findings, culture);
            }

            return findings.Count == 0 ? ExitCodes.Success : ExitCodes.Rejected;
        });
        return command;
    }

    /// <summary>Findings grouped by kind: the document and section on one line, the text and what is wrong under it.</summary>
    private static void Write(TextWriter output, IReadOnlyList<CheckPolicySet.Finding> findings, System.Globalization.CultureInfo culture)
    {
        string Resource(string name) => CheckText.ResourceManager.Text(name, culture);
        if (findings.Count == 0)
        {
            output.WriteLine(Resource(nameof(CheckText.NoFindings)));
            return;
        }

        foreach (var group in findings.GroupBy(f => f.Kind))
        {
            output.WriteLine($"{Resource($"Kind{group.Key}")} ({group.Count()})");
            foreach (var finding in group)
            {
                var place = string.Join(" › ", new[] { $"{finding.DocumentNumber} {finding.DocumentTitle}".Trim(), finding.Section }.Where(p => p.Length > 0));
                output.WriteLine($"  {place}");
                if (finding.Text.Length > 0)
                {
                    output.WriteLine($"    {finding.Text}");
                }

                output.WriteLine($"    → {finding.Detail}");
            }

            output.WriteLine();
        }

        output.WriteLine(string.Format(culture, Resource(nameof(CheckText.FindingCount)), findings.Count));
    }
}
