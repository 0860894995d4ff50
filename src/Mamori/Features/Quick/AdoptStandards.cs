using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Quick;

/// <summary>
/// Step 4 of the Lv.1 flow: the generated standards and procedures land in the policy set as
/// drafts with their Annex A links. Running it again for the same threat makes a new draft
/// version of the same documents rather than new documents.
/// </summary>
public static class AdoptStandards
{
    public static async Task<IReadOnlyList<PolicyDocument>?> HandleAsync(
        MamoriDb db, Membership membership, IReadOnlyList<GenerateStandards.GeneratedStandard> standards, string author, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (!membership.CanEditDocuments)
        {
            return null;
        }

        // One commit: SaveDocument saves each document on its own, and a failure must leave none of them.
        // Inside a caller's transaction (the demo organization's), that transaction is the one commit.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await TopThreatsChange.RecordBuiltFromAsync(db, membership.OrganizationId, cancellationToken);
        var adopted = new List<PolicyDocument>();
        var number = await db.PolicyDocuments.CountAsync(d => d.Kind == DocumentKind.Standard, cancellationToken);
        foreach (var standard in standards)
        {
            var standardKey = $"quick:{standard.TopicId}";
            var document = await SaveAsync(db, membership, standardKey, DocumentKind.Standard, () => (++number).ToString(System.Globalization.CultureInfo.InvariantCulture),
                standard.Title, standard.Markdown, standard.ControlIds, null, [], author, now, cancellationToken);
            adopted.Add(document);
            var procedureNumber = 0;
            foreach (var procedure in standard.Procedures)
            {
                adopted.Add(await SaveAsync(db, membership, $"{standardKey}:{procedure.Audience}", DocumentKind.Procedure, () => $"{document.Number}.{++procedureNumber}",
                    procedure.Title, procedure.Markdown, procedure.ControlIds, document.Id, [procedure.Audience], author, now, cancellationToken));
            }
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        return adopted;
    }

    private static async Task<PolicyDocument> SaveAsync(
        MamoriDb db, Membership membership, string sourceKey, DocumentKind kind, Func<string> nextNumber, string title, string body,
        IReadOnlyList<string> controls, Guid? standardId, List<string> audiences, string author, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var existing = await db.PolicyDocuments.AsNoTracking().SingleOrDefaultAsync(d => d.SourceKey == sourceKey, cancellationToken);
        var result = await Policies.SaveDocument.HandleAsync(db, membership, existing?.Id, new Policies.SaveDocument.Request
        {
            Kind = kind,
            Number = existing?.Number ?? nextNumber(),
            Title = existing?.Title ?? title,
            Scope = existing?.Scope ?? "",
            StandardId = standardId,
            Audiences = audiences,
            ControlIds = [.. controls],
            ReviewIntervalMonths = existing?.ReviewIntervalMonths ?? PolicyDocument.DefaultReviewMonths,
            Body = body,
            Summary = existing is null ? Resources.Messages.QuickAdoptedSummary : Resources.Messages.QuickRegeneratedSummary,
            Version = existing?.Version ?? 0,
        }, author, now, cancellationToken);
        var document = result.EnsureSaved();
        if (document.SourceKey != sourceKey)
        {
            var tracked = await db.PolicyDocuments.SingleAsync(d => d.Id == document.Id, cancellationToken);
            tracked.SourceKey = sourceKey;
            await db.SaveChangesAsync(cancellationToken);
        }

        return document;
    }
}
