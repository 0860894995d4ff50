using System.CommandLine;
using System.Globalization;
using Mamori.Cli.Output;
using Mamori.Cli.Resources;
using Mamori.Domain.Policies;
using Mamori.Features.Policies;
using Mamori.Web.Features.Policies;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Cli.Commands;

/// <summary>
/// `mamori policy list|show|roles --org SLUG`: the policy set's documents with where each stands, one
/// document with its versions (JSON) or one version's text (Markdown), and the roles table, as GET /documents,
/// /documents/{id}/versions and /roles answer them.
/// </summary>
internal static class PolicyDocumentsCommand
{
    public static Command List(CliConsole console, TimeProvider time)
    {
        var target = new OrganizationOptions();
        var format = CommonOptions.Format("table", "json");
        var command = new Command("list", CliText.PolicyListDescription) { target.Organization, format, target.Db, target.Connection };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var opened = await target.OpenAsync(parsed, console, cancellationToken);
            if (opened is not { Organization: var organization, Db: var context })
            {
                return ExitCodes.Rejected;
            }

            var items = await DocumentStatus.ListAsync(context, time.Today(organization), cancellationToken);
            if (parsed.GetValue(format) == "json")
            {
                JsonOutput.Write(console.Out, items.Select(DocumentDto.From));
                return ExitCodes.Success;
            }

            if (items.Count == 0)
            {
                console.Out.WriteLine(Text.Format(CliText.NoDocuments, organization.Name));
                return ExitCodes.Success;
            }

            TextTable.Write(
                console.Out,
                [CliText.ColumnDocumentNumber, CliText.ColumnDocumentTitle, CliText.ColumnDocumentKind, CliText.ColumnLatestVersion, CliText.ColumnPublishedVersion, CliText.ColumnNextReview, CliText.ColumnId],
                items.Select(i => (IReadOnlyList<string>)
                [
                    i.Document.Number,
                    i.Document.Title,
                    i.Document.Kind.ToString(),
                    i.Latest is { } latest ? $"{latest.Number.ToString(CultureInfo.InvariantCulture)} {latest.Status}" : "-",
                    i.Published?.Number.ToString(CultureInfo.InvariantCulture) ?? "-",
                    i.Document.NextReviewOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-",
                    i.Document.Id.ToString(),
                ]));
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Show(CliConsole console)
    {
        var document = new Argument<string>("DOCUMENT") { Description = CliText.ArgumentDocument };
        var target = new OrganizationOptions();
        var version = new Option<int?>("--version") { Description = CliText.OptionDocumentVersion, HelpName = "N" };
        var format = CommonOptions.Format("md", "json");
        var command = new Command("show", CliText.PolicyShowDescription) { document, target.Organization, version, format, target.Db, target.Connection };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var opened = await target.OpenAsync(parsed, console, cancellationToken);
            if (opened is not { Organization: var organization, Db: var context })
            {
                return ExitCodes.Rejected;
            }

            var named = parsed.GetValue(document)!;
            var found = Guid.TryParse(named, out var id)
                ? await context.PolicyDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken)
                : (await context.PolicyDocuments.AsNoTracking().Where(d => d.Number == named).ToListAsync(cancellationToken)) is [var only] ? only : null;
            if (found is null)
            {
                console.Error.WriteLine("mamori: " + Text.Format(CliText.DocumentNotFound, named, organization.Name));
                return ExitCodes.Rejected;
            }

            var versions = await context.DocumentVersions.AsNoTracking().Where(v => v.DocumentId == found.Id).OrderBy(v => v.Number).ToListAsync(cancellationToken);
            var chosen = parsed.GetValue(version) is { } number ? versions.SingleOrDefault(v => v.Number == number) : Shown(versions);
            if (parsed.GetValue(version) is { } asked && chosen is null)
            {
                console.Error.WriteLine("mamori: " + Text.Format(CliText.DocumentVersionNotFound, asked, found.Title));
                return ExitCodes.Rejected;
            }

            if (parsed.GetValue(format) == "json")
            {
                JsonOutput.Write(console.Out, new
                {
                    Document = new { found.Id, Kind = found.Kind.ToString(), found.Number, found.Title, found.Scope, found.Audiences, found.ControlIds, found.ReviewIntervalMonths, found.NextReviewOn, found.Version },
                    Versions = versions.Select(VersionDto.From),
                });
                return ExitCodes.Success;
            }

            console.Out.Write(chosen?.Body ?? "");
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Roles(CliConsole console)
    {
        var target = new OrganizationOptions();
        var format = CommonOptions.Format("table", "json");
        var command = new Command("roles", CliText.PolicyRolesDescription) { target.Organization, format, target.Db, target.Connection };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var opened = await target.OpenAsync(parsed, console, cancellationToken);
            if (opened is not { Db: var context })
            {
                return ExitCodes.Rejected;
            }

            var roles = await context.PolicyRoles.AsNoTracking().OrderBy(r => r.Order).ThenBy(r => r.Id).ToListAsync(cancellationToken);
            if (parsed.GetValue(format) == "json")
            {
                JsonOutput.Write(console.Out, new { Rows = roles.Select(r => new RoleDto(r.Id, r.Title, r.Responsibility, r.Holders, r.Key)) });
                return ExitCodes.Success;
            }

            TextTable.Write(
                console.Out,
                [CliText.ColumnRoleTitle, CliText.ColumnRoleHolders, CliText.ColumnRoleResponsibility],
                roles.Select(r => (IReadOnlyList<string>)[r.Title, r.Holders, r.Responsibility]));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The version a reader means without naming one: the published one, else the latest.</summary>
    private static DocumentVersion? Shown(IReadOnlyList<DocumentVersion> versions) =>
        versions.LastOrDefault(v => v.Status == VersionStatus.Published) ?? versions.LastOrDefault();
}
