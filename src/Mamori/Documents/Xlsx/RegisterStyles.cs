using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using Mamori.Domain.Risk;

namespace Mamori.Documents.Xlsx;

/// <summary>The cell styles and band colours of the register workbook (indexes into styles.xml).</summary>
internal static class RegisterStyles
{
    /// <summary>Bold on a light fill, wrapped, centred.</summary>
    public const uint Header = 1;

    public const uint Text = 2;

    /// <summary>Ratings, flags and computed values.</summary>
    public const uint Centered = 3;

    public const uint Date = 4;

    /// <summary>Differential formats for the bands, as the web application colours them.</summary>
    public const uint HighBand = 0;
    public const uint MediumBand = 1;
    public const uint LowBand = 2;

    // Excel's Japanese default; other systems substitute a Japanese font of their own.
    private const string FontName = "游ゴシック";
    private const int ShiftJisCharset = 128;
    private const uint DateFormatId = 164;

    public static Stylesheet Create()
    {
        var border = new Border(
            new LeftBorder { Style = BorderStyleValues.Thin, Color = new Color { Rgb = "FFA6A6A6" } },
            new RightBorder { Style = BorderStyleValues.Thin, Color = new Color { Rgb = "FFA6A6A6" } },
            new TopBorder { Style = BorderStyleValues.Thin, Color = new Color { Rgb = "FFA6A6A6" } },
            new BottomBorder { Style = BorderStyleValues.Thin, Color = new Color { Rgb = "FFA6A6A6" } },
            new DiagonalBorder());

        return new Stylesheet(
            new NumberingFormats(new NumberingFormat { NumberFormatId = DateFormatId, FormatCode = "yyyy/mm/dd" }) { Count = 1 },
            new Fonts(Font(bold: false), Font(bold: true)) { Count = 2 },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                new Fill(new PatternFill(new ForegroundColor { Rgb = "FFDDEBF7" }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid }))
            { Count = 3 },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()), border) { Count = 2 },
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            new CellFormats(
                new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
                new CellFormat(new Alignment { Horizontal = HorizontalAlignmentValues.Center, Vertical = VerticalAlignmentValues.Center, WrapText = true })
                { NumberFormatId = 0, FontId = 1, FillId = 2, BorderId = 1, FormatId = 0, ApplyFont = true, ApplyFill = true, ApplyBorder = true, ApplyAlignment = true },
                new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Center })
                { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 1, FormatId = 0, ApplyBorder = true, ApplyAlignment = true },
                new CellFormat(new Alignment { Horizontal = HorizontalAlignmentValues.Center, Vertical = VerticalAlignmentValues.Center })
                { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 1, FormatId = 0, ApplyBorder = true, ApplyAlignment = true },
                new CellFormat(new Alignment { Horizontal = HorizontalAlignmentValues.Center, Vertical = VerticalAlignmentValues.Center })
                { NumberFormatId = DateFormatId, FontId = 0, FillId = 0, BorderId = 1, FormatId = 0, ApplyNumberFormat = true, ApplyBorder = true, ApplyAlignment = true })
            { Count = 5 },
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 },
            new DifferentialFormats(Band("FFC0392B", "FFFFFFFF"), Band("FFE6A117", "FF000000"), Band("FF2E8B57", "FFFFFFFF")) { Count = 3 });
    }

    private static Font Font(bool bold)
    {
        var font = new Font();
        if (bold)
        {
            font.Append(new Bold());
        }

        font.Append(
            new FontSize { Val = 11 },
            new FontName { Val = FontName },
            new FontFamilyNumbering { Val = 3 },
            new FontCharSet { Val = ShiftJisCharset });
        return font;
    }

    /// <summary>In a differential format the fill colour is the pattern's background colour.</summary>
    private static DifferentialFormat Band(string fill, string text) =>
        new(
            new Font(new Bold(), new Color { Rgb = text }),
            new Fill(new PatternFill(new BackgroundColor { Rgb = fill }) { PatternType = PatternValues.Solid }));

    /// <summary>The three band rules for cells <paramref name="range"/>, keyed on the risk value in <paramref name="risk"/>, the range's first row with the column fixed (e.g. $T2).</summary>
    public static ConditionalFormatting BandColours(string range, string risk, RiskBandScheme bands)
    {
        var high = bands.HighFrom.ToString(CultureInfo.InvariantCulture);
        var medium = bands.MediumFrom.ToString(CultureInfo.InvariantCulture);
        return new ConditionalFormatting(
            Rule(1, HighBand, $"AND(ISNUMBER({risk}),{risk}>={high})"),
            Rule(2, MediumBand, $"AND(ISNUMBER({risk}),{risk}>={medium},{risk}<{high})"),
            Rule(3, LowBand, $"AND(ISNUMBER({risk}),{risk}<{medium})"))
        {
            SequenceOfReferences = new ListValue<StringValue> { InnerText = range },
        };

        // Expressions rather than "cell value ≥" rules: those treat the empty text of an unassessed row as larger than any number.
        static ConditionalFormattingRule Rule(int priority, uint format, string formula) =>
            new(new Formula(formula)) { Type = ConditionalFormatValues.Expression, FormatId = format, Priority = priority };
    }
}
