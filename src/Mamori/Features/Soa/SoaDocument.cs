using System.Globalization;
using Mamori.Catalogs;
using Mamori.Documents;
using Mamori.Domain.Organizations;
using Mamori.Resources;

namespace Mamori.Features.Soa;

/// <summary>
/// The SoA as a document an auditor reads: one section per theme, a table per section with the
/// columns that fit a page (number, title, decision, reason, status, owner, evidence); Word and
/// Markdown come from the same text.
/// </summary>
public static class SoaDocument
{
    /// <summary>Columns of <see cref="SoaWords.Columns"/> that the document keeps.</summary>
    private static readonly int[] Kept = [0, 1, 3, 4, 5, 6, 9];

    public static RenderedDocument Render(StatementOfApplicability.Statement statement, Organization organization, DateOnly today, CultureInfo culture)
    {
        var words = new SoaWords(culture);
        var sections = CatalogSet.Default.Themes.Select(theme =>
        {
            var table = new System.Text.StringBuilder();
            table.AppendLine($"| {string.Join(" | ", Kept.Select(i => words.Columns[i]))} |");
            table.AppendLine($"|{string.Concat(Enumerable.Repeat("---|", Kept.Length))}");
            foreach (var row in statement.Rows.Where(r => r.Control.Theme == theme.Theme))
            {
                var cells = words.Cells(row, "");
                var decision = row.IsProposal ? $"{cells[3]}（{words[nameof(Resources.DocumentText.SoaProposed)]}）" : cells[3];
                table.AppendLine($"| {string.Join(" | ", Kept.Select(i => Cell(i == 3 ? decision : cells[i])))} |");
            }

            return new DocumentSection($"{theme.Clause} {theme.Title(culture)}", 1, table.ToString());
        }).ToList();
        // The SoA is as of its last decision: that date is its version and its date.
        var decided = statement.Rows.Select(r => r.Decision?.DecidedAt).Where(d => d is not null).Select(d => d!.Value.LocalDate(organization)).DefaultIfEmpty(today).Max();
        var summary = string.Format(
            culture,
            words[nameof(Resources.DocumentText.SoaOverviewText)],
            statement.Decided,
            statement.Rows.Count,
            statement.Rows.Count(r => r.IsProposal),
            statement.Rows.Count(r => !r.IsProposal && r.Applicability == Domain.Soa.Applicability.Excluded));
        sections.Insert(0, new DocumentSection(words[nameof(Resources.DocumentText.SoaOverview)], 1, summary + "\n"));
        var title = words[nameof(Resources.DocumentText.SoaSheet)];
        return new RenderedDocument(
            title,
            organization.Name,
            "SoA",
            decided.ToString(words[nameof(Resources.DocumentText.SoaVersionFormat)], CultureInfo.InvariantCulture),
            decided,
            Policies.RenderPolicy.Classification(organization, culture),
            [],
            [],
            sections,
            culture);
    }

    /// <summary>The same content as Markdown, for the CLI and for keeping in git.</summary>
    public static string Markdown(RenderedDocument document)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine($"# {document.Title}").AppendLine();
        foreach (var section in document.Sections)
        {
            text.AppendLine($"## {section.Heading}").AppendLine().AppendLine(section.Markdown);
        }

        return text.ToString();
    }

    private static string Cell(string value) =>
        value.Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
