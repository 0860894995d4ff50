using System.Globalization;
using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Domain.Risk;
using Mamori.Resources;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Organizations;

/// <summary>Registers a new organization.</summary>
public static class CreateOrganization
{
    public sealed record Request(string Slug, string Name, RiskBandScheme? Bands = null);

    /// <summary>The new organization, or why it was refused.</summary>
    public sealed record Result(Organization? Created, string? Problem);

    public static async Task<Result> HandleAsync(MamoriDatabase database, Request request, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var slug = request.Slug.Trim();
        if (!Organization.IsValidSlug(slug))
        {
            return new(null, string.Format(CultureInfo.CurrentCulture, Messages.OrganizationSlugInvalid, slug));
        }

        if (string.IsNullOrWhiteSpace(request.Name))
        {
            return new(null, Messages.OrganizationNameRequired);
        }

        await using var db = database.Open();
        if (await db.Organizations.AnyAsync(o => o.Slug == slug, cancellationToken))
        {
            return new(null, string.Format(CultureInfo.CurrentCulture, Messages.OrganizationSlugTaken, slug));
        }

        var organization = new Organization(slug, request.Name, time.GetUtcNow())
        {
            RiskBands = request.Bands ?? RiskBandScheme.Ipa,
        };
        db.Organizations.Add(organization);
        await db.SaveChangesAsync(cancellationToken);
        return new(organization, null);
    }
}
