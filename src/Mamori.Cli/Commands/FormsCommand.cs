using System.CommandLine;
using Mamori.Catalogs;
using Mamori.Cli.Output;
using Mamori.Cli.Resources;
using Mamori.Domain.Organizations;
using Mamori.Features;
using Mamori.Features.Policies;

namespace Mamori.Cli.Commands;

/// <summary>`mamori forms list|add --org SLUG [IDS…]`: the 5か条 and the forms (様式) an organization adds to its policy set.</summary>
internal static class FormsCommand
{
    public static Command Build(CliConsole console, TimeProvider time)
    {
        var command = new Command("forms", CliText.FormsDescription);
        command.Subcommands.Add(List(console));
        command.Subcommands.Add(Add(console, time));
        return command;
    }

    private static Command List(CliConsole console)
    {
        var target = new OrganizationOptions();
        var format = CommonOptions.Format("table", "json");
        var command = new Command("list", CliText.FormsListDescription) { target.Organization, format, target.Db, target.Connection };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var opened = await target.OpenAsync(parsed, console, cancellationToken);
            if (opened is null)
            {
                return ExitCodes.Rejected;
            }

            var added = await AddForms.AddedAsync(opened.Db, cancellationToken);
            var forms = FormCatalog.For(CommonOptions.Culture).Forms;
            if (parsed.GetValue(format) == "json")
            {
                JsonOutput.Write(console.Out, forms.Select(f => new { f.Id, f.Title, f.Summary, Added = added.Contains(f.Id) }));
                return ExitCodes.Success;
            }

            TextTable.Write(
                console.Out,
                [CliText.ColumnId, CliText.ColumnFormTitle, CliText.ColumnNote],
                forms.Select(f => (IReadOnlyList<string>)[f.Id, f.Title, added.Contains(f.Id) ? CliText.FormsAdded : ""]));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Add(CliConsole console, TimeProvider time)
    {
        var target = new OrganizationOptions();
        var ids = new Argument<string[]>("ID") { Description = CliText.ArgumentFormIds, Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("add", CliText.FormsAddDescription) { target.Organization, ids, target.Db, target.Connection };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var opened = await target.OpenAsync(parsed, console, cancellationToken);
            if (opened is null)
            {
                return ExitCodes.Rejected;
            }

            var chosen = parsed.GetValue(ids) is { Length: > 0 } named ? named : [.. FormCatalog.Files];
            // Whoever runs the command on the server's own database acts for the organization, as its administrator.
            var operatorMembership = new Membership(opened.Organization.Id, "cli", MemberRole.Administrator);
            var result = await AddForms.HandleAsync(opened.Db, operatorMembership, chosen, "cli", time.GetUtcNow(), CommonOptions.Culture, cancellationToken);
            if (result.Status != SaveStatus.Saved)
            {
                console.Error.WriteLine($"mamori: {Text.Format(CliText.FormsUnknown, string.Join(", ", result.Unknown))}");
                return ExitCodes.Rejected;
            }

            foreach (var document in result.Added)
            {
                console.Out.WriteLine($"{document.Number} {document.Title}".Trim());
            }

            console.Out.WriteLine(Text.Format(CliText.FormsAddedCount, result.Added.Count, result.AlreadyThere.Count));
            return ExitCodes.Success;
        });
        return command;
    }
}
