using System.Globalization;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Mamori.Documents.Docx;

/// <summary>The elements every part is made of: tables, paragraphs, runs and fields.</summary>
internal sealed partial class DocxBuilder
{
    // ---- tables --------------------------------------------------------------------------

    private static Table GridTable(int[] widths, IReadOnlyList<string> headers, IEnumerable<string[]> rows)
    {
        var table = NewTable(widths);
        table.Append(Row(widths, headers.Select(h => new OpenXmlElement[] { NewParagraph(null, [TextRun(h, new Format(Bold: true))]) }).ToList(), header: true));
        foreach (var row in rows)
        {
            table.Append(Row(widths, row.Select(v => new OpenXmlElement[] { NewParagraph(null, [TextRun(v)]) }).ToList(), header: false));
        }

        return table;
    }

    private static Table NewTable(int[] widths)
    {
        var properties = new TableProperties(
            new TableStyle { Val = "TableGrid" },
            new TableWidth { Width = widths.Sum().ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
            new TableLayout { Type = TableLayoutValues.Fixed },
            new TableLook { Val = "04A0", FirstRow = true, LastRow = false, FirstColumn = true, LastColumn = false, NoHorizontalBand = false, NoVerticalBand = true });
        var grid = new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(CultureInfo.InvariantCulture) }));
        return new Table(properties, grid);
    }

    private static TableRow Row(int[] widths, IReadOnlyList<OpenXmlElement[]> cells, bool header)
    {
        var row = new TableRow();
        if (header)
        {
            row.Append(new TableRowProperties(new TableHeader(), new CantSplit()));
        }

        for (var i = 0; i < cells.Count; i++)
        {
            var properties = new TableCellProperties
            {
                TableCellWidth = new TableCellWidth { Width = widths[i].ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
            };
            if (header)
            {
                properties.Shading = new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = "D9D9D9" };
            }

            // Word requires a paragraph in every cell.
            var cell = new TableCell(properties);
            cell.Append(cells[i].Length == 0 ? [NewParagraph(null, [])] : cells[i]);
            row.Append(cell);
        }

        return row;
    }

    // ---- paragraphs and runs -------------------------------------------------------------

    private static Paragraph NewParagraph(
        string? styleId,
        IEnumerable<OpenXmlElement> content,
        NumberingProperties? numbering = null,
        int indentLeft = 0,
        int spacingBefore = 0,
        JustificationValues? justification = null)
    {
        var properties = new ParagraphProperties();
        if (styleId is not null)
        {
            properties.ParagraphStyleId = new ParagraphStyleId { Val = styleId };
        }

        properties.NumberingProperties = numbering;
        if (spacingBefore > 0)
        {
            properties.SpacingBetweenLines = new SpacingBetweenLines { Before = spacingBefore.ToString(CultureInfo.InvariantCulture) };
        }

        if (indentLeft > 0)
        {
            properties.Indentation = new Indentation { Left = indentLeft.ToString(CultureInfo.InvariantCulture) };
        }

        if (justification is { } value)
        {
            properties.Justification = new Justification { Val = value };
        }

        var paragraph = new Paragraph();
        if (properties.HasChildren)
        {
            paragraph.Append(properties);
        }

        paragraph.Append(content);
        return paragraph;
    }

    private static ParagraphProperties Properties(Paragraph paragraph) =>
        paragraph.ParagraphProperties ?? paragraph.PrependChild(new ParagraphProperties());

    private static NumberingProperties Numbering(int level, int numId) =>
        new(new NumberingLevelReference { Val = level }, new NumberingId { Val = numId });

    private static Run TextRun(string text, Format format = default)
    {
        var run = new Run();
        if (format.Bold || format.Italic || format.Size > 0)
        {
            run.Append(new RunProperties
            {
                Bold = format.Bold ? new Bold() : null,
                Italic = format.Italic ? new Italic() : null,
                FontSize = format.Size > 0 ? new FontSize { Val = format.Size.ToString(CultureInfo.InvariantCulture) } : null,
            });
        }

        var segment = new StringBuilder();
        void Flush()
        {
            if (segment.Length > 0)
            {
                run.Append(new Text(segment.ToString()) { Space = SpaceProcessingModeValues.Preserve });
                segment.Clear();
            }
        }

        foreach (var c in Clean(text))
        {
            switch (c)
            {
                case '\n':
                    Flush();
                    run.Append(new Break());
                    break;
                case '\t':
                    Flush();
                    run.Append(new TabChar());
                    break;
                case '\r':
                    break;
                default:
                    segment.Append(c);
                    break;
            }
        }

        Flush();
        return run;
    }

    private static IEnumerable<Run> Field(string instruction, string cachedResult)
    {
        yield return new Run(new FieldChar { FieldCharType = FieldCharValues.Begin });
        yield return new Run(new FieldCode($" {instruction} ") { Space = SpaceProcessingModeValues.Preserve });
        yield return new Run(new FieldChar { FieldCharType = FieldCharValues.Separate });
        if (cachedResult.Length > 0)
        {
            yield return new Run(new Text(cachedResult));
        }

        yield return new Run(new FieldChar { FieldCharType = FieldCharValues.End });
    }

    /// <summary>Drops characters XML cannot hold (control characters, lone surrogates) from user text.</summary>
    private static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c))
            {
                result.Append(c).Append(text[++i]);
            }
            else if (XmlConvert.IsXmlChar(c))
            {
                result.Append(c);
            }
        }

        return result.ToString();
    }
}
