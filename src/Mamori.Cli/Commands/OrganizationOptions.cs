using System.CommandLine;
using Mamori.Cli.Output;
using Mamori.Cli.Resources;
using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Features.Organizations;

namespace Mamori.Cli.Commands;

/// <summary>
/// --org, --db and --connection, and what every verb on one organization does first: open the
/// database (migrating it when behind), find the organization or say that it does not exist.
/// </summary>
internal sealed class OrganizationOptions
{
    public Option<string> Organization { get; } = CommonOptions.Organization();

    public Option<string?> Db { get; } = CommonOptions.DbPath();

    public Option<string?> Connection { get; } = CommonOptions.Connection();

    /// <summary>The organization --org names, or null after telling the user it does not exist (exit with <see cref="ExitCodes.Rejected"/>).</summary>
    public async Task<OpenedOrganization?> OpenAsync(ParseResult parsed, CliConsole console, CancellationToken cancellationToken)
    {
        var database = await CommonOptions.OpenDatabaseAsync(parsed, Db, Connection, console, cancellationToken);
        var slug = parsed.GetValue(Organization)!;
        if (await ListOrganizations.FindAsync(database, slug, cancellationToken) is not { } organization)
        {
            console.Error.WriteLine($"mamori: {Text.Format(CliText.OrganizationNotFound, slug)}");
            return null;
        }

        return new(database, organization);
    }
}

/// <summary>The organization a verb works on, and its database.</summary>
internal sealed class OpenedOrganization(MamoriDatabase database, Organization organization) : IAsyncDisposable
{
    private MamoriDb? _db;

    public MamoriDatabase Database { get; } = database;

    public Organization Organization { get; } = organization;

    /// <summary>A context confined to the organization, opened when first asked for.</summary>
    public MamoriDb Db => _db ??= Database.Open(Organization.Id);

    public ValueTask DisposeAsync() => _db?.DisposeAsync() ?? ValueTask.CompletedTask;
}
