using System.CommandLine;
using System.Globalization;
using Mamori.Cli.Output;
using Mamori.Cli.Resources;
using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Features.Policies;
using Mamori.Web.Features.Policies;
using Mamori.Web.Infrastructure.Api;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Cli.Commands;

/// <summary>
/// `mamori policy versions|compare|readers DOCUMENT --org SLUG`: a document's 改訂履歴, two of its versions
/// compared line by line, and who has acknowledged a procedure, as GET /documents/{id}/versions, /compare and
/// /readers answer them (all on one page).
/// </summary>
internal static class PolicyHistoryCommand
{
    public static Command Versions(CliConsole console)
    {
        var document = new Argument<string>("DOCUMENT") { Description = CliText.ArgumentDocument };
        var target = new OrganizationOptions();
        var format = CommonOptions.Format("table", "json");
        var command = new Command("versions", CliText.PolicyVersionsDescription) { document, target.Organization, format, target.Db, target.Connection };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var opened = await target.OpenAsync(parsed, console, cancellationToken);
            if (opened is not { Organization: var organization, Db: var context }
                || await FindAsync(console, context, organization, parsed.GetValue(document)!, cancellationToken) is not { } found)
            {
                return ExitCodes.Rejected;
            }

            var versions = await context.DocumentVersions.AsNoTracking().Where(v => v.DocumentId == found.Id).OrderBy(v => v.Number).ToListAsync(cancellationToken);
            if (parsed.GetValue(format) == "json")
            {
                JsonOutput.Write(console.Out, new DocumentVersionsDto(found.Id, found.Version, new(versions.Count, 1, versions.Count, [.. versions.Select(VersionDto.From)])));
                return ExitCodes.Success;
            }

            TextTable.Write(
                console.Out,
                [CliText.ColumnNumber, CliText.ColumnVersionStatus, CliText.ColumnActor, CliText.ColumnAt, CliText.ColumnNote],
                versions.Select(v => (IReadOnlyList<string>)
                [
                    v.Number.ToString(CultureInfo.InvariantCulture),
                    v.Status.ToString(),
                    v.Author,
                    v.CreatedAt.LocalTime(organization).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                    v.Summary,
                ]));
            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Compare(CliConsole console)
    {
        var document = new Argument<string>("DOCUMENT") { Description = CliText.ArgumentDocument };
        var target = new OrganizationOptions();
        var from = new Option<int>("--from") { Description = CliText.OptionCompareFrom, Required = true, HelpName = "N" };
        var to = new Option<int>("--to") { Description = CliText.OptionCompareTo, Required = true, HelpName = "M" };
        var format = CommonOptions.Format("text", "json");
        var command = new Command("compare", CliText.PolicyCompareDescription) { document, target.Organization, from, to, format, target.Db, target.Connection };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var opened = await target.OpenAsync(parsed, console, cancellationToken);
            if (opened is not { Organization: var organization, Db: var context }
                || await FindAsync(console, context, organization, parsed.GetValue(document)!, cancellationToken) is not { } found)
            {
                return ExitCodes.Rejected;
            }

            var (older, newer) = (parsed.GetValue(from), parsed.GetValue(to));
            var versions = await context.DocumentVersions.AsNoTracking().Where(v => v.DocumentId == found.Id && (v.Number == older || v.Number == newer)).ToListAsync(cancellationToken);
            foreach (var number in new[] { older, newer }.Where(n => versions.All(v => v.Number != n)))
            {
                console.Error.WriteLine("mamori: " + Text.Format(CliText.DocumentVersionNotFound, number, found.Title));
                return ExitCodes.Rejected;
            }

            var lines = CompareVersions.Lines(versions.Single(v => v.Number == older).Body, versions.Single(v => v.Number == newer).Body);
            if (parsed.GetValue(format) == "json")
            {
                JsonOutput.Write(console.Out, new ComparisonDto(older, newer, [.. lines.Select(l => new ComparedLineDto(l.Change.ToString().ToLowerInvariant(), l.Text))]));
                return ExitCodes.Success;
            }

            foreach (var line in lines)
            {
                var mark = line.Change switch
                {
                    CompareVersions.Change.Added => "+ ",
                    CompareVersions.Change.Removed => "- ",
                    _ => "  ",
                };
                console.Out.WriteLine(mark + line.Text);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    public static Command Readers(CliConsole console)
    {
        var document = new Argument<string>("DOCUMENT") { Description = CliText.ArgumentDocument };
        var target = new OrganizationOptions();
        var format = CommonOptions.Format("table", "json");
        var command = new Command("readers", CliText.PolicyReadersDescription) { document, target.Organization, format, target.Db, target.Connection };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            await using var opened = await target.OpenAsync(parsed, console, cancellationToken);
            if (opened is not { Organization: var organization, Db: var context }
                || await FindAsync(console, context, organization, parsed.GetValue(document)!, cancellationToken) is not { } found)
            {
                return ExitCodes.Rejected;
            }

            var readers = await Acknowledgements.ReadersAsync(context, found.Id, cancellationToken);
            if (parsed.GetValue(format) == "json")
            {
                JsonOutput.Write(console.Out, new ApiPage<ReaderDto>(readers.Count, 1, readers.Count, [.. readers.Select(r => new ReaderDto(r.UserId, r.DisplayName, r.Email, r.AcknowledgedAt))]));
                return ExitCodes.Success;
            }

            TextTable.Write(
                console.Out,
                [CliText.ColumnEmail, CliText.ColumnDisplayName, CliText.ColumnAcknowledgedAt],
                readers.Select(r => (IReadOnlyList<string>)
                [
                    r.Email,
                    r.DisplayName,
                    r.AcknowledgedAt?.LocalTime(organization).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "-",
                ]));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The document named by its id or its number (as `policy show` takes it), or null with the reason on stderr.</summary>
    private static async Task<PolicyDocument?> FindAsync(CliConsole console, MamoriDb context, Organization organization, string named, CancellationToken cancellationToken)
    {
        var found = Guid.TryParse(named, out var id)
            ? await context.PolicyDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken)
            : (await context.PolicyDocuments.AsNoTracking().Where(d => d.Number == named).ToListAsync(cancellationToken)) is [var only] ? only : null;
        if (found is null)
        {
            console.Error.WriteLine("mamori: " + Text.Format(CliText.DocumentNotFound, named, organization.Name));
        }

        return found;
    }
}
