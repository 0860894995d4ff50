using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Mamori.Accounts;
using Mamori.Data;
using Mamori.Domain.Audit;
using Mamori.Domain.Organizations;
using Mamori.Features.Audit;
using Mamori.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Mamori.Features.Archive;

/// <summary>
/// Restores an organization archive (<see cref="ExportOrganization"/>) into this installation, all or nothing in one
/// transaction. The archive is checked first (every part's SHA-256, the format version, the rows against this
/// model, the audit chain from its first entry to the manifest's head). The rows are written as they are, without
/// an audit entry each; the import itself is then one entry at the end of the organization's chain, and the chain
/// is verified before the commit. docs/archive.md says how ids and accounts are carried.
/// </summary>
public static class ImportOrganization
{
    /// <summary>What the audit entry of an import names as its entity type.</summary>
    public const string AuditEntityType = "OrganizationArchive";

    /// <param name="NewIds">The organization was imported as a copy (its id was already in this installation): every row got a new id.</param>
    /// <param name="Notes">What was done that the archive did not say: accounts linked or created.</param>
    public sealed record Result(ArchivedOrganization? Imported, bool NewIds, IReadOnlyList<string> Notes, string? Problem)
    {
        public bool Succeeded => Problem is null;
    }

    public static async Task<Result> HandleAsync(MamoriDatabase database, Stream archive, string? newSlug, Actor actor, CancellationToken cancellationToken = default)
    {
        var (contents, problem) = await ArchiveContents.ReadAsync(archive, cancellationToken);
        if (contents is null)
        {
            return Refused(problem!);
        }

        var source = contents.Manifest.Organization;
        var slug = newSlug ?? source.Slug;
        if (!Organization.IsValidSlug(slug))
        {
            return Refused(Format(ArchiveText.SlugInvalid, slug));
        }

        await using var probe = database.Open();
        var (tables, rowsProblem) = ArchiveRows.Read(contents, probe.Model);
        if (tables is null)
        {
            return Refused(rowsProblem!);
        }

        var users = ReadUsers(contents);
        if (users is null)
        {
            return Refused(Format(ArchiveText.PartUnreadable, ArchiveManifest.UsersPart));
        }

        var auditType = probe.Model.FindEntityType(typeof(AuditEntry))!;
        if (ArchiveRows.ChainBreak(auditType, tables[auditType], contents.Manifest.Audit) is { } broken)
        {
            return Refused(Format(ArchiveText.ArchivedChainBroken, ArchiveManifest.DataPart(ArchiveTables.Name(auditType)), broken));
        }

        if (await probe.Organizations.AnyAsync(o => o.Slug == slug, cancellationToken))
        {
            return Refused(Format(ArchiveText.SlugTaken, slug));
        }

        // Beside the organization it was exported from, the archive is imported as a copy with ids of its own.
        var copy = await probe.Organizations.AnyAsync(o => o.Id == source.Id, cancellationToken);
        var ids = new ArchiveIds();
        if (copy)
        {
            foreach (var (type, rows) in tables)
            {
                ids.Renew(type, rows);
            }
        }

        var organizationId = copy ? Guid.CreateVersion7() : source.Id;
        if (copy)
        {
            ids.Add(source.Id, organizationId);
        }

        await using var db = database.Open(organizationId, actor);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var notes = await LinkAccountsAsync(db, users, ids, actor.Time.GetUtcNow().ToUniversalTime(), cancellationToken);
            foreach (var type in ArchiveTables.OrganizationTypes(db.Model))
            {
                var rows = Prepare(type, tables[type], ids, copy, slug);
                await ArchiveTables.WriteAsync(db, type, rows, cancellationToken);
            }

            await RecordAsync(db, actor, organizationId, contents.Manifest, copy, notes, cancellationToken);
            var verified = await VerifyAuditLog.HandleAsync(db, cancellationToken);
            if (!verified.Intact)
            {
                return Refused(Format(ArchiveText.ImportedChainBroken, verified.Problem!.Sequence));
            }

            await transaction.CommitAsync(cancellationToken);
            if (copy)
            {
                notes.Insert(0, Format(ArchiveText.NoteCopy, source.Slug));
            }

            return new(source with { Id = organizationId, Slug = slug }, copy, notes, null);
        }
        catch (Exception e) when (e is DbException or DbUpdateException)
        {
            return Refused(Format(ArchiveText.ImportFailed, e.GetBaseException().Message));
        }
    }

    private static Result Refused(string problem) => new(null, false, [], problem);

    private static List<ArchivedUser>? ReadUsers(ArchiveContents contents)
    {
        try
        {
            return contents.Part(ArchiveManifest.UsersPart) is { } users
                ? JsonSerializer.Deserialize<List<ArchivedUser>>(users, ArchiveTables.Json)
                : [];
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Each archived account becomes the account of this installation with the same e-mail address; one that has none
    /// is created without a password (it cannot sign in until its owner sets one), so that no membership,
    /// acknowledgement or name is dropped.
    /// </summary>
    private static async Task<List<string>> LinkAccountsAsync(MamoriDb db, List<ArchivedUser> users, ArchiveIds ids, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        foreach (var user in users)
        {
            var normalized = user.Email.Normalize().ToUpperInvariant();
            var existing = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
            if (existing is null)
            {
                var account = new MamoriUser
                {
                    UserName = user.Email,
                    NormalizedUserName = normalized,
                    Email = user.Email,
                    NormalizedEmail = normalized,
                    DisplayName = user.DisplayName,
                    CreatedAt = now,
                };
                if (!await db.Users.AnyAsync(u => u.Id == user.Id, cancellationToken))
                {
                    account.Id = user.Id;
                }

                db.Users.Add(account);
                existing = account.Id;
                notes.Add(Format(ArchiveText.NoteAccountCreated, user.Email));
            }
            else
            {
                notes.Add(Format(ArchiveText.NoteAccountLinked, user.Email));
            }

            if (existing != user.Id)
            {
                ids.Add(user.Id, existing);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return notes;
    }

    /// <summary>
    /// A type's rows as they are written: ids replaced, the organization under its slug, and for a copy the
    /// installation-wide unique values renewed and the audit chain sealed again over the new ids (the entries'
    /// order, times, authors and values stay; the import's entry records the original chain's head).
    /// </summary>
    private static List<object?[]> Prepare(IEntityType type, List<object?[]> archived, ArchiveIds ids, bool copy, string slug)
    {
        var audit = type.ClrType == typeof(AuditEntry);
        // The audit log of a restored organization is kept exactly as it was written, so that it verifies as it did.
        var rows = audit && !copy ? archived : archived.Select(ids.Apply).ToList();
        if (type.ClrType == typeof(Organization))
        {
            var slugIndex = type.GetProperties().ToList().IndexOf(type.FindProperty(nameof(Organization.Slug))!);
            if (copy)
            {
                ArchiveIds.RenewInstallationUniqueValues(type, rows, except: nameof(Organization.Slug));
            }

            rows.ForEach(r => r[slugIndex] = slug);
        }
        else if (copy)
        {
            ArchiveIds.RenewInstallationUniqueValues(type, rows, except: null);
        }

        if (audit && copy)
        {
            var previous = AuditEntry.Genesis;
            var sealedRows = new List<object?[]>();
            foreach (var (entry, row) in rows.Select(r => ((AuditEntry)ArchiveRows.ToEntity(type, r), r)).OrderBy(p => p.Item1.Sequence))
            {
                entry.Chain(entry.Sequence, previous);
                previous = entry.Hash;
                sealedRows.Add(ArchiveRows.FromEntity(type, entry, row));
            }

            return sealedRows;
        }

        return rows;
    }

    /// <summary>The import's own audit entry, chained after the archived entries like any other.</summary>
    private static async Task RecordAsync(MamoriDb db, Actor actor, Guid organizationId, ArchiveManifest manifest, bool copy, List<string> notes, CancellationToken cancellationToken)
    {
        var after = JsonSerializer.Serialize(new
        {
            Source = manifest.Organization,
            manifest.SourceProvider,
            manifest.MamoriVersion,
            manifest.ExportedAt,
            ArchivedAudit = manifest.Audit,
            Ids = copy ? "new" : "kept",
            Accounts = notes,
        }, Data.Configurations.StoredJson.Options);
        var entry = new AuditEntry(organizationId, actor.Time.GetUtcNow(), actor.Name, AuditAction.Created, AuditEntityType, organizationId.ToString("D"), null, after);
        await AuditChain.AppendAsync(db, [entry], cancellationToken);
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Format(string format, params object?[] values) => string.Format(CultureInfo.CurrentCulture, format, values);
}
