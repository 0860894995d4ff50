using System.Globalization;
using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Domain.Risk;
using Mamori.Resources;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Organizations;

/// <summary>Registers a new organization, with its first 管理者 when one is named, in one commit.</summary>
public static class CreateOrganization
{
    /// <param name="AdministratorId">The account that becomes the organization's 管理者, if any.</param>
    public sealed record Request(string Slug, string Name, RiskBandScheme? Bands = null, string? AdministratorId = null);

    /// <summary>The new organization, or why it was refused.</summary>
    public sealed record Result(Organization? Created, string? Problem);

    /// <param name="actor">Who the audit log records; the database's default actor if null.</param>
    public static async Task<Result> HandleAsync(MamoriDatabase database, Request request, TimeProvider time, Actor? actor = null, CancellationToken cancellationToken = default)
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

        var organization = new Organization(slug, request.Name, time.GetUtcNow())
        {
            RiskBands = request.Bands ?? RiskBandScheme.Ipa,
        };
        // Confined to the new organization, so that its first member is written with it.
        await using var db = database.Open(organization.Id, actor);
        if (await db.Organizations.AnyAsync(o => o.Slug == slug, cancellationToken))
        {
            return new(null, string.Format(CultureInfo.CurrentCulture, Messages.OrganizationSlugTaken, slug));
        }

        db.Organizations.Add(organization);
        if (request.AdministratorId is { } administrator)
        {
            db.Memberships.Add(new Membership(organization.Id, administrator, MemberRole.Administrator));
        }

        await db.SaveChangesAsync(cancellationToken);
        return new(organization, null);
    }
}
