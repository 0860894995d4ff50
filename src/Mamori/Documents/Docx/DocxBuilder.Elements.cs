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

    /// <summary>A table with a header row, its columns as wide as their content needs within the text width.</summary>
    private Table GridTable(IReadOnlyList<string> headers, IReadOnlyList<string[]> rows)
    {
        var widths = FitWidths([[.. headers], .. rows.Select(r => r.ToList())], headers.Count, header: true, _textWidth);
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

    /// <summary>A row that never splits across pages; a header row repeats on each page the table runs onto.</summary>
    private static TableRow Row(int[] widths, IReadOnlyList<OpenXmlElement[]> cells, bool header)
    {
        var row = new TableRow(header ? new TableRowProperties(new CantSplit(), new TableHeader()) : new TableRowProperties(new CantSplit()));
        for (var i = 0; i < cells.Count; i++)
        {
            row.Append(Cell(widths[i], cells[i], header ? HeaderFill : null, span: 1));
        }

        return row;
    }

    private const string HeaderFill = "D9E2F3";
    private const string LabelFill = "EDF1F9";

    /// <summary>A row of the title block: label cells shaded, the last cell spanning <paramref name="span"/> grid columns.</summary>
    private static TableRow BlockRow(int[] widths, IReadOnlyList<(string Text, bool Label)> cells, int span = 1, int size = 0)
    {
        var row = new TableRow(new TableRowProperties(new CantSplit()));
        for (var i = 0; i < cells.Count; i++)
        {
            var (text, label) = cells[i];
            var paragraph = NewParagraph(null, [TextRun(text, new Format(Bold: label, Size: size))]);
            row.Append(Cell(widths[i], [paragraph], label ? LabelFill : null, i == cells.Count - 1 ? span : 1));
        }

        return row;
    }

    private static TableCell Cell(int width, OpenXmlElement[] content, string? fill, int span)
    {
        var properties = new TableCellProperties
        {
            TableCellWidth = new TableCellWidth { Width = width.ToString(CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa },
        };
        if (span > 1)
        {
            properties.GridSpan = new GridSpan { Val = span };
        }

        if (fill is not null)
        {
            properties.Shading = new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = fill };
        }

        properties.TableCellVerticalAlignment = new TableCellVerticalAlignment { Val = TableVerticalAlignmentValues.Center };

        // Word requires a paragraph in every cell.
        var cell = new TableCell(properties);
        cell.Append(content.Length == 0 ? [NewParagraph(null, [])] : content);
        return cell;
    }

    // Table text is 10 pt: a full-width character takes 200 twips, a half-width one about 100,
    // with some room for the face a reader substitutes; a cell adds its margins.
    private const int TwipsPerUnit = 108;
    private const int CellMargins = (2 * 108) + 60;

    /// <summary>
    /// Column widths that fit the content: each column as wide as its longest cell when they all
    /// fit; otherwise the widest columns give way first (none below its header or longest word)
    /// until the table is as wide as the text.
    /// </summary>
    internal static int[] FitWidths(IReadOnlyList<IReadOnlyList<string>> rows, int columns, bool header, int available)
    {
        var natural = new double[columns];
        var minimum = new double[columns];
        for (var c = 0; c < columns; c++)
        {
            var cells = rows.Select(r => c < r.Count ? r[c] : "").ToList();
            natural[c] = (Math.Min(cells.Select(Units).DefaultIfEmpty(0).Max(), 200) * TwipsPerUnit) + CellMargins;
            var headerUnits = header && cells.Count > 0 ? Math.Min(Units(cells[0]), 16) : 0;
            var word = Math.Min(cells.SelectMany(t => t.Split(' ', '\n')).Select(w => w.All(ch => ch < 0x2E80) ? Units(w) : 0).DefaultIfEmpty(0).Max(), 20);
            minimum[c] = Math.Min(natural[c], (Math.Max(Math.Max(headerUnits, word), 4) * TwipsPerUnit) + CellMargins);
        }

        double[] widths;
        if (natural.Sum() <= available)
        {
            // Everything fits on one line: share the rest by how much each column holds.
            var spare = available - natural.Sum();
            widths = natural.Select(n => n + (spare * n / natural.Sum())).ToArray();
        }
        else if (minimum.Sum() >= available)
        {
            widths = minimum.Select(m => m * available / minimum.Sum()).ToArray();
        }
        else
        {
            // The widest columns wrap first: find the cap that makes the table exactly as wide as the text.
            double low = 0, high = natural.Max();
            for (var i = 0; i < 40; i++)
            {
                var cap = (low + high) / 2;
                if (Capped(cap) > available)
                {
                    high = cap;
                }
                else
                {
                    low = cap;
                }
            }

            widths = natural.Select((n, i) => Math.Max(minimum[i], Math.Min(n, low))).ToArray();
            double Capped(double cap) => natural.Select((n, i) => Math.Max(minimum[i], Math.Min(n, cap))).Sum();
        }

        var result = widths.Select(w => (int)Math.Floor(w)).ToArray();
        result[^1] += available - result.Sum();
        return result;
    }

    /// <summary>
    /// Width in half-width units: 2 for a full-width (East Asian) character, 1 otherwise, and 1
    /// more where the two meet (Word and LibreOffice put a little space between them: 2026年4月1日).
    /// </summary>
    private static int Units(string text)
    {
        var units = 0;
        bool? wide = null;
        foreach (var c in text)
        {
            var isWide = c >= 0x1100 && !char.IsLowSurrogate(c) && !(c >= 0xFF61 && c <= 0xFF9F);
            units += (isWide ? 2 : 1) + (wide is { } before && before != isWide && !char.IsWhiteSpace(c) ? 1 : 0);
            wide = char.IsWhiteSpace(c) ? null : isWide;
        }

        return units;
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

        var clean = Clean(text);
        if (clean.AsSpan().IndexOfAny('\n', '\t', '\r') < 0)
        {
            if (clean.Length > 0)
            {
                run.Append(new Text(clean) { Space = SpaceProcessingModeValues.Preserve });
            }

            return run;
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

        foreach (var c in clean)
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

        if (AllXmlChars(text))
        {
            return text; // the common case: nothing to drop
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

    private static bool AllXmlChars(string text)
    {
        foreach (var c in text)
        {
            if (!XmlConvert.IsXmlChar(c))
            {
                return false;
            }
        }

        return true;
    }
}
