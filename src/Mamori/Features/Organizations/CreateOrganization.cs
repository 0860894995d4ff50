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
        if (Invalid(request) is { } invalid)
        {
            return new(null, invalid.Message);
        }

        var organization = New(request, time);
        // Confined to the new organization, so that its first member is written with it.
        await using var db = database.Open(organization.Id, actor);
        if (await AddAsync(db, organization, request, cancellationToken) is { } taken)
        {
            return new(null, taken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new(organization, null);
    }

    /// <summary>What is wrong with the request, with the name of its field, or null.</summary>
    internal static (string Field, string Message)? Invalid(Request request)
    {
        var slug = request.Slug.Trim();
        if (!Organization.IsValidSlug(slug))
        {
            return (nameof(Request.Slug), string.Format(CultureInfo.CurrentCulture, Messages.OrganizationSlugInvalid, slug));
        }

        return string.IsNullOrWhiteSpace(request.Name) ? (nameof(Request.Name), Messages.OrganizationNameRequired) : null;
    }

    /// <summary>The organization a valid <paramref name="request"/> describes, not yet stored.</summary>
    internal static Organization New(Request request, TimeProvider time) =>
        new(request.Slug.Trim(), request.Name, time.GetUtcNow()) { RiskBands = request.Bands ?? RiskBandScheme.Ipa };

    /// <summary>
    /// Adds <paramref name="organization"/> and its first 管理者 to <paramref name="db"/>, a context
    /// confined to it, without saving; or says why not (its slug is taken).
    /// </summary>
    internal static async Task<string?> AddAsync(MamoriDb db, Organization organization, Request request, CancellationToken cancellationToken)
    {
        if (await db.Organizations.AnyAsync(o => o.Slug == organization.Slug, cancellationToken))
        {
            return string.Format(CultureInfo.CurrentCulture, Messages.OrganizationSlugTaken, organization.Slug);
        }

        db.Organizations.Add(organization);
        if (request.AdministratorId is { } administrator)
        {
            db.Memberships.Add(new Membership(organization.Id, administrator, MemberRole.Administrator));
        }

        return null;
    }
}
