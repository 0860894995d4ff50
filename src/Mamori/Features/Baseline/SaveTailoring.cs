using System.Globalization;
using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Features.Policies;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Baseline;

/// <summary>
/// Lv.2 step 3's form: who holds each role, saved in one commit. An organization without a roles
/// table gets the standard one, with the people given. Only those who may edit documents save it.
/// The rules' values (deadlines, approvers…) are the organization's rule values, saved by
/// <see cref="RuleValues.SaveRuleValues"/>.
/// </summary>
public static class SaveTailoring
{
    /// <summary>The longest holder kept; longer ones are cut.</summary>
    public const int MaxValueLength = 200;

    /// <param name="Holders">Who holds each role, by stored role id, or by template key when none is stored yet.</param>
    public sealed record Request(IReadOnlyDictionary<string, string?> Holders);

    /// <param name="db">A context confined to the organization.</param>
    /// <param name="actor">The membership of whoever saves it.</param>
    /// <param name="culture">The language of the standard roles' titles, should they be created.</param>
    public static async Task<SaveStatus> HandleAsync(MamoriDb db, Membership actor, Request request, CultureInfo culture, CancellationToken cancellationToken = default)
    {
        if (!actor.CanEditDocuments)
        {
            return SaveStatus.Forbidden;
        }

        var organization = await db.Organizations.SingleOrDefaultAsync(o => o.Id == actor.OrganizationId, cancellationToken);
        if (organization is null)
        {
            return SaveStatus.NotFound;
        }

        // The query filter confines roles to this organization, so a foreign role id matches nothing.
        var stored = await db.PolicyRoles.ToListAsync(cancellationToken);
        if (stored.Count == 0 && request.Holders.Values.Any(h => !string.IsNullOrWhiteSpace(h)))
        {
            stored = SaveRoles.Defaults(organization.Id, culture);
            db.PolicyRoles.AddRange(stored);
            foreach (var role in stored)
            {
                role.Holders = Clip(request.Holders.GetValueOrDefault(role.Key));
            }
        }
        else
        {
            foreach (var role in stored.Where(r => request.Holders.ContainsKey(r.Id.ToString())))
            {
                role.Holders = Clip(request.Holders[role.Id.ToString()]);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return SaveStatus.Saved;
    }

    private static string Clip(string? text) => (text ?? "").Trim() is var t && t.Length > MaxValueLength ? t[..MaxValueLength] : t;
}
