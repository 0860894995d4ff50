using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using Mamori.Catalogs;
using Mamori.Documents;
using Mamori.Documents.Xlsx;
using Mamori.Domain.Organizations;
using Mamori.Domain.Scs;
using Mamori.Import;
using Mamori.Resources;

namespace Mamori.Features.Scs;

/// <summary>
/// The ★3 assessment as files: a workbook (criteria in catalog order with answer, evidence and the
/// expert's comments, a filter on the header), the same content as a document, and the
/// 自己適合宣言書 the representative signs. All read the same <see cref="Star3Assessment.Sheet"/>.
/// </summary>
public static class Star3Export
{
    private const int SheetId = 1;

    public static IReadOnlyList<string> Columns(CultureInfo culture) =>
        ScsWords.ResourceManager.Text(nameof(ScsWords.Columns), culture).Split('|');

    /// <summary>One row's cells in the order of <see cref="Columns"/>.</summary>
    public static IReadOnlyList<string> Cells(Star3Assessment.Sheet sheet, Star3Assessment.Row row, CultureInfo culture)
    {
        var words = new Star3Words(culture);
        var separator = words[nameof(ScsWords.ListSeparator)];
        var catalog = ScsCatalog.Default;
        var category = catalog.FindCategory(row.Criterion.CategoryId)!;
        var requirement = catalog.FindRequirement(row.Criterion.RequirementId)!;
        var status = row.IsProposal ? string.Format(culture, words[nameof(ScsWords.ProposedStatus)], words.Of(row.Status)) : words.Of(row.Status);
        return
        [
            $"{category.Id} {category.Title.In(culture)}",
            $"{requirement.Id} {requirement.Title.In(culture)}",
            row.Criterion.Id,
            row.Criterion.Text.In(culture),
            status,
            row.Reason,
            row.Note,
            row.IsProposal ? Star3Assessment.SourceOf(row.Grounds, culture) : row.Answer?.Source ?? "",
            string.Join(separator, sheet.LinksOf(row).Select(l => l.Label).Concat(row.Files.Select(f => f.FileName))),
            words.Of(row.ReviewState),
            string.Join(separator, row.Review.Where(n => n.Text.Length > 0).Select(n => $"[{words.Of(n.State)}] {n.Text}")),
            row.Criterion.Yearly ? words[nameof(ScsWords.YearlyMark)] : "",
        ];
    }

    public static async Task WorkbookAsync(Stream output, Star3Assessment.Sheet sheet, CultureInfo culture, CancellationToken cancellationToken = default)
    {
        var columns = Columns(culture);
        double[] widths = [18, 24, 10, 48, 14, 24, 30, 40, 30, 10, 40, 8];
        var sheetName = ScsWords.ResourceManager.Text(nameof(ScsWords.SheetName), culture);
        var lastRow = sheet.Rows.Count + 1;
        var lastColumn = XlsxSheetReader.ColumnLetter(columns.Count - 1);
        // Built in memory (81 rows), then copied: the zip writes synchronously, which a web response refuses.
        using var buffer = new MemoryStream();
        using (var zip = new XlsxPackage(buffer))
        {
            zip.WriteSkeleton(sheetCount: 1);
            zip.WriteElement(XlsxPackage.StylesPath, RegisterStyles.Create());
            using (var part = zip.CreatePart(XlsxPackage.WorksheetPath(SheetId)))
            using (var writer = new SheetXmlWriter(part, includeCachedValues: true))
            {
                writer.Start(selected: true, frozenColumns: 3, [.. columns.Select((c, i) => (c, widths[i]))]);
                var number = 1;
                foreach (var row in sheet.Rows)
                {
                    writer.StartRow(++number);
                    var cells = Cells(sheet, row, culture);
                    for (var column = 0; column < cells.Count; column++)
                    {
                        writer.Text(column, cells[column], column is 2 or 4 or 9 or 11 ? RegisterStyles.Centered : RegisterStyles.Text);
                    }

                    writer.EndRow();
                }

                writer.Finish([new AutoFilter { Reference = $"A1:{lastColumn}{lastRow}" }, .. SheetXmlWriter.PrintSetup()]);
            }

            var workbook = new Workbook(
                new BookViews(new WorkbookView { ActiveTab = 0 }),
                new Sheets(new Sheet { Name = sheetName, SheetId = SheetId, Id = XlsxPackage.WorksheetRelationshipId(SheetId) }),
                new DefinedNames(
                    new DefinedName($"{SheetXmlWriter.QuoteSheetName(sheetName)}!$1:$1") { Name = "_xlnm.Print_Titles", LocalSheetId = 0 },
                    new DefinedName($"{SheetXmlWriter.QuoteSheetName(sheetName)}!$A$1:${lastColumn}${lastRow}") { Name = "_xlnm._FilterDatabase", LocalSheetId = 0, Hidden = true }));
            workbook.AddNamespaceDeclaration("r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships");
            zip.WriteElement(XlsxPackage.WorkbookPath, workbook);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellationToken);
    }

    /// <summary>The assessment as a document: an overview with progress by category, then a table per category.</summary>
    public static RenderedDocument Document(Star3Assessment.Sheet sheet, Organization organization, DateOnly today, CultureInfo culture)
    {
        var words = new Star3Words(culture);
        var columns = Columns(culture);
        int[] kept = [2, 3, 4, 5, 6, 8, 9];
        var overview = new StringBuilder();
        overview.AppendLine(string.Format(culture, words[nameof(ScsWords.OverviewText)], Year(sheet.Year, culture), sheet.Answered, sheet.Rows.Count, sheet.Proposals, sheet.Confirmed)).AppendLine();
        overview.AppendLine($"| {words[nameof(ScsWords.ProgressColumns)].Replace("|", " | ", StringComparison.Ordinal)} |");
        overview.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var progress in sheet.Progress)
        {
            overview.AppendLine(CultureInfo.InvariantCulture, $"| {progress.Category.Id} {progress.Category.Title.In(culture)} | {progress.Criteria} | {progress.Met} | {progress.Partial} | {progress.NotMet} | {progress.NotApplicable} | {progress.Proposed + progress.Unanswered} |");
        }

        var sections = new List<DocumentSection> { new(words[nameof(ScsWords.Overview)], 1, overview.ToString()) };
        foreach (var category in ScsCatalog.Default.Categories.Where(c => sheet.Rows.Any(r => r.Criterion.CategoryId == c.Id)))
        {
            var table = new StringBuilder();
            table.AppendLine($"| {string.Join(" | ", kept.Select(i => columns[i]))} |");
            table.AppendLine($"|{string.Concat(Enumerable.Repeat("---|", kept.Length))}");
            foreach (var row in sheet.Rows.Where(r => r.Criterion.CategoryId == category.Id))
            {
                var cells = Cells(sheet, row, culture);
                table.AppendLine($"| {string.Join(" | ", kept.Select(i => Cell(cells[i])))} |");
            }

            sections.Add(new DocumentSection($"{category.Id} {category.Title.In(culture)}", 1, table.ToString()));
        }

        if (sheet.Opinion.Count > 0)
        {
            sections.Add(new DocumentSection(words[nameof(ScsWords.Opinion)], 1,
                string.Join("\n\n", sheet.Opinion.Select(n => $"{n.WrittenAt.LocalDate(organization).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {n.WrittenBy}（{words.Of(n.State)}）: {n.Text}")) + "\n"));
        }

        return new RenderedDocument(
            words[nameof(ScsWords.DocumentTitle)], organization.Name, "SCS-3", Year(sheet.Year, culture), today,
            Policies.RenderPolicy.Classification(organization, culture), [], [], sections, culture);
    }

    /// <summary>
    /// The 自己適合宣言書: what the company declares, the year, the figures of the assessment, the
    /// expert's confirmation (or that it is still missing) and the representative's lines to sign.
    /// </summary>
    public static RenderedDocument Pledge(Star3Assessment.Sheet sheet, Organization organization, DateOnly today, CultureInfo culture)
    {
        var words = new Star3Words(culture);
        var assessment = sheet.Assessment;
        var name = assessment?.RepresentativeName ?? "";
        var title = assessment?.RepresentativeTitle ?? "";
        var met = sheet.Rows.Count(r => !r.IsProposal && r.Status == ScsAnswerStatus.Met);
        var notApplicable = sheet.Rows.Count(r => !r.IsProposal && r.Status == ScsAnswerStatus.NotApplicable);
        var body = new StringBuilder()
            .AppendLine(string.Format(culture, words[nameof(ScsWords.PledgeDeclaration)], organization.Name, Year(sheet.Year, culture))).AppendLine()
            .AppendLine(string.Format(culture, words[nameof(ScsWords.PledgeFigures)], sheet.Rows.Count, met, notApplicable, sheet.Rows.Count - met - notApplicable)).AppendLine()
            .AppendLine(words[nameof(ScsWords.PledgePromise)]).AppendLine();
        var review = sheet.IsConfirmedByExpert
            ? string.Format(culture, words[nameof(ScsWords.PledgeConfirmed)], sheet.Opinion[^1].WrittenBy, sheet.Opinion[^1].WrittenAt.LocalDate(organization).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), sheet.Opinion[^1].Text)
            : words[nameof(ScsWords.PledgeNotConfirmed)];
        var signature = new StringBuilder()
            .AppendLine(string.Format(culture, words[nameof(ScsWords.PledgeDate)], today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))).AppendLine()
            .AppendLine(string.Format(culture, words[nameof(ScsWords.PledgeOrganization)], organization.Name)).AppendLine()
            .AppendLine(string.Format(culture, words[nameof(ScsWords.PledgeRepresentative)], title, name)).AppendLine();
        return new RenderedDocument(
            words[nameof(ScsWords.PledgeTitle)], organization.Name, "SCS-3-P", Year(sheet.Year, culture), today,
            Policies.RenderPolicy.Classification(organization, culture), [], [],
            [
                new DocumentSection(words[nameof(ScsWords.PledgeHeading)], 1, body.ToString()),
                new DocumentSection(words[nameof(ScsWords.PledgeReviewHeading)], 1, review + "\n"),
                new DocumentSection(words[nameof(ScsWords.PledgeSignatureHeading)], 1, signature.ToString()),
            ],
            culture)
        {
            Approver = $"{title} {name}".Trim(),
        };
    }

    public static string Year(int year, CultureInfo culture) => string.Format(culture, ScsWords.ResourceManager.Text(nameof(ScsWords.YearFormat), culture), year);

    private static string Cell(string value) =>
        value.Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
