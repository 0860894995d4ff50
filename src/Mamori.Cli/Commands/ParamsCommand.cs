using System.CommandLine;
using Mamori.Catalogs;
using Mamori.Cli.Output;
using Mamori.Cli.Resources;
using Mamori.Domain.Organizations;
using Mamori.Features;
using Mamori.Features.RuleValues;

namespace Mamori.Cli.Commands;

/// <summary>`mamori params list|set --org SLUG`: the organization's rule values (規程の基準値).</summary>
internal static class ParamsCommand
{
    public static Command Build(CliConsole console)
    {
        var command = new Command("params", CliText.ParamsDescription);
        command.Subcommands.Add(List(console));
        command.Subcommands.Add(Set(console));
        return command;
    }

    private static Command List(CliConsole console)
    {
        var target = new OrganizationOptions();
        var format = CommonOptions.Format("table", "json");
        var command = new Command("list", CliText.ParamsListDescription) { target.Organization, format, target.Db, target.Connection };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var opened = await target.OpenAsync(parsed, console, cancellationToken);
            if (opened is null)
            {
                return ExitCodes.Rejected;
            }

            var organization = opened.Organization;
            var rows = ListRuleValues.Rows(organization, CommonOptions.Culture);
            if (parsed.GetValue(format) == "json")
            {
                JsonOutput.Write(console.Out, rows.Select(r => new
                {
                    r.Value.Key,
                    r.Value.Group,
                    Kind = r.Value.Kind.ToString().ToLowerInvariant(),
                    Value = r.Stored,
                    r.Shown,
                    r.Default,
                    r.Value.Unit,
                    r.Value.Label,
                    r.Value.Min,
                    r.Value.Max,
                    Choices = r.Value.Choices.Select(c => c.Key),
                    r.Value.Reason,
                }));
                return ExitCodes.Success;
            }

            TextTable.Write(
                console.Out,
                [CliText.ColumnKey, CliText.ColumnValue, CliText.ColumnUnit, CliText.ColumnLabel, CliText.ColumnNote],
                rows.Select(r => (IReadOnlyList<string>)[
                    r.Value.Key,
                    r.Value.Kind == RuleValueKind.Fact ? r.Shown : r.Input,
                    r.Value.Unit,
                    r.Value.Label,
                    r.Value.Kind == RuleValueKind.Fact ? CliText.ParamsFact : r.IsDefault ? CliText.ParamsDefault : ""]));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Set(CliConsole console)
    {
        var target = new OrganizationOptions();
        var assignments = new Argument<string[]>("KEY=VALUE") { Description = CliText.ArgumentAssignments, Arity = ArgumentArity.OneOrMore };
        var command = new Command("set", CliText.ParamsSetDescription) { target.Organization, assignments, target.Db, target.Connection };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var assignment in parsed.GetValue(assignments)!)
            {
                var equals = assignment.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    console.Error.WriteLine($"mamori: {Text.Format(CliText.ParamsNotAnAssignment, assignment)}");
                    return ExitCodes.Rejected;
                }

                values[assignment[..equals].Trim()] = assignment[(equals + 1)..];
            }

            await using var opened = await target.OpenAsync(parsed, console, cancellationToken);
            if (opened is null)
            {
                return ExitCodes.Rejected;
            }

            var (organization, context) = (opened.Organization, opened.Db);
            // Whoever runs the command on the server's own database acts for the organization, as its administrator.
            var operatorMembership = new Membership(organization.Id, "cli", MemberRole.Administrator);
            var result = await SaveRuleValues.HandleAsync(context, operatorMembership, new SaveRuleValues.Request(values), CommonOptions.Culture, cancellationToken);
            if (result.Status != SaveStatus.Saved)
            {
                foreach (var message in result.Errors.SelectMany(e => e.Value))
                {
                    console.Error.WriteLine($"mamori: {message}");
                }

                return ExitCodes.Rejected;
            }

            console.Out.WriteLine(result.Changed.Count == 0 ? CliText.ParamsNothingChanged : Text.Format(CliText.ParamsSaved, result.Changed.Count, string.Join(", ", result.Changed)));
            if (result.Flagged.Count > 0)
            {
                console.Out.WriteLine(Text.Format(CliText.ParamsFlagged, result.Flagged.Count));
                foreach (var document in result.Flagged)
                {
                    console.Out.WriteLine($"  {document.Number} {document.Title}".TrimEnd());
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
