using System.Globalization;
using DocumentFormat.OpenXml.Wordprocessing;
using Mamori.Domain;

namespace Mamori.Documents.Docx;

/// <summary>The styles part: built-in style ids and names, so Word shows 見出し 1–4, 目次 1–2 and so on.</summary>
internal static class DocxStyles
{
    /// <param name="culture">The document's language; Latin text of a Japanese document is Japanese too, so a reader without the fonts falls back to one Japanese face for all of it.</param>
    public static Styles Create(CultureInfo culture)
    {
        var width = DocxBuilder.PageTextWidth.ToString(CultureInfo.InvariantCulture);
        var styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle
                {
                    RunFonts = DocxBuilder.MinchoFonts(),
                    Kern = new Kern { Val = 2 },
                    FontSize = new FontSize { Val = "21" },
                    FontSizeComplexScript = new FontSizeComplexScript { Val = "22" },
                    Languages = new Languages { Val = culture.Pick("ja-JP", "en-US"), EastAsia = "ja-JP", Bidi = "ar-SA" },
                }),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle
                {
                    SpacingBetweenLines = new SpacingBetweenLines { After = "80", Line = "300", LineRule = LineSpacingRuleValues.Auto },
                })));

        styles.Append(
            Paragraph("Normal", "Normal", basedOn: null, uiPriority: 0, isDefault: true,
                new StyleParagraphProperties { Justification = new Justification { Val = JustificationValues.Both } }),
            new Style(new StyleName { Val = "Default Paragraph Font" }, new UIPriority { Val = 1 }, new SemiHidden(), new UnhideWhenUsed())
            {
                Type = StyleValues.Character,
                StyleId = "DefaultParagraphFont",
                Default = true,
            },
            new Style(
                new StyleName { Val = "Normal Table" },
                new UIPriority { Val = 99 },
                new SemiHidden(),
                new UnhideWhenUsed(),
                new StyleTableProperties(
                    new TableIndentation { Width = 0, Type = TableWidthUnitValues.Dxa },
                    CellMargins()))
            {
                Type = StyleValues.Table,
                StyleId = "TableNormal",
                Default = true,
            },
            new Style(new StyleName { Val = "No List" }, new UIPriority { Val = 99 }, new SemiHidden(), new UnhideWhenUsed())
            {
                Type = StyleValues.Numbering,
                StyleId = "NoList",
                Default = true,
            },
            Paragraph("Title", "Title", "Normal", 10, false,
                new StyleParagraphProperties
                {
                    SpacingBetweenLines = new SpacingBetweenLines { Before = "240", After = "360" },
                    Justification = new Justification { Val = JustificationValues.Center },
                },
                Run(DocxBuilder.GothicFonts(), size: 56, bold: true)),
            Paragraph("Subtitle", "Subtitle", "Normal", 11, false,
                new StyleParagraphProperties
                {
                    SpacingBetweenLines = new SpacingBetweenLines { After = "240" },
                    Justification = new Justification { Val = JustificationValues.Center },
                },
                Run(DocxBuilder.GothicFonts(), size: 32, bold: false)),
            Paragraph("CoverMark", "Cover Mark", "Normal", 12, false,
                new StyleParagraphProperties
                {
                    ParagraphBorders = new ParagraphBorders(
                        new TopBorder { Val = BorderValues.Single, Size = 8, Space = 1, Color = "auto" },
                        new LeftBorder { Val = BorderValues.Single, Size = 8, Space = 4, Color = "auto" },
                        new BottomBorder { Val = BorderValues.Single, Size = 8, Space = 1, Color = "auto" },
                        new RightBorder { Val = BorderValues.Single, Size = 8, Space = 4, Color = "auto" }),
                    Indentation = new Indentation { Left = (DocxBuilder.PageTextWidth - 1600).ToString(CultureInfo.InvariantCulture) },
                    Justification = new Justification { Val = JustificationValues.Center },
                },
                Run(DocxBuilder.GothicFonts(), size: 24, bold: true)),
            HeadingStyle(1, size: 32, before: 0, after: 240, border: true),
            HeadingStyle(2, size: 26, before: 360, after: 120, border: false),
            HeadingStyle(3, size: 23, before: 240, after: 80, border: false),
            HeadingStyle(4, size: 21, before: 160, after: 60, border: false),
            Paragraph("TableTitle", "Table Title", "Normal", 20, false,
                new StyleParagraphProperties
                {
                    KeepNext = new KeepNext(),
                    SpacingBetweenLines = new SpacingBetweenLines { Before = "360", After = "120" },
                    Justification = new Justification { Val = JustificationValues.Left },
                },
                Run(DocxBuilder.GothicFonts(), size: 24, bold: true)),
            Paragraph("TOCHeading", "TOC Heading", "Normal", 39, false,
                new StyleParagraphProperties
                {
                    KeepNext = new KeepNext(),
                    SpacingBetweenLines = new SpacingBetweenLines { After = "360" },
                    Justification = new Justification { Val = JustificationValues.Center },
                },
                Run(DocxBuilder.GothicFonts(), size: 28, bold: true)),
            TocStyle(1, width),
            TocStyle(2, width),
            Paragraph("ListParagraph", "List Paragraph", "Normal", 34, false,
                new StyleParagraphProperties { Indentation = new Indentation { Left = "420" } }),
            Paragraph("ListBullet", "List Bullet", "Normal", 35, false,
                new StyleParagraphProperties { NumberingProperties = ListNumbering(DocxBuilder.BulletNumId), ContextualSpacing = new ContextualSpacing() }),
            Paragraph("ListNumber", "List Number", "Normal", 36, false,
                new StyleParagraphProperties { NumberingProperties = ListNumbering(DocxBuilder.OrderedBaseNumId), ContextualSpacing = new ContextualSpacing() }),
            Paragraph("Quote", "Quote", "Normal", 29, false,
                new StyleParagraphProperties
                {
                    ParagraphBorders = new ParagraphBorders(new LeftBorder { Val = BorderValues.Single, Size = 12, Space = 8, Color = "BFBFBF" }),
                    Indentation = new Indentation { Left = "420", Right = "420" },
                },
                new StyleRunProperties { Color = new Color { Val = "404040" } }),
            Paragraph("PlainText", "Plain Text", "Normal", 99, false,
                new StyleParagraphProperties
                {
                    SpacingBetweenLines = new SpacingBetweenLines { After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto },
                    Justification = new Justification { Val = JustificationValues.Left },
                },
                Run(DocxBuilder.CodeFonts(), size: 20, bold: false)),
            Paragraph("Header", "header", "Normal", 99, false,
                new StyleParagraphProperties
                {
                    ParagraphBorders = new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Size = 4, Space = 1, Color = "808080" }),
                    SpacingBetweenLines = new SpacingBetweenLines { After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto },
                    Justification = new Justification { Val = JustificationValues.Left },
                },
                Run(null, size: 18, bold: false)),
            Paragraph("Footer", "footer", "Normal", 99, false,
                new StyleParagraphProperties
                {
                    SpacingBetweenLines = new SpacingBetweenLines { After = "0", Line = "240", LineRule = LineSpacingRuleValues.Auto },
                    Justification = new Justification { Val = JustificationValues.Left },
                },
                Run(null, size: 18, bold: false)),
            new Style(
                new StyleName { Val = "Table Grid" },
                new BasedOn { Val = "TableNormal" },
                new UIPriority { Val = 39 },
                new StyleParagraphProperties
                {
                    SpacingBetweenLines = new SpacingBetweenLines { Before = "20", After = "20", Line = "260", LineRule = LineSpacingRuleValues.Auto },
                    Justification = new Justification { Val = JustificationValues.Left },
                },
                new StyleRunProperties
                {
                    FontSize = new FontSize { Val = "20" },
                    FontSizeComplexScript = new FontSizeComplexScript { Val = "20" },
                },
                new StyleTableProperties(
                    new TableIndentation { Width = 0, Type = TableWidthUnitValues.Dxa },
                    new TableBorders(
                        new TopBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "auto" },
                        new LeftBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "auto" },
                        new BottomBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "auto" },
                        new RightBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "auto" },
                        new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "auto" },
                        new InsideVerticalBorder { Val = BorderValues.Single, Size = 4, Space = 0, Color = "auto" }),
                    CellMargins()))
            {
                Type = StyleValues.Table,
                StyleId = "TableGrid",
            });
        return styles;
    }

    /// <summary>
    /// 見出し 1 is a document's title (with a rule under it), 見出し 2 its sections, 3 and 4 below.
    /// No numbering in the style: a document whose headings carry no number gets it on the paragraph.
    /// </summary>
    private static Style HeadingStyle(int level, int size, int before, int after, bool border)
    {
        var paragraph = new StyleParagraphProperties
        {
            KeepNext = new KeepNext(),
            KeepLines = new KeepLines(),
            SpacingBetweenLines = new SpacingBetweenLines { Before = before.ToString(CultureInfo.InvariantCulture), After = after.ToString(CultureInfo.InvariantCulture) },
            Justification = new Justification { Val = JustificationValues.Left },
            OutlineLevel = new OutlineLevel { Val = level - 1 },
        };
        if (border)
        {
            paragraph.ParagraphBorders = new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Size = 12, Space = 4, Color = "1F3864" });
        }

        var run = Run(DocxBuilder.GothicFonts(), size, bold: true);
        if (level <= 2)
        {
            run.Color = new Color { Val = "1F3864" };
        }

        return Paragraph($"Heading{level}", $"heading {level}", "Normal", 9, false, paragraph, run);
    }

    private static Style TocStyle(int level, string width) =>
        Paragraph($"TOC{level}", $"toc {level}", "Normal", 39, false,
            new StyleParagraphProperties
            {
                KeepNext = level == 1 ? new KeepNext() : null,
                Tabs = new Tabs(new TabStop { Val = TabStopValues.Right, Leader = TabStopLeaderCharValues.Dot, Position = int.Parse(width, CultureInfo.InvariantCulture) }),
                SpacingBetweenLines = new SpacingBetweenLines { Before = level == 1 ? "120" : "0", After = "20" },
                Indentation = new Indentation { Left = (420 * (level - 1)).ToString(CultureInfo.InvariantCulture) },
                Justification = new Justification { Val = JustificationValues.Left },
            },
            level == 1 ? Run(DocxBuilder.GothicFonts(), size: 21, bold: true) : null);

    private static NumberingProperties ListNumbering(int numId) =>
        new(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = numId });

    private static TableCellMarginDefault CellMargins() => new(
        new TopMargin { Width = "28", Type = TableWidthUnitValues.Dxa },
        new TableCellLeftMargin { Width = 108, Type = TableWidthValues.Dxa },
        new BottomMargin { Width = "28", Type = TableWidthUnitValues.Dxa },
        new TableCellRightMargin { Width = 108, Type = TableWidthValues.Dxa });

    private static StyleRunProperties Run(RunFonts? fonts, int size, bool bold) => new()
    {
        RunFonts = fonts,
        Bold = bold ? new Bold() : null,
        FontSize = new FontSize { Val = size.ToString(CultureInfo.InvariantCulture) },
        FontSizeComplexScript = new FontSizeComplexScript { Val = size.ToString(CultureInfo.InvariantCulture) },
    };

    private static Style Paragraph(
        string id, string name, string? basedOn, int uiPriority, bool isDefault,
        StyleParagraphProperties? paragraph = null, StyleRunProperties? run = null)
    {
        var style = new Style { Type = StyleValues.Paragraph, StyleId = id };
        if (isDefault)
        {
            style.Default = true;
        }

        style.Append(new StyleName { Val = name });
        if (basedOn is not null)
        {
            style.Append(new BasedOn { Val = basedOn });
        }

        style.Append(new NextParagraphStyle { Val = "Normal" });
        style.Append(new UIPriority { Val = uiPriority });
        style.Append(new PrimaryStyle());
        if (paragraph is not null)
        {
            style.Append(paragraph);
        }

        if (run is not null)
        {
            style.Append(run);
        }

        return style;
    }
}
