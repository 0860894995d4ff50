using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;
using Mamori.Resources;

namespace Mamori.Documents.Docx;

/// <summary>
/// A book's front: the cover, the document list with the roles table, and the table of contents,
/// written after the documents so the contents know their headings.
/// </summary>
internal sealed partial class DocxBuilder
{
    /// <summary>
    /// The book's title (情報セキュリティポリシー, 従業員ハンドブック), the company, and a block with the
    /// version, the date, the classification and the approver (<see cref="Book"/>); the date is
    /// that of its latest document.
    /// </summary>
    private IEnumerable<OpenXmlElement> Cover()
    {
        var first = documents[0];
        yield return NewParagraph("CoverMark", [TextRun(BookClassification())]);
        yield return NewParagraph("Title", [TextRun(Book.Title)], spacingBefore: 3400);
        yield return NewParagraph("Subtitle", [TextRun(first.OrganizationName)]);
        yield return NewParagraph(null, [], spacingBefore: 2600);

        const int label = 2000;
        const int value = 4200;
        var table = NewTable([label, value]);
        Properties(table).TableJustification = new TableJustification { Val = TableRowAlignmentValues.Center };
        string[][] lines =
        [
            [Labels[nameof(DocumentText.DocxVersion)], Book.Version],
            [Labels[nameof(DocumentText.DocxIssuedOn)], Labels.Date(documents.Max(d => d.EffectiveOn))],
            [Labels[nameof(DocumentText.DocxClassification)], BookClassification()],
            [Labels[nameof(DocumentText.DocxApprover)], Book.Approver],
        ];
        foreach (var line in lines)
        {
            var row = BlockRow([label, value], [(line[0], true), (line[1], false)], size: 24);
            row.TableRowProperties!.Append(new TableRowHeight { Val = 560, HeightType = HeightRuleValues.AtLeast });
            table.Append(row);
        }

        yield return table;
    }

    private static TableProperties Properties(Table table) => table.GetFirstChild<TableProperties>()!;

    /// <summary>The book's introduction, the document list (number, title, version, effective date), the roles table, then the contents on a page of their own.</summary>
    private IEnumerable<OpenXmlElement> FrontMatter()
    {
        foreach (var paragraph in Book.Introduction.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            yield return NewParagraph(null, [TextRun(paragraph)]);
        }

        yield return NewParagraph("TOCHeading", [TextRun(Labels[nameof(DocumentText.DocxDocumentList)])]);
        yield return GridTable(
            [
                Labels[nameof(DocumentText.DocxDocumentNumber)], Labels[nameof(DocumentText.DocxDocumentTitle)],
                Labels[nameof(DocumentText.DocxVersion)], Labels[nameof(DocumentText.DocxEffectiveOn)],
            ],
            documents.Select(d => new[] { d.DocumentNumber, d.Title, d.Version, Labels.Date(d.EffectiveOn) }).ToList());

        var withRoles = Book.RolesTable ? documents.FirstOrDefault(d => d.Roles.Count > 0) : null;
        if (withRoles is not null)
        {
            foreach (var element in RolesTable(withRoles, Labels))
            {
                yield return element;
            }
        }

        foreach (var element in TableOfContents())
        {
            yield return element;
        }
    }

    /// <summary>
    /// A TOC field of two levels (documents and their sections) that Word refreshes on open
    /// (updateFields), with a result listing the same entries so that readers which do not update
    /// fields still show them. The page numbers in that result are PAGEREF fields left empty:
    /// Word fills them on open, LibreOfficePdf updates the index.
    /// </summary>
    private IEnumerable<OpenXmlElement> TableOfContents()
    {
        var heading = NewParagraph("TOCHeading", [TextRun(Labels[nameof(DocumentText.DocxTableOfContents)])]);
        Properties(heading).PageBreakBefore = new PageBreakBefore();
        yield return heading;

        Run[] fieldStart =
        [
            new Run(new FieldChar { FieldCharType = FieldCharValues.Begin }),
            new Run(new FieldCode(@" TOC \o ""1-2"" \h \z \u ") { Space = SpaceProcessingModeValues.Preserve }),
            new Run(new FieldChar { FieldCharType = FieldCharValues.Separate }),
        ];
        var fieldEnd = new Run(new FieldChar { FieldCharType = FieldCharValues.End });

        if (_toc.Count == 0)
        {
            yield return NewParagraph("TOC1", [.. fieldStart, TextRun(Labels[nameof(DocumentText.DocxTocHint)]), fieldEnd]);
            yield break;
        }

        for (var i = 0; i < _toc.Count; i++)
        {
            var entry = _toc[i];
            var link = new Hyperlink { Anchor = entry.Bookmark, History = true };
            link.Append(TextRun(entry.Text));
            link.Append(new Run(new TabChar()));
            link.Append(Field($@"PAGEREF {entry.Bookmark} \h", ""));
            var paragraph = NewParagraph($"TOC{entry.Level}", i == 0 ? fieldStart : []);
            paragraph.Append(link);
            if (i == _toc.Count - 1)
            {
                paragraph.Append(fieldEnd);
            }

            yield return paragraph;
        }
    }
}
