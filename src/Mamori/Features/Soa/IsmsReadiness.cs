using System.Globalization;
using System.Text;
using Mamori.Data;
using Mamori.Documents;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Domain.Soa;
using Mamori.Features.Policies;
using Mamori.Resources;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Soa;

/// <summary>
/// How ready the organization is for an ISMS audit: SoA completeness, applicable controls by
/// status, risks without a treatment, documents not approved and documents overdue for review.
/// </summary>
public static class IsmsReadiness
{
    public sealed record Report(
        int Controls,
        int Decided,
        int Proposed,
        int Excluded,
        IReadOnlyDictionary<ImplementationStatus, int> ApplicableByStatus,
        int Warnings,
        IReadOnlyList<string> UntreatedRisks,
        IReadOnlyList<string> UnapprovedDocuments,
        IReadOnlyList<string> OverdueDocuments);

    public static async Task<Report> BuildAsync(MamoriDb db, StatementOfApplicability.Statement statement, DateOnly today, CancellationToken cancellationToken = default)
    {
        var decided = statement.Rows.Where(r => !r.IsProposal && r.Applicability != Applicability.Undecided).ToList();
        var byStatus = Enum.GetValues<ImplementationStatus>().ToDictionary(
            s => s, s => decided.Count(r => r.Applicability == Applicability.Applicable && r.Status == s));
        var untreated = await db.RiskScenarios.AsNoTracking().Where(s => s.Treatment == null).OrderBy(s => s.RiskStatement).Select(s => s.RiskStatement).ToListAsync(cancellationToken);
        var documents = await DocumentStatus.ListAsync(db, today, cancellationToken);
        static string Name(PolicyDocument d) => $"{d.Number} {d.Title}".Trim();
        return new Report(
            statement.Rows.Count,
            decided.Count,
            statement.Rows.Count(r => r.IsProposal),
            decided.Count(r => r.Applicability == Applicability.Excluded),
            byStatus,
            statement.Warnings.Count,
            untreated,
            [.. documents.Where(d => d.Document.LastApprovedAt is null).Select(d => Name(d.Document))],
            [.. documents.Where(d => d.ReviewOverdue).Select(d => Name(d.Document))]);
    }

    public static RenderedDocument Render(Report report, Organization organization, DateOnly today, CultureInfo culture)
    {
        var words = new SoaWords(culture);
        string T(string name) => DocumentText.ResourceManager.Text(name, culture);
        string List(IReadOnlyList<string> items) =>
            items.Count == 0 ? T(nameof(DocumentText.ReadinessNone)) + "\n" : string.Concat(items.Select(i => $"- {i.Replace("\n", " ", StringComparison.Ordinal)}\n"));

        var soa = new StringBuilder()
            .AppendLine(string.Format(culture, T(nameof(DocumentText.ReadinessDecided)), report.Decided, report.Controls, report.Proposed, report.Excluded))
            .AppendLine()
            .AppendLine($"| {words.Columns[5]} | {T(nameof(DocumentText.ReadinessCount))} |")
            .AppendLine("|---|---|");
        foreach (var (status, count) in report.ApplicableByStatus)
        {
            soa.AppendLine(CultureInfo.InvariantCulture, $"| {words.Of(status)} | {count} |");
        }

        soa.AppendLine().AppendLine(string.Format(culture, T(nameof(DocumentText.ReadinessWarnings)), report.Warnings));
        return new RenderedDocument(
            T(nameof(DocumentText.ReadinessTitle)), organization.Name, "ISMS", today.ToString(T(nameof(DocumentText.SoaVersionFormat)), CultureInfo.InvariantCulture), today,
            Policies.RenderPolicy.Classification(organization, culture), [], [],
            [
                new(T(nameof(DocumentText.ReadinessSoa)), 1, soa.ToString()),
                new(T(nameof(DocumentText.ReadinessUntreated)), 1, List(report.UntreatedRisks)),
                new(T(nameof(DocumentText.ReadinessUnapproved)), 1, List(report.UnapprovedDocuments)),
                new(T(nameof(DocumentText.ReadinessOverdue)), 1, List(report.OverdueDocuments)),
            ],
            culture);
    }
}
