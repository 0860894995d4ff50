using System.Globalization;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Mamori.Documents.Docx;

/// <summary>The numbering definitions (headings, bullets, ordered lists), the settings and the font table.</summary>
internal sealed partial class DocxBuilder
{
    private int AddNum(int abstractId, int restartLevel = -1, int start = 1)
    {
        var id = _nums.Count + 1;
        var num = new NumberingInstance(new AbstractNumId { Val = abstractId }) { NumberID = id };
        if (restartLevel >= 0)
        {
            // An override on every level makes this an independent list that starts afresh.
            for (var level = 0; level < 9; level++)
            {
                num.Append(new LevelOverride(new StartOverrideNumberingValue { Val = level == restartLevel ? start : 1 }) { LevelIndex = level });
            }
        }

        _nums.Add(num);
        return id;
    }

    private Numbering Numbering()
    {
        var numbering = new Numbering(
            AbstractList(HeadingAbstractId, HeadingLevel),
            AbstractList(BulletAbstractId, level => new Level(
                new StartNumberingValue { Val = 1 },
                new NumberingFormat { Val = NumberFormatValues.Bullet },
                new LevelText { Val = "•" },
                new LevelJustification { Val = LevelJustificationValues.Left },
                ListLevelIndent(level),
                new NumberingSymbolRunProperties(new RunFonts { Ascii = Gothic, HighAnsi = Gothic, Hint = FontTypeHintValues.Default }))
            { LevelIndex = level }),
            AbstractList(OrderedAbstractId, level => new Level(
                new StartNumberingValue { Val = 1 },
                new NumberingFormat { Val = NumberFormatValues.Decimal },
                new LevelText { Val = (level % 3) switch { 0 => $"%{level + 1}.", 1 => $"(%{level + 1})", _ => $"%{level + 1})" } },
                new LevelJustification { Val = LevelJustificationValues.Left },
                ListLevelIndent(level))
            { LevelIndex = level }));
        numbering.Append(_nums);
        return numbering;
    }

    /// <summary>1 / 1.1 for 見出し 2–3 of a document whose headings carry no number of their own; set on the paragraph, not the style.</summary>
    private static Level HeadingLevel(int level) =>
        new(
            new StartNumberingValue { Val = 1 },
            new NumberingFormat { Val = NumberFormatValues.Decimal },
            new LevelSuffix { Val = LevelSuffixValues.Space },
            new LevelText { Val = string.Join('.', Enumerable.Range(1, level + 1).Select(i => $"%{i}")) },
            new LevelJustification { Val = LevelJustificationValues.Left },
            new PreviousParagraphProperties(new Indentation { Left = "0", FirstLine = "0" }))
        { LevelIndex = level };

    private static AbstractNum AbstractList(int id, Func<int, Level> level)
    {
        var list = new AbstractNum(new MultiLevelType { Val = MultiLevelValues.Multilevel }) { AbstractNumberId = id };
        list.Append(Enumerable.Range(0, 9).Select(level));
        return list;
    }

    private static PreviousParagraphProperties ListLevelIndent(int level) =>
        new(new Indentation
        {
            Left = (ListIndent * (level + 1)).ToString(CultureInfo.InvariantCulture),
            Hanging = ListIndent.ToString(CultureInfo.InvariantCulture),
        });

    private static Settings Settings() => new(
        new Zoom { Percent = "100" },
        new DefaultTabStop { Val = 840 },
        new CharacterSpacingControl { Val = CharacterSpacingValues.CompressPunctuation },
        new UpdateFieldsOnOpen { Val = true },
        new Compatibility(new CompatibilitySetting
        {
            Name = CompatSettingNameValues.CompatibilityMode,
            Uri = "http://schemas.microsoft.com/office/word",
            Val = "15",
        }),
        new ThemeFontLanguages { Val = "en-US", EastAsia = "ja-JP" });

    /// <summary>Fonts with their English names and what Word falls back to where they are missing (a Mincho or Gothic face).</summary>
    private static Fonts FontTable() => new(
        FontEntry(Mincho, "MS Mincho", "02020609040205080304", "80", FontFamilyValues.Roman),
        FontEntry(Gothic, "MS Gothic", "020B0609070205080204", "80", FontFamilyValues.Modern),
        FontEntry("Courier New", null, "02070309020205020404", "00", FontFamilyValues.Modern));

    private static Font FontEntry(string name, string? alternative, string panose, string charset, FontFamilyValues family)
    {
        var font = new Font { Name = name };
        if (alternative is not null)
        {
            font.Append(new AltName { Val = alternative });
        }

        font.Append(
            new Panose1Number { Val = panose },
            new FontCharSet { Val = charset },
            new FontFamily { Val = family },
            new Pitch { Val = FontPitchValues.Fixed });
        return font;
    }

    internal static RunFonts MinchoFonts() =>
        new() { Hint = FontTypeHintValues.EastAsia, Ascii = Mincho, HighAnsi = Mincho, EastAsia = Mincho, ComplexScript = Mincho };

    internal static RunFonts GothicFonts() =>
        new() { Hint = FontTypeHintValues.EastAsia, Ascii = Gothic, HighAnsi = Gothic, EastAsia = Gothic, ComplexScript = Gothic };

    internal static RunFonts CodeFonts() =>
        new() { Hint = FontTypeHintValues.EastAsia, Ascii = "Courier New", HighAnsi = "Courier New", EastAsia = Gothic, ComplexScript = "Courier New" };

    internal static int PageTextWidth => TextWidth;
}
