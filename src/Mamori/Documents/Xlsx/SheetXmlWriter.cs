using System.Globalization;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using Mamori.Import;

namespace Mamori.Documents.Xlsx;

/// <summary>
/// Writes one worksheet forward-only with the SDK's SAX writer: what comes before the cells
/// (frozen header, column widths), the rows as they arrive, then what comes after them
/// (filter, colours, validation, print setup), which may depend on the number of rows.
/// Text is always an inline string, so nothing a user typed can become a formula.
/// </summary>
internal sealed class SheetXmlWriter : IDisposable
{
    private static readonly OpenXmlAttribute[] PreserveSpace = [new("xml", "space", "http://www.w3.org/XML/1998/namespace", "preserve")];

    // The SAX writer takes an element only for its name; these are shared by every cell.
    private readonly Row _rowElement = new();
    private readonly Cell _cellElement = new();
    private readonly InlineString _inlineStringElement = new();
    private readonly Text _textElement = new();
    private readonly CellFormula _formulaElement = new();
    private readonly CellValue _valueElement = new();

    private readonly OpenXmlWriter _writer;
    private readonly bool _includeCachedValues;
    private readonly List<string> _letters = [];
    private string _rowNumber = "";

    /// <param name="includeCachedValues">Whether formula cells carry their result; false only to test that a spreadsheet application computes them.</param>
    public SheetXmlWriter(Stream stream, bool includeCachedValues)
    {
        _writer = OpenXmlWriter.Create(stream);
        _includeCachedValues = includeCachedValues;
    }

    /// <summary>
    /// Starts the sheet with its header in row 1, frozen (with <paramref name="frozenColumns"/>
    /// columns), each column at least as wide as given and wide enough for its header.
    /// </summary>
    public void Start(bool selected, int frozenColumns, IReadOnlyList<(string Header, double MinimumWidth)> columns)
    {
        _writer.WriteStartDocument(true);
        _writer.WriteStartElement(new Worksheet());
        _writer.WriteElement(new SheetProperties(new PageSetupProperties { FitToPage = true }));
        _writer.WriteElement(new SheetViews(FrozenView(selected, frozenColumns)));
        _writer.WriteElement(new Columns(columns.Select((column, i) => new Column
        {
            Min = (uint)(i + 1),
            Max = (uint)(i + 1),
            Width = HeaderLayout.Width(column.Header, column.MinimumWidth),
            CustomWidth = true,
        })));
        _writer.WriteStartElement(new SheetData());

        _rowNumber = "1";
        _writer.WriteStartElement(_rowElement, [
            new OpenXmlAttribute("r", "", _rowNumber),
            new OpenXmlAttribute("ht", "", HeaderLayout.Height.ToString(CultureInfo.InvariantCulture)),
            new OpenXmlAttribute("customHeight", "", "1")]);
        for (var column = 0; column < columns.Count; column++)
        {
            Text(column, columns[column].Header, RegisterStyles.Header);
        }

        EndRow();
    }

    public void StartRow(int rowNumber)
    {
        _rowNumber = rowNumber.ToString(CultureInfo.InvariantCulture);
        _writer.WriteStartElement(_rowElement, [new OpenXmlAttribute("r", "", _rowNumber)]);
    }

    public void EndRow() => _writer.WriteEndElement();

    /// <summary>A text cell (empty text leaves the cell empty but styled).</summary>
    public void Text(int column, string text, uint style)
    {
        if (text.Length == 0)
        {
            Empty(column, style);
            return;
        }

        StartCell(column, style, "inlineStr");
        _writer.WriteStartElement(_inlineStringElement);
        // Without xml:space="preserve" a reader may trim the text's outer spaces.
        _writer.WriteStartElement(_textElement, char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]) ? PreserveSpace : []);
        _writer.WriteString(XmlSafe(text));
        _writer.WriteEndElement();
        _writer.WriteEndElement();
        _writer.WriteEndElement();
    }

    /// <summary>A number cell, or an empty styled cell for null.</summary>
    public void Number(int column, int? value, uint style)
    {
        if (value is not { } number)
        {
            Empty(column, style);
            return;
        }

        StartCell(column, style, type: null);
        Value(number.ToString(CultureInfo.InvariantCulture));
        _writer.WriteEndElement();
    }

    /// <summary>A formula whose result is <paramref name="result"/>, or empty text when it is null.</summary>
    public void Formula(int column, string formula, int? result, uint style)
    {
        if (result is { } number)
        {
            WriteFormula(column, formula, style, type: null, number.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            WriteFormula(column, formula, style, "str", "");
        }
    }

    /// <summary>A formula whose result is text.</summary>
    public void Formula(int column, string formula, string result, uint style) =>
        WriteFormula(column, formula, style, "str", XmlSafe(result));

    /// <summary>Ends the cells and writes the parts that follow them, in schema order.</summary>
    public void Finish(params IEnumerable<OpenXmlElement> afterCells)
    {
        _writer.WriteEndElement();
        foreach (var element in afterCells)
        {
            _writer.WriteElement(element);
        }

        _writer.WriteEndElement();
    }

    public void Dispose() => _writer.Dispose();

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

    private void WriteFormula(int column, string formula, uint style, string? type, string result)
    {
        StartCell(column, style, _includeCachedValues ? type : null);
        _writer.WriteStartElement(_formulaElement);
        _writer.WriteString(formula);
        _writer.WriteEndElement();
        if (_includeCachedValues)
        {
            Value(result);
        }

        _writer.WriteEndElement();
    }

    private void Empty(int column, uint style)
    {
        StartCell(column, style, type: null);
        _writer.WriteEndElement();
    }

    private void StartCell(int column, uint style, string? type)
    {
        var reference = new OpenXmlAttribute("r", "", Letter(column) + _rowNumber);
        var styleIndex = new OpenXmlAttribute("s", "", style.ToString(CultureInfo.InvariantCulture));
        _writer.WriteStartElement(_cellElement, type is null ? [reference, styleIndex] : [reference, styleIndex, new OpenXmlAttribute("t", "", type)]);
    }

    private void Value(string value)
    {
        _writer.WriteStartElement(_valueElement);
        _writer.WriteString(value);
        _writer.WriteEndElement();
    }

    /// <summary>XML cannot hold control characters (other than tab and line breaks) or lone surrogates; they become U+FFFD.</summary>
    private static string XmlSafe(string text)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < text.Length; i++)
        {
            var width = XmlConvert.IsXmlChar(text[i]) ? 1
                : i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]) ? 2
                : 0;
            if (width == 0)
            {
                builder ??= new StringBuilder(text.Length).Append(text, 0, i);
                builder.Append('\uFFFD');
            }
            else
            {
                builder?.Append(text, i, width);
                i += width - 1;
            }
        }

        return builder?.ToString() ?? text;
    }
}
