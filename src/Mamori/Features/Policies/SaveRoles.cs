using System.Globalization;
using Mamori.Data;
using Mamori.Domain.Assets;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Policies;

/// <summary>
/// Saves the roles table (役職名 / 役割と責任 / 担当者) as edited in one form: rows in their new
/// order, a row without a title or marked for removal removed, a new titled row added. Only
/// those who may edit documents change it.
/// </summary>
public static class SaveRoles
{
    public const int MaxKeyLength = 64;

    public sealed record Row
    {
        /// <summary>The stored role this row edits; null for a new row.</summary>
        public Guid? Id { get; init; }

        public string? Title { get; init; }

        public string? Responsibility { get; init; }

        public string? Holders { get; init; }

        public string? Key { get; init; }

        public bool Remove { get; init; }

        public static Row From(PolicyRole role) =>
            new() { Id = role.Id, Title = role.Title, Responsibility = role.Responsibility, Holders = role.Holders, Key = role.Key };
    }

    /// <summary>The outcome; <see cref="Errors"/> maps "Rows[i].Field" to its messages.</summary>
    public sealed record Result(SaveStatus Status, IReadOnlyDictionary<string, List<string>> Errors);

    /// <param name="db">A context confined to the organization.</param>
    /// <param name="actor">The membership of whoever saves it.</param>
    public static async Task<Result> HandleAsync(MamoriDb db, Membership actor, IReadOnlyList<Row> rows, CancellationToken cancellationToken = default)
    {
        if (!actor.CanEditDocuments)
        {
            return new(SaveStatus.Forbidden, FieldErrors.None);
        }

        var errors = new FieldErrors();
        for (var i = 0; i < rows.Count; i++)
        {
            errors.Text($"Rows[{i}].{nameof(Row.Title)}", rows[i].Title, InformationAsset.MaxTextLength);
            errors.Text($"Rows[{i}].{nameof(Row.Responsibility)}", rows[i].Responsibility, InformationAsset.MaxNotesLength);
            errors.Text($"Rows[{i}].{nameof(Row.Holders)}", rows[i].Holders, InformationAsset.MaxNotesLength);
            errors.Text($"Rows[{i}].{nameof(Row.Key)}", rows[i].Key, MaxKeyLength);
        }

        if (errors.Count > 0)
        {
            return new(SaveStatus.Invalid, errors);
        }

        // The query filter confines roles to this organization, so a foreign role id matches nothing.
        var existing = await db.PolicyRoles.ToDictionaryAsync(r => r.Id, cancellationToken);
        var order = 0;
        foreach (var row in rows)
        {
            var title = (row.Title ?? "").Trim();
            if (row.Id is { } id && existing.TryGetValue(id, out var role))
            {
                if (row.Remove || title.Length == 0)
                {
                    db.PolicyRoles.Remove(role);
                    continue;
                }

                role.Title = title;
                role.Responsibility = (row.Responsibility ?? "").Trim();
                role.Holders = (row.Holders ?? "").Trim();
                role.Key = (row.Key ?? "").Trim();
                role.Order = ++order;
            }
            else if (title.Length > 0)
            {
                db.PolicyRoles.Add(new PolicyRole(actor.OrganizationId, title, (row.Responsibility ?? "").Trim(), ++order)
                {
                    Holders = (row.Holders ?? "").Trim(),
                    Key = (row.Key ?? "").Trim(),
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return new(SaveStatus.Saved, FieldErrors.None);
    }

    /// <summary>The roles table Mamori proposes (catalogs/templates/roles.yaml), not yet stored.</summary>
    public static List<PolicyRole> Defaults(Guid organizationId, CultureInfo culture) =>
        PolicyTemplates.DefaultRoles
            .Select((r, i) => new PolicyRole(organizationId, r.Title(culture), r.Responsibility(culture), i + 1) { Key = r.Key })
            .ToList();
}
