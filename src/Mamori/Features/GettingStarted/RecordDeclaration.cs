using System.Text.RegularExpressions;
using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Resources;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.GettingStarted;

/// <summary>
/// Records the SECURITY ACTION ★2 declaration the organization made on IPA's site: the day and the
/// self-declaration id (自己宣言 ID) IPA gave it, so the path can show the step as done and the
/// company can find the id when a customer asks. Only a 管理者 records it; a stale version is refused.
/// </summary>
public static partial class RecordDeclaration
{
    public const int MaxIdLength = 32;

    public sealed record Request
    {
        public DateOnly? DeclaredOn { get; init; }

        public string? DeclarationId { get; init; }

        /// <summary>The organization's version the user saw.</summary>
        public int Version { get; init; }
    }

    public sealed record Result(SaveStatus Status, IReadOnlyDictionary<string, List<string>> Errors);

    /// <param name="today">The organization's today: a declaration cannot be dated later.</param>
    public static async Task<Result> HandleAsync(MamoriDb db, Membership actor, Request request, DateOnly today, CancellationToken cancellationToken = default)
    {
        if (!actor.CanAdministerOrganization)
        {
            return new(SaveStatus.Forbidden, FieldErrors.None);
        }

        var errors = new FieldErrors();
        if (request.DeclaredOn is not { } declaredOn)
        {
            errors.Add(nameof(Request.DeclaredOn), Messages.FieldRequired);
        }
        else if (declaredOn > today)
        {
            errors.Add(nameof(Request.DeclaredOn), Messages.PathDeclarationInFuture);
        }

        var id = (request.DeclarationId ?? "").Trim();
        errors.Text(nameof(Request.DeclarationId), id, MaxIdLength, Messages.FieldRequired);
        if (id.Length is > 0 and <= MaxIdLength && !IdPattern().IsMatch(id))
        {
            errors.Add(nameof(Request.DeclarationId), Messages.PathDeclarationIdInvalid);
        }

        if (errors.Count > 0)
        {
            return new(SaveStatus.Invalid, errors);
        }

        var organization = await db.Organizations.SingleOrDefaultAsync(o => o.Id == actor.OrganizationId, cancellationToken);
        if (organization is null)
        {
            return new(SaveStatus.NotFound, FieldErrors.None);
        }

        db.Entry(organization).Property(o => o.Version).OriginalValue = request.Version;
        organization.SecurityActionDeclaredOn = request.DeclaredOn;
        organization.SecurityActionId = id;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new(SaveStatus.Conflict, FieldErrors.None);
        }

        return new(SaveStatus.Saved, FieldErrors.None);
    }

    // IPA's ids are digits; letters and hyphens are allowed in case the format changes, nothing that could be markup.
    [GeneratedRegex("^[A-Za-z0-9-]+$")]
    private static partial Regex IdPattern();
}
