namespace Mamori.Documents.Xlsx;

/// <summary>
/// Sizes the header row. Excel does not grow a row for wrapped text when it opens a file, so the
/// header gets a fixed height of <see cref="Lines"/> lines and each column is widened until its
/// header wraps into that many: at spaces between Latin words, anywhere between Japanese characters.
/// </summary>
internal static class HeaderLayout
{
    public const int Lines = 2;

    /// <summary>Points per line of 11 pt 游ゴシック, plus a margin.</summary>
    public static double Height => (Lines * 18) + 3;

    /// <summary>The narrowest width from <paramref name="minimum"/> up, in Excel's units (the width of "0"), at which <paramref name="header"/> fits.</summary>
    public static double Width(string header, double minimum)
    {
        var width = minimum;
        while (LineCount(header, width) > Lines)
        {
            width++;
        }

        return width;
    }

    private static int LineCount(string text, double width)
    {
        var available = width - 1;
        var lines = 1;
        var used = 0.0;
        foreach (var token in Tokens(text))
        {
            // A space at the end of a line takes no room.
            var visibleWidth = token.TrimEnd().Sum(CharWidth);
            if (used > 0 && used + visibleWidth > available)
            {
                lines++;
                used = 0;
            }

            if (visibleWidth > available)
            {
                // A Latin word is never broken: the column must be wider.
                return int.MaxValue;
            }

            used += token.Sum(CharWidth);
        }

        return lines;
    }

    /// <summary>Latin words with their trailing space, and Japanese characters one by one.</summary>
    private static IEnumerable<string> Tokens(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (IsWide(text[i]))
            {
                if (i > start)
                {
                    yield return text[start..i];
                }

                yield return text[i..(i + 1)];
                start = i + 1;
            }
            else if (text[i] == ' ')
            {
                yield return text[start..(i + 1)];
                start = i + 1;
            }
        }

        if (start < text.Length)
        {
            yield return text[start..];
        }
    }

    private static bool IsWide(char c) => c >= '\u2E80';

    // Bold: a little wider than the regular "0" the unit is measured by.
    private static double CharWidth(char c) => IsWide(c) ? 2.1 : 1.15;
}
