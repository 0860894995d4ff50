using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using Mamori.Data;
using Mamori.Documents;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Policies;

/// <summary>
/// The 基本方針 on the web (SECURITY ACTION ★2 asks for it to be published): an organization
/// administrator opts in, which gives the organization an unguessable token, and anyone with the
/// URL /p/{token} reads the latest published version of the basic policy — and nothing else of the
/// organization. Revoking drops the token, so the old URL answers 404 for good.
/// </summary>
public static class PublicBasicPolicy
{
    /// <summary>32 random bytes, base64url: 43 characters.</summary>
    private const int TokenLength = 43;

    public enum Outcome
    {
        Done,
        Forbidden,
        NotFound,
    }

    /// <param name="Markdown">The published version's text as it reads, placeholders filled.</param>
    public sealed record Shown(Organization Organization, PolicyDocument Document, DocumentVersion Version, DateOnly EffectiveOn, string Markdown);

    /// <summary>Publishes the basic policy at a new URL (or keeps the current one); administrators only.</summary>
    public static async Task<(Outcome Outcome, string? Token)> PublishAsync(MamoriDb db, Membership membership, CancellationToken cancellationToken = default)
    {
        if (await OwnAsync(db, membership, cancellationToken) is not { } organization)
        {
            return (membership.CanAdministerOrganization ? Outcome.NotFound : Outcome.Forbidden, null);
        }

        if (organization.PublicPolicyToken is null)
        {
            organization.PublicPolicyToken = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
            await db.SaveChangesAsync(cancellationToken);
        }

        return (Outcome.Done, organization.PublicPolicyToken);
    }

    /// <summary>Takes the basic policy off the web: its URL answers 404 from now on; administrators only.</summary>
    public static async Task<Outcome> RevokeAsync(MamoriDb db, Membership membership, CancellationToken cancellationToken = default)
    {
        if (await OwnAsync(db, membership, cancellationToken) is not { } organization)
        {
            return membership.CanAdministerOrganization ? Outcome.NotFound : Outcome.Forbidden;
        }

        if (organization.PublicPolicyToken is not null)
        {
            organization.PublicPolicyToken = null;
            await db.SaveChangesAsync(cancellationToken);
        }

        return Outcome.Done;
    }

    /// <summary>
    /// The organization whose basic policy is on the web under <paramref name="token"/>, or null.
    /// Read through a context that sees only organizations; nothing else is reachable from the token.
    /// </summary>
    public static async Task<Organization?> FindAsync(MamoriDatabase database, string? token, CancellationToken cancellationToken = default)
    {
        if (token is not { Length: TokenLength } || token.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_'))
        {
            return null;
        }

        await using var db = database.Open();
        return await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.PublicPolicyToken == token, cancellationToken);
    }

    /// <summary>The basic policy's latest published version as it reads, or null when none is published (a draft never shows).</summary>
    public static async Task<Shown?> ReadAsync(MamoriDb db, Organization organization, CultureInfo culture, DateOnly today, CancellationToken cancellationToken = default)
    {
        var published = await PublishedAsync(db, cancellationToken);
        if (published is not var (document, version))
        {
            return null;
        }

        var roles = await db.PolicyRoles.AsNoTracking().OrderBy(r => r.Order).ToListAsync(cancellationToken);
        var text = RenderPolicy.Fill(version.Body, organization, roles, document, version, today, culture).Text;
        return new(organization, document, version, (version.ApprovedAt ?? version.CreatedAt).LocalDate(organization), text);
    }

    /// <summary>The published basic policy alone as a PDF, the way the policy set exports a document; null when none is published.</summary>
    public static async Task<ExportPolicySet.Result?> PdfAsync(MamoriDb db, Organization organization, CultureInfo culture, DateOnly today, CancellationToken cancellationToken = default)
    {
        if (await PublishedAsync(db, cancellationToken) is not var (document, version))
        {
            return null;
        }

        var rendered = (await RenderPolicy.PolicySetAsync(db, organization, today, culture, includeDrafts: false, cancellationToken))
            .Where(r => r.Title == document.Title && r.DocumentNumber == document.Number && r.Version == version.Number.ToString(CultureInfo.InvariantCulture))
            .Take(1)
            .ToList();
        return rendered.Count == 0 ? null : await ExportPolicySet.PdfAsync(rendered, cancellationToken);
    }

    private static async Task<(PolicyDocument Document, DocumentVersion Version)?> PublishedAsync(MamoriDb db, CancellationToken cancellationToken)
    {
        var document = await db.PolicyDocuments.AsNoTracking()
            .Where(d => d.Kind == DocumentKind.BasicPolicy)
            .OrderBy(d => d.Number)
            .FirstOrDefaultAsync(cancellationToken);
        if (document is null)
        {
            return null;
        }

        var version = await db.DocumentVersions.AsNoTracking()
            .Where(v => v.DocumentId == document.Id && v.Status == VersionStatus.Published)
            .OrderByDescending(v => v.Number)
            .FirstOrDefaultAsync(cancellationToken);
        return version is null ? null : (document, version);
    }

    private static async Task<Organization?> OwnAsync(MamoriDb db, Membership membership, CancellationToken cancellationToken) =>
        membership.CanAdministerOrganization
            ? await db.Organizations.SingleOrDefaultAsync(o => o.Id == membership.OrganizationId, cancellationToken)
            : null;
}
