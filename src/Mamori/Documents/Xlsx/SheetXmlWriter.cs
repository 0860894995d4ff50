using System.Globalization;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using Mamori.Import;

namespace Mamori.Documents.Xlsx;

/// <summary>
/// Writes one worksheet forward-only with <see cref="XmlWriter"/>: what comes before the cells (frozen
/// header, column widths), the rows as they arrive, then what comes after them (filter, colours,
/// validation, print setup), which may depend on the number of rows. The elements before and after
/// the cells are SDK elements, written by the SDK into the same writer.
/// Text is always an inline string, so nothing a user typed can become a formula.
/// </summary>
internal sealed class SheetXmlWriter : IDisposable
{
    private const string MainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        // Line breaks typed as CR LF or CR are stored as LF, as Excel stores them.
        NewLineHandling = NewLineHandling.Replace,
        NewLineChars = "\n",
        CloseOutput = false,
        // XmlSafe has already replaced what XML cannot hold; checking every character again cost the export time.
        CheckCharacters = false,
    };

    private static readonly string[] StyleTexts = [.. Enumerable.Range(0, 16).Select(i => i.ToString(CultureInfo.InvariantCulture))];

    private readonly XmlWriter _xml;
    private readonly bool _includeCachedValues;
    private readonly List<string> _letters = [];
    private string _rowNumber = "1";

    /// <param name="includeCachedValues">Whether formula cells carry their result; false only to test that a spreadsheet application computes them.</param>
    public SheetXmlWriter(Stream stream, bool includeCachedValues)
    {
        _xml = XmlWriter.Create(stream, Settings);
        _includeCachedValues = includeCachedValues;
    }

    /// <summary>
    /// Starts the sheet with its header in row 1, frozen (with <paramref name="frozenColumns"/>
    /// columns), each column at least as wide as given and wide enough for its header.
    /// </summary>
    public void Start(bool selected, int frozenColumns, IReadOnlyList<(string Header, double MinimumWidth)> columns)
    {
        _xml.WriteStartDocument(standalone: true);
        _xml.WriteStartElement("x", "worksheet", MainNamespace);
        new SheetProperties(new PageSetupProperties { FitToPage = true }).WriteTo(_xml);
        new SheetViews(FrozenView(selected, frozenColumns)).WriteTo(_xml);
        new Columns(columns.Select((column, i) => new Column
        {
            Min = (uint)(i + 1),
            Max = (uint)(i + 1),
            Width = HeaderLayout.Width(column.Header, column.MinimumWidth),
            CustomWidth = true,
        })).WriteTo(_xml);
        _xml.WriteStartElement("x", "sheetData", MainNamespace);

        StartRow(1);
        _xml.WriteAttributeString("ht", HeaderLayout.Height.ToString(CultureInfo.InvariantCulture));
        _xml.WriteAttributeString("customHeight", "1");
        for (var column = 0; column < columns.Count; column++)
        {
            Text(column, columns[column].Header, RegisterStyles.Header);
        }

        EndRow();
    }

    public void StartRow(int rowNumber)
    {
        _rowNumber = rowNumber.ToString(CultureInfo.InvariantCulture);
        _xml.WriteStartElement("x", "row", MainNamespace);
        _xml.WriteAttributeString("r", _rowNumber);
    }

    public void EndRow() => _xml.WriteEndElement();

    /// <summary>A text cell (empty text leaves the cell empty but styled).</summary>
    public void Text(int column, string text, uint style)
    {
        StartCell(column, style, text.Length == 0 ? null : "inlineStr");
        if (text.Length > 0)
        {
            _xml.WriteStartElement("x", "is", MainNamespace);
            _xml.WriteStartElement("x", "t", MainNamespace);
            // Without xml:space="preserve" a reader may trim the text's outer spaces.
            if (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]))
            {
                _xml.WriteAttributeString("xml", "space", null, "preserve");
            }

            _xml.WriteString(XmlSafe(text));
            _xml.WriteEndElement();
            _xml.WriteEndElement();
        }

        _xml.WriteEndElement();
    }

    /// <summary>A number cell, or an empty styled cell for null.</summary>
    public void Number(int column, int? value, uint style)
    {
        StartCell(column, style, type: null);
        if (value is { } number)
        {
            _xml.WriteElementString("x", "v", MainNamespace, number.ToString(CultureInfo.InvariantCulture));
        }

        _xml.WriteEndElement();
    }

    /// <summary>A formula whose result is <paramref name="result"/>, or empty text when it is null.</summary>
    public void Formula(int column, string formula, int? result, uint style) =>
        Formula(column, formula, result is null ? "str" : null, result?.ToString(CultureInfo.InvariantCulture) ?? "", style);

    /// <summary>A formula whose result is text.</summary>
    public void Formula(int column, string formula, string result, uint style) =>
        Formula(column, formula, "str", XmlSafe(result), style);

    /// <summary>Ends the cells and writes the parts that follow them, in schema order.</summary>
    public void Finish(params IEnumerable<OpenXmlElement> afterCells)
    {
        _xml.WriteEndElement();
        foreach (var element in afterCells)
        {
            element.WriteTo(_xml);
        }

        _xml.WriteEndElement();
        _xml.WriteEndDocument();
        _xml.Flush();
    }

    public void Dispose() => _xml.Dispose();

    /// <summary>Landscape A4, one page wide, with the sheet name above and page numbers below.</summary>
    public static IEnumerable<OpenXmlElement> PrintSetup() =>
    [
        new PageMargins { Left = 0.4, Right = 0.4, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 },
        new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 },
        new HeaderFooter(new OddHeader("&A"), new OddFooter("&P / &N")),
    ];

    /// <summary>A sheet name as formulas quote it: '情報資産管理台帳'.</summary>
    public static string QuoteSheetName(string sheetName) => $"'{sheetName.Replace("'", "''", StringComparison.Ordinal)}'";

    /// <summary>A1-style reference, e.g. (2, 5) → "C5".</summary>
    public string Reference(int column, int row) =>
        Letter(column) + row.ToString(CultureInfo.InvariantCulture);

    public string Letter(int column)
    {
        while (_letters.Count <= column)
        {
            _letters.Add(XlsxSheetReader.ColumnLetter(_letters.Count));
        }

        return _letters[column];
    }

    private static SheetView FrozenView(bool selected, int frozenColumns)
    {
        var topLeft = XlsxSheetReader.ColumnLetter(frozenColumns) + "2";
        var pane = new Pane { VerticalSplit = 1, TopLeftCell = topLeft, ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen };
        if (frozenColumns > 0)
        {
            pane.HorizontalSplit = frozenColumns;
            pane.ActivePane = PaneValues.BottomRight;
        }

        var view = new SheetView(
            pane,
            new Selection { Pane = pane.ActivePane, ActiveCell = topLeft, SequenceOfReferences = new ListValue<StringValue> { InnerText = topLeft } })
        {
            WorkbookViewId = 0,
        };
        if (selected)
        {
            view.TabSelected = true;
        }

        return view;
    }

    private void Formula(int column, string formula, string? type, string result, uint style)
    {
        StartCell(column, style, _includeCachedValues ? type : null);
        _xml.WriteElementString("x", "f", MainNamespace, XmlSafe(formula));
        if (_includeCachedValues)
        {
            _xml.WriteElementString("x", "v", MainNamespace, result);
        }

        _xml.WriteEndElement();
    }

    private void StartCell(int column, uint style, string? type)
    {
        _xml.WriteStartElement("x", "c", MainNamespace);
        _xml.WriteAttributeString("r", Letter(column) + _rowNumber);
        _xml.WriteAttributeString("s", style < (uint)StyleTexts.Length ? StyleTexts[style] : style.ToString(CultureInfo.InvariantCulture));
        if (type is not null)
        {
            _xml.WriteAttributeString("t", type);
        }
    }

    /// <summary>The text with what XML cannot hold (control characters, U+FFFE, U+FFFF, lone surrogates) as U+FFFD.</summary>
    private static string XmlSafe(string text)
    {
        char[]? safe = null;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (!XmlConvert.IsXmlChar(text[i]))
            {
                (safe ??= text.ToCharArray())[i] = '\uFFFD';
            }
        }

        return safe is null ? text : new string(safe);
    }
}
