using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using Mamori.Import;

namespace Mamori.Documents.Xlsx;

/// <summary>
/// Writes one worksheet forward-only: what comes before the cells (frozen header, column widths),
/// the rows as they arrive, then what comes after them (filter, colours, validation, print setup),
/// which may depend on the number of rows.
/// Text is always an inline string, so nothing a user typed can become a formula.
/// </summary>
/// <remarks>
/// The cells, millions of them, are written as UTF-8 by <see cref="SheetMarkup"/>: the SDK's
/// <see cref="OpenXmlWriter"/> took about four times as long for the same bytes. The few elements
/// before and after the cells are SDK elements, serialised by the SDK. The output is byte for byte
/// what <see cref="OpenXmlWriter"/> wrote (x: prefix, a byte order mark, " />" for empty elements).
/// </remarks>
internal sealed class SheetXmlWriter : IDisposable
{
    private const string MainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    // SDK elements serialise with their own namespace declaration; the root's already covers them.
    private const string MainNamespaceDeclaration = " xmlns:x=\"" + MainNamespace + "\"";

    private readonly SheetMarkup _markup;
    private readonly bool _includeCachedValues;
    private readonly List<string> _letters = [];
    private readonly List<byte[]> _letterBytes = [];
    private readonly byte[] _rowNumber = new byte[11];
    private int _rowNumberLength;

    /// <param name="includeCachedValues">Whether formula cells carry their result; false only to test that a spreadsheet application computes them.</param>
    public SheetXmlWriter(Stream stream, bool includeCachedValues)
    {
        _markup = new SheetMarkup(stream);
        _includeCachedValues = includeCachedValues;
    }

    /// <summary>
    /// Starts the sheet with its header in row 1, frozen (with <paramref name="frozenColumns"/>
    /// columns), each column at least as wide as given and wide enough for its header.
    /// </summary>
    public void Start(bool selected, int frozenColumns, IReadOnlyList<(string Header, double MinimumWidth)> columns)
    {
        _markup.Raw("\uFEFF"u8);
        _markup.Raw("<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?><x:worksheet"u8);
        _markup.Markup(MainNamespaceDeclaration);
        _markup.Raw(">"u8);
        WriteElement(new SheetProperties(new PageSetupProperties { FitToPage = true }));
        WriteElement(new SheetViews(FrozenView(selected, frozenColumns)));
        WriteElement(new Columns(columns.Select((column, i) => new Column
        {
            Min = (uint)(i + 1),
            Max = (uint)(i + 1),
            Width = HeaderLayout.Width(column.Header, column.MinimumWidth),
            CustomWidth = true,
        })));
        _markup.Raw("<x:sheetData>"u8);

        SetRowNumber(1);
        _markup.Raw("<x:row r=\"1\" ht=\""u8);
        _markup.Markup(HeaderLayout.Height.ToString(CultureInfo.InvariantCulture));
        _markup.Raw("\" customHeight=\"1\">"u8);
        for (var column = 0; column < columns.Count; column++)
        {
            Text(column, columns[column].Header, RegisterStyles.Header);
        }

        EndRow();
    }

    public void StartRow(int rowNumber)
    {
        SetRowNumber(rowNumber);
        _markup.Raw("<x:row r=\""u8);
        _markup.Raw(_rowNumber.AsSpan(0, _rowNumberLength));
        _markup.Raw("\">"u8);
    }

    public void EndRow() => _markup.Raw("</x:row>"u8);

    /// <summary>A text cell (empty text leaves the cell empty but styled).</summary>
    public void Text(int column, string text, uint style)
    {
        if (text.Length == 0)
        {
            Empty(column, style);
            return;
        }

        StartCell(column, style, "inlineStr"u8);
        // Without xml:space="preserve" a reader may trim the text's outer spaces.
        _markup.Raw(char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]) ? "<x:is><x:t xml:space=\"preserve\">"u8 : "<x:is><x:t>"u8);
        _markup.Text(text);
        _markup.Raw("</x:t></x:is></x:c>"u8);
    }

    /// <summary>A number cell, or an empty styled cell for null.</summary>
    public void Number(int column, int? value, uint style)
    {
        if (value is not { } number)
        {
            Empty(column, style);
            return;
        }

        StartCell(column, style, type: default);
        _markup.Raw("<x:v>"u8);
        _markup.Integer(number);
        _markup.Raw("</x:v></x:c>"u8);
    }

    /// <summary>A formula whose result is <paramref name="result"/>, or empty text when it is null.</summary>
    public void Formula(int column, string formula, int? result, uint style)
    {
        if (result is not { } number)
        {
            Formula(column, formula, "", style);
            return;
        }

        StartFormula(column, formula, style, type: default);
        if (_includeCachedValues)
        {
            _markup.Raw("<x:v>"u8);
            _markup.Integer(number);
            _markup.Raw("</x:v>"u8);
        }

        _markup.Raw("</x:c>"u8);
    }

    /// <summary>A formula whose result is text.</summary>
    public void Formula(int column, string formula, string result, uint style)
    {
        StartFormula(column, formula, style, "str"u8);
        if (_includeCachedValues)
        {
            _markup.Raw("<x:v>"u8);
            _markup.Text(result);
            _markup.Raw("</x:v>"u8);
        }

        _markup.Raw("</x:c>"u8);
    }

    /// <summary>Ends the cells and writes the parts that follow them, in schema order.</summary>
    public void Finish(params IEnumerable<OpenXmlElement> afterCells)
    {
        _markup.Raw("</x:sheetData>"u8);
        foreach (var element in afterCells)
        {
            WriteElement(element);
        }

        _markup.Raw("</x:worksheet>"u8);
        _markup.Flush();
    }

    public void Dispose() => _markup.Flush();

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

    private void StartFormula(int column, string formula, uint style, ReadOnlySpan<byte> type)
    {
        StartCell(column, style, _includeCachedValues ? type : default);
        _markup.Raw("<x:f>"u8);
        _markup.Text(formula);
        _markup.Raw("</x:f>"u8);
    }

    private void Empty(int column, uint style)
    {
        StartCellTag(column, style);
        _markup.Raw(" />"u8);
    }

    private void StartCell(int column, uint style, ReadOnlySpan<byte> type)
    {
        StartCellTag(column, style);
        if (!type.IsEmpty)
        {
            _markup.Raw(" t=\""u8);
            _markup.Raw(type);
            _markup.Raw("\""u8);
        }

        _markup.Raw(">"u8);
    }

    /// <summary>&lt;x:c r="C5" s="2", without the end of the tag.</summary>
    private void StartCellTag(int column, uint style)
    {
        _markup.Raw("<x:c r=\""u8);
        _markup.Raw(LetterBytes(column));
        _markup.Raw(_rowNumber.AsSpan(0, _rowNumberLength));
        _markup.Raw("\" s=\""u8);
        _markup.Integer(style);
        _markup.Raw("\""u8);
    }

    private void SetRowNumber(int rowNumber) =>
        rowNumber.TryFormat(_rowNumber, out _rowNumberLength, default, CultureInfo.InvariantCulture);

    private byte[] LetterBytes(int column)
    {
        while (_letterBytes.Count <= column)
        {
            _letterBytes.Add(Encoding.ASCII.GetBytes(Letter(_letterBytes.Count)));
        }

        return _letterBytes[column];
    }

    /// <summary>A small SDK element as the SDK writes it, within the root's namespace declaration.</summary>
    private void WriteElement(OpenXmlElement element)
    {
        var xml = element.OuterXml;
        var declaration = xml.IndexOf(MainNamespaceDeclaration, StringComparison.Ordinal);
        _markup.Markup(declaration < 0 ? xml : xml.Remove(declaration, MainNamespaceDeclaration.Length));
    }
}
