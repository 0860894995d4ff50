using System.Globalization;
using Mamori.Catalogs;
using Mamori.Data;
using Mamori.Documents;
using Mamori.Documents.Docx;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Resources;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Policies;

/// <summary>
/// 従業員ハンドブック: one short booklet for everyone, made of the published documents
/// catalogs/handbook.yaml names (the 5か条, every published procedure whose audience is 全従業員,
/// the contact sheet), as Word or PDF through the policy book's writer under a cover of its own —
/// no 対策基準, no SoA. A part whose document does not exist or is not published is left out.
/// Managers see who has acknowledged the booklet's procedures.
/// </summary>
public static class EmployeeHandbook
{
    public enum Format
    {
        Docx,
        Pdf,
    }

    /// <summary>A document of the booklet; <paramref name="Readers"/> are those it applies to with their acknowledgement (procedures only: other documents are not acknowledged).</summary>
    public sealed record Part(PolicyDocument Document, DocumentVersion Published, IReadOnlyList<Acknowledgements.Reader> Readers)
    {
        public int Acknowledged => Readers.Count(r => r.AcknowledgedAt is not null);
    }

    /// <summary>The booklet's documents in its order, each at its published version, with who has acknowledged it.</summary>
    public static async Task<IReadOnlyList<Part>> PartsAsync(MamoriDb db, CultureInfo culture, CancellationToken cancellationToken = default)
    {
        var documents = await db.PolicyDocuments.AsNoTracking().ToListAsync(cancellationToken);
        var ids = documents.Select(d => d.Id).ToList();
        var published = (await db.DocumentVersions.AsNoTracking()
                .Where(v => v.Status == VersionStatus.Published && ids.Contains(v.DocumentId))
                .ToListAsync(cancellationToken))
            .ToDictionary(v => v.DocumentId);
        var chosen = new List<PolicyDocument>();
        foreach (var part in HandbookCatalog.For(culture).Parts)
        {
            var matching = documents
                .Where(d => published.ContainsKey(d.Id) && !chosen.Contains(d))
                .Where(d => part.Audience is { } audience
                    ? d.Kind == DocumentKind.Procedure && d.Audiences.Contains(audience)
                    : part.SourceKeys.Contains(d.SourceKey) || string.Equals(d.Title, part.Title, StringComparison.Ordinal))
                .OrderBy(d => d.Kind).ThenBy(d => d.Number, DocumentStatus.NumberComparer.Instance).ThenBy(d => d.Title, StringComparer.Ordinal);
            chosen.AddRange(matching);
        }

        var parts = new List<Part>();
        foreach (var document in chosen)
        {
            var readers = document.Kind == DocumentKind.Procedure ? await Acknowledgements.ReadersAsync(db, document.Id, cancellationToken) : [];
            parts.Add(new Part(document, published[document.Id], readers));
        }

        return parts;
    }

    /// <summary>The booklet as a file, or the problem to show (nothing published for everyone yet, no LibreOffice for PDF).</summary>
    public static async Task<ExportPolicySet.Result> HandleAsync(
        MamoriDb db, Organization organization, DateOnly today, Format format, CultureInfo culture, CancellationToken cancellationToken = default)
    {
        var parts = await PartsAsync(db, culture, cancellationToken);
        var documents = await RenderPolicy.PublishedAsync(db, organization, today, culture, parts.Select(p => p.Document.Id).ToList(), citeControls: false, cancellationToken);
        if (documents.Count == 0)
        {
            return new(null, Messages.ResourceManager.Text(nameof(Messages.HandbookNothingPublished), culture));
        }

        var cover = Cover(documents, culture);
        if (format == Format.Pdf)
        {
            return await ExportPolicySet.PdfAsync(documents, cover, cancellationToken);
        }

        using var stream = new MemoryStream();
        PolicyDocx.Write(stream, documents, cover);
        return new(stream.ToArray(), null);
    }

    /// <summary>
    /// 従業員ハンドブック, dated by its latest document and versioned by that date (the booklet has no
    /// approval of its own: each document in it carries its own version and approver).
    /// </summary>
    public static BookCover Cover(IReadOnlyList<RenderedDocument> documents, CultureInfo culture) =>
        new(DocumentText.ResourceManager.Text(nameof(DocumentText.HandbookTitle), culture),
            documents.Max(d => d.EffectiveOn).ToString("yyyy.MM.dd", CultureInfo.InvariantCulture),
            "")
        {
            Introduction = HandbookCatalog.For(culture).Introduction,
            RolesTable = false,
        };
}
