using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;
using Mamori.Resources;

namespace Mamori.Documents.Docx;

/// <summary>The cover page and the table of contents, written after the documents so the contents know their headings.</summary>
internal sealed partial class DocxBuilder
{
    private IEnumerable<OpenXmlElement> Cover()
    {
        var labels = new DocxLabels(documents[0].Culture);
        var classifications = documents.Select(d => d.Classification).Where(c => !string.IsNullOrWhiteSpace(c)).Distinct().ToList();
        var bold = new Format(Bold: true, Size: 24);
        yield return NewParagraph(null, [TextRun(labels.Join(classifications), bold)], justification: JustificationValues.Right);

        for (var i = 0; i < documents.Count; i++)
        {
            yield return NewParagraph("Title", [TextRun(documents[i].Title)], spacingBefore: i == 0 ? 3600 : 0);
        }

        if (documents.Count == 1)
        {
            var document = documents[0];
            string[] lines =
            [
                labels.LabelValue(nameof(DocumentText.DocxDocumentNumber), document.DocumentNumber),
                labels.LabelValue(nameof(DocumentText.DocxVersion), document.Version),
                labels.LabelValue(nameof(DocumentText.DocxEffectiveOn), labels.Date(document.EffectiveOn)),
            ];
            for (var i = 0; i < lines.Length; i++)
            {
                yield return NewParagraph(
                    null, [TextRun(lines[i], new Format(Size: 24))], spacingBefore: i == 0 ? 1440 : 0, justification: JustificationValues.Center);
            }
        }
        else
        {
            yield return NewParagraph(null, [], spacingBefore: 720);
            yield return GridTable(
                [3670, 1800, 1200, 2400],
                [
                    labels[nameof(DocumentText.DocxDocumentTitle)], labels[nameof(DocumentText.DocxDocumentNumber)],
                    labels[nameof(DocumentText.DocxVersion)], labels[nameof(DocumentText.DocxEffectiveOn)],
                ],
                documents.Select(d => new[] { d.Title, d.DocumentNumber, d.Version, labels.Date(d.EffectiveOn) }));
        }

        yield return NewParagraph("Subtitle", [TextRun(documents[0].OrganizationName)], spacingBefore: 2880);
    }

    /// <summary>
    /// A TOC field Word refreshes on open (updateFields), with a result listing the headings so
    /// that readers which do not update fields still show them. The page numbers in that result
    /// are PAGEREF fields left empty: Word fills them on open, LibreOfficePdf updates the index.
    /// </summary>
    private IEnumerable<OpenXmlElement> TableOfContents()
    {
        var labels = new DocxLabels(documents[0].Culture);
        var heading = NewParagraph("TOCHeading", [TextRun(labels[nameof(DocumentText.DocxTableOfContents)])]);
        Properties(heading).PageBreakBefore = new PageBreakBefore();
        yield return heading;

        Run[] fieldStart =
        [
            new Run(new FieldChar { FieldCharType = FieldCharValues.Begin }),
            new Run(new FieldCode(documents.Count > 1 ? $@" TOC \o ""1-3"" \h \z \u \t ""{DocxStyles.DocumentTitleName},1"" " : @" TOC \o ""1-3"" \h \z \u ")
            {
                Space = SpaceProcessingModeValues.Preserve,
            }),
            new Run(new FieldChar { FieldCharType = FieldCharValues.Separate }),
        ];
        var fieldEnd = new Run(new FieldChar { FieldCharType = FieldCharValues.End });

        if (_toc.Count == 0)
        {
            yield return NewParagraph("TOC1", [.. fieldStart, TextRun(labels[nameof(DocumentText.DocxTocHint)]), fieldEnd]);
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
