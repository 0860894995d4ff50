using Mamori.Catalogs;
using Mamori.Data;
using Mamori.Domain.Assets;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Features.RuleValues;
using Mamori.Resources;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Policies;

/// <summary>
/// Creates a document or changes what it is (number, title, scope, standard, audiences,
/// Annex A controls, review interval) and saves its text as a draft: a new version when the
/// latest is no longer a draft, so approved and published text is never overwritten.
/// </summary>
public static class SaveDocument
{
    public sealed record Request
    {
        public DocumentKind Kind { get; init; } = DocumentKind.Standard;

        public string? Number { get; init; }

        public string? Title { get; init; }

        public string? Scope { get; init; }

        public Guid? StandardId { get; init; }

        public List<string> Audiences { get; init; } = [];

        public List<string> ControlIds { get; init; } = [];

        public int ReviewIntervalMonths { get; init; } = PolicyDocument.DefaultReviewMonths;

        /// <summary>The text (Markdown); null keeps the current text.</summary>
        public string? Body { get; init; }

        /// <summary>改訂内容 of the draft.</summary>
        public string? Summary { get; init; }

        public int Version { get; init; }
    }

    public sealed record Result(SaveStatus Status, PolicyDocument? Document, DocumentVersion? Draft, IReadOnlyDictionary<string, List<string>> Errors)
    {
        /// <summary>
        /// The saved document, for a use case that saves several in one transaction: a document
        /// it could not save (invalid, or changed meanwhile) throws, which rolls back all of them.
        /// </summary>
        public PolicyDocument EnsureSaved() =>
            Status == SaveStatus.Saved
                ? Document!
                : throw new InvalidOperationException($"{Document?.Title}: {Status} {string.Join("; ", Errors.SelectMany(e => e.Value))}");
    }

    public const int MaxBodyLength = 200_000;

    public static async Task<Result> HandleAsync(
        MamoriDb db, Membership membership, Guid? id, Request request, string author, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (!membership.CanEditDocuments)
        {
            return new(SaveStatus.Forbidden, null, null, FieldErrors.None);
        }

        PolicyDocument? document = null;
        if (id is { } existing)
        {
            document = await db.PolicyDocuments.SingleOrDefaultAsync(d => d.Id == existing, cancellationToken);
            if (document is null)
            {
                return new(SaveStatus.NotFound, null, null, FieldErrors.None);
            }
        }

        var errors = new FieldErrors();
        errors.Text(nameof(Request.Title), request.Title, InformationAsset.MaxTextLength, Messages.DocumentTitleRequired);
        errors.Text(nameof(Request.Number), request.Number, 32);
        errors.Text(nameof(Request.Scope), request.Scope, InformationAsset.MaxNotesLength);
        errors.Text(nameof(Request.Summary), request.Summary, InformationAsset.MaxNotesLength);
        errors.Text(nameof(Request.Body), request.Body, MaxBodyLength);
        if (!Enum.IsDefined(request.Kind) || (document is not null && document.Kind != request.Kind))
        {
            errors.Add(nameof(Request.Kind), Messages.DocumentKindFixed);
        }

        if (request.ReviewIntervalMonths is < 1 or > 60)
        {
            errors.Add(nameof(Request.ReviewIntervalMonths), Messages.DocumentReviewInterval);
        }

        foreach (var unknown in request.ControlIds.Where(c => CatalogSet.Default.FindControl(c) is null))
        {
            errors.Add(nameof(Request.ControlIds), string.Format(System.Globalization.CultureInfo.CurrentCulture, Messages.CatalogControlUnknown, unknown));
        }

        foreach (var unknown in request.Audiences.Where(a => !Audiences.All.Contains(a)))
        {
            errors.Add(nameof(Request.Audiences), string.Format(System.Globalization.CultureInfo.CurrentCulture, Messages.DocumentAudienceUnknown, unknown));
        }

        if (request.Kind == DocumentKind.Procedure && request.StandardId is { } standardId
            && !await db.PolicyDocuments.AnyAsync(d => d.Id == standardId && d.Kind == DocumentKind.Standard, cancellationToken))
        {
            errors.Add(nameof(Request.StandardId), Messages.DocumentStandardUnknown);
        }

        if (errors.Count > 0)
        {
            return new(SaveStatus.Invalid, document, null, errors);
        }

        if (document is null)
        {
            document = new PolicyDocument(membership.OrganizationId, request.Kind, (request.Number ?? "").Trim(), request.Title!);
            db.PolicyDocuments.Add(document);
        }
        else
        {
            db.Entry(document).Property(d => d.Version).OriginalValue = request.Version;
        }

        document.Number = (request.Number ?? "").Trim();
        document.Title = request.Title!;
        document.Scope = (request.Scope ?? "").Trim();
        document.StandardId = request.Kind == DocumentKind.Procedure ? request.StandardId : null;
        document.Audiences.Clear();
        document.Audiences.AddRange(request.Kind == DocumentKind.Procedure ? request.Audiences.Distinct() : []);
        document.ControlIds.Clear();
        document.ControlIds.AddRange(request.ControlIds.Distinct());
        document.ReviewIntervalMonths = request.ReviewIntervalMonths;

        var latest = await db.DocumentVersions.Where(v => v.DocumentId == document.Id).OrderByDescending(v => v.Number).FirstOrDefaultAsync(cancellationToken);
        DocumentVersion? draft = null;
        if (request.Body is { } body)
        {
            if (latest is { IsEditable: true })
            {
                if (latest.Body != body || latest.Summary != (request.Summary ?? "").Trim())
                {
                    latest.Edit(body, author);
                    latest.Summary = (request.Summary ?? "").Trim();
                }

                draft = latest;
            }
            else if (latest is null || latest.Body != body || await ReadsOldRuleValuesAsync(db, latest, cancellationToken))
            {
                draft = new DocumentVersion(membership.OrganizationId, document.Id, (latest?.Number ?? 0) + 1, body, author, now)
                {
                    Summary = (request.Summary ?? "").Trim(),
                };
                db.DocumentVersions.Add(draft);
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new(SaveStatus.Conflict, await db.PolicyDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.Id == document.Id, cancellationToken), null, FieldErrors.None);
        }

        return new(SaveStatus.Saved, document, draft, FieldErrors.None);
    }

    /// <summary>Does an approved or published version keep rule values the organization has changed since? Saving its text unchanged then makes the draft that takes the new values.</summary>
    private static async Task<bool> ReadsOldRuleValuesAsync(MamoriDb db, DocumentVersion version, CancellationToken cancellationToken)
    {
        if (!RuleValueUse.Keeps(version) || version.RuleValues.Count == 0)
        {
            return false;
        }

        var settings = await db.Organizations.AsNoTracking().Where(o => o.Id == version.OrganizationId).Select(o => o.RuleValues).SingleAsync(cancellationToken);
        return RuleValueUse.Changed(version, settings).Count > 0;
    }
}
