namespace Mamori.Features.Policies.Consistency;

/// <summary>Where a finding stands in a document's Markdown: the nearest heading above it and the line around it.</summary>
internal static class Passage
{
    private const int MaxExcerpt = 120;
    private const int Around = 50;

    /// <summary>The text of the nearest Markdown heading (# …) above <paramref name="index"/>, or "" before the first heading.</summary>
    public static string Section(string markdown, int index)
    {
        var heading = "";
        var position = 0;
        foreach (var line in markdown.Split('\n'))
        {
            if (position > index)
            {
                break;
            }

            if (line.StartsWith('#'))
            {
                heading = line.TrimStart('#').Trim();
            }

            position += line.Length + 1;
        }

        return heading;
    }

    /// <summary>The line holding the span, shortened around it when long.</summary>
    public static string Excerpt(string markdown, int index, int length)
    {
        if (markdown.Length == 0)
        {
            return "";
        }

        index = Math.Clamp(index, 0, markdown.Length - 1);
        var start = markdown.LastIndexOf('\n', Math.Max(index - 1, 0)) + 1;
        if (index == 0)
        {
            start = 0;
        }

        var end = LineEnd(markdown, index);
        var line = markdown[start..end];
        var at = index - start;
        if (line.Length > MaxExcerpt)
        {
            var from = Math.Max(0, at - Around);
            var to = Math.Min(line.Length, at + length + Around);
            line = (from > 0 ? "…" : "") + line[from..to] + (to < line.Length ? "…" : "");
        }

        return line.Trim();
    }

    private static int LineEnd(string text, int from)
    {
        var end = text.IndexOf('\n', from);
        return end < 0 ? text.Length : end;
    }
}
