using System.Data;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mamori.Data;
using Mamori.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Mamori.Features.Archive;

/// <summary>
/// Writes everything of one organization into one archive (a zip, docs/archive.md): a JSON part per
/// entity type that belongs to an organization (every row, every column), a part per stored file, the
/// accounts its rows name, and the manifest with each part's row count and SHA-256. All of it is read
/// in one transaction, so the archive is one moment of the organization.
/// </summary>
public static class ExportOrganization
{
    public sealed record Result(ArchiveManifest? Manifest, string? Problem);

    public static async Task<Result> HandleAsync(MamoriDatabase database, string slug, Stream output, TimeProvider time, CancellationToken cancellationToken = default)
    {
        await using var db = database.Open();
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var organization = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Slug == slug, cancellationToken);
        if (organization is null)
        {
            return new(null, string.Format(CultureInfo.CurrentCulture, ArchiveText.OrganizationNotFound, slug));
        }

        if (ArchiveTables.UnclaimedOrganizationTypes(db.Model) is { Count: > 0 } unclaimed)
        {
            throw new InvalidOperationException(
                $"{string.Join(", ", unclaimed.Select(ArchiveTables.Name))} point at an organization without implementing IBelongsToOrganization: an archive cannot carry them.");
        }

        var parts = new List<ArchivePart>();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            var named = new HashSet<string>(StringComparer.Ordinal);
            foreach (var type in ArchiveTables.OrganizationTypes(db.Model))
            {
                var rows = await ArchiveTables.ReadAsync(db, type, organization.Id, cancellationToken);
                var json = new JsonArray();
                foreach (var row in rows.OrderBy(r => KeyOf(type, r), StringComparer.Ordinal))
                {
                    json.Add(await RowAsync(zip, parts, type, row, cancellationToken));
                    named.UnionWith(row.OfType<string>().Where(s => Guid.TryParse(s, out _)));
                }

                parts.Add(await WritePartAsync(zip, ArchiveManifest.DataPart(ArchiveTables.Name(type)), JsonSerializer.SerializeToUtf8Bytes(json, ArchiveTables.Json), rows.Count, cancellationToken));
            }

            var users = await db.Users.AsNoTracking()
                .Where(u => named.Contains(u.Id))
                .Select(u => new ArchivedUser(u.Id, u.Email ?? u.UserName ?? "", u.DisplayName))
                .ToListAsync(cancellationToken);
            var ordered = users.OrderBy(u => u.Email, StringComparer.Ordinal).ThenBy(u => u.Id, StringComparer.Ordinal).ToList();
            parts.Add(await WritePartAsync(zip, ArchiveManifest.UsersPart, JsonSerializer.SerializeToUtf8Bytes(ordered, ArchiveTables.Json), ordered.Count, cancellationToken));

            var head = await db.AuditEntries.IgnoreQueryFilters().AsNoTracking()
                .Where(e => e.OrganizationId == organization.Id)
                .OrderByDescending(e => e.Sequence)
                .Select(e => new ArchivedAuditHead(e.Sequence, e.Hash))
                .FirstOrDefaultAsync(cancellationToken);
            var manifest = new ArchiveManifest(
                ArchiveManifest.FormatName,
                ArchiveManifest.CurrentVersion,
                ArchiveManifest.ThisVersion,
                database.Options.Provider.ToString(),
                new ArchivedOrganization(organization.Id, organization.Slug, organization.Name),
                time.GetUtcNow(),
                head ?? new ArchivedAuditHead(0, Domain.Audit.AuditEntry.Genesis),
                parts);
            await WritePartAsync(zip, ArchiveManifest.PartName, JsonSerializer.SerializeToUtf8Bytes(manifest, ArchiveTables.Json), null, cancellationToken);
            return new(manifest, null);
        }
    }

    /// <summary>A row as a JSON object by property name; a file's bytes go to a part of their own, which the row names.</summary>
    private static async Task<JsonObject> RowAsync(ZipArchive zip, List<ArchivePart> parts, IEntityType type, object?[] row, CancellationToken cancellationToken)
    {
        var json = new JsonObject();
        var properties = type.GetProperties().ToList();
        for (var i = 0; i < properties.Count; i++)
        {
            var property = properties[i];
            if (ArchiveTables.IsFile(property) && row[i] is byte[] content)
            {
                var name = ArchiveManifest.FilePart(ArchiveTables.Name(type), KeyOf(type, row), property.Name);
                parts.Add(await WritePartAsync(zip, name, content, null, cancellationToken));
                json[property.Name] = name;
            }
            else
            {
                json[property.Name] = ArchiveTables.ToJson(property, row[i]);
            }
        }

        return json;
    }

    /// <summary>A row's primary key as text (the parts of a composite key joined by '/').</summary>
    internal static string KeyOf(IEntityType type, object?[] row)
    {
        var properties = type.GetProperties().ToList();
        return string.Join('/', type.FindPrimaryKey()!.Properties.Select(p => Convert.ToString(row[properties.IndexOf(p)], CultureInfo.InvariantCulture)));
    }

    private static async Task<ArchivePart> WritePartAsync(ZipArchive zip, string name, byte[] content, int? rows, CancellationToken cancellationToken)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        await using (var stream = await entry.OpenAsync(cancellationToken))
        {
            await stream.WriteAsync(content, cancellationToken);
        }

        return new ArchivePart(name, rows, content.LongLength, Convert.ToHexStringLower(SHA256.HashData(content)));
    }
}
