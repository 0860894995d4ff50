using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using MdTable = Markdig.Extensions.Tables.Table;
using MdTableCell = Markdig.Extensions.Tables.TableCell;
using MdTableColumnAlign = Markdig.Extensions.Tables.TableColumnAlign;
using MdTableRow = Markdig.Extensions.Tables.TableRow;

namespace Mamori.Documents.Docx;

/// <summary>The Markdown of section bodies as Word paragraphs, lists and tables; raw HTML is dropped.</summary>
internal sealed partial class DocxBuilder
{
    private void Blocks(ContainerBlock container, Scope scope, DocContext context, List<OpenXmlElement> output)
    {
        foreach (var block in container)
        {
            // What follows a measure written as a numbered item is indented under it.
            var inner = context.InMeasure && scope.ContinuationLevel < 0 && block is not HeadingBlock ? scope with { ContinuationLevel = 0 } : scope;
            Block(block, inner, context, output);
        }
    }

    private void Block(Block block, Scope scope, DocContext context, List<OpenXmlElement> output)
    {
        switch (block)
        {
            // Section bodies are user text: raw HTML is dropped, never passed through.
            case HtmlBlock or LinkReferenceDefinitionGroup or ThematicBreakBlock:
                break;
            case HeadingBlock heading:
                var pieces = Pieces(heading.Inline, default, context.Labels.SoftLineBreak).ToList();
                if (Outline.IsMeasure(PlainText(pieces)))
                {
                    Measure(pieces, context, output);
                }
                else
                {
                    output.Add(Heading(context.SectionRaw + heading.Level, PlainText(pieces), pieces.Select(ToRun), context));
                }

                break;
            case ParagraphBlock paragraph:
                output.Add(BodyParagraph(scope, Runs(paragraph.Inline, default, context)));
                break;
            case ListBlock list:
                List(list, scope, scope.ContinuationLevel + 1, context, output);
                break;
            case QuoteBlock quote:
                Blocks(quote, scope with { QuoteDepth = scope.QuoteDepth + 1 }, context, output);
                break;
            case MdTable table:
                // A paragraph after each table keeps two tables from merging into one in Word.
                output.Add(MarkdownTable(table, context));
                output.Add(NewParagraph(null, []));
                break;
            case CodeBlock code:
                foreach (var line in code.Lines.Lines.Take(code.Lines.Count))
                {
                    output.Add(NewParagraph("PlainText", [TextRun(line.Slice.ToString())]));
                }

                break;
            case ContainerBlock other:
                Blocks(other, scope, context, output);
                break;
            case LeafBlock { Inline: not null } leaf:
                output.Add(BodyParagraph(scope, Runs(leaf.Inline, default, context)));
                break;
        }
    }

    /// <summary>A heading that is a sentence: a measure, numbered with the others since the last heading.</summary>
    private void Measure(List<Piece> pieces, DocContext context, List<OpenXmlElement> output)
    {
        if (context.MeasureNumId < 0)
        {
            context.MeasureNumId = AddNum(OrderedAbstractId, restartLevel: 0, start: 1);
        }

        output.Add(NewParagraph("ListNumber", pieces.Select(ToRun), Numbering(0, context.MeasureNumId)));
        context.InMeasure = true;
    }

    private static Paragraph BodyParagraph(Scope scope, IEnumerable<OpenXmlElement> runs)
    {
        if (scope.QuoteDepth > 0)
        {
            return NewParagraph("Quote", runs, indentLeft: (ListIndent * scope.QuoteDepth) + ContinuationIndent(scope));
        }

        return scope.ContinuationLevel >= 0
            ? NewParagraph("ListParagraph", runs, indentLeft: ContinuationIndent(scope))
            : NewParagraph(null, runs);
    }

    private static int ContinuationIndent(Scope scope) => scope.ContinuationLevel >= 0 ? ListIndent * (scope.ContinuationLevel + 1) : 0;

    private void List(ListBlock list, Scope scope, int level, DocContext context, List<OpenXmlElement> output)
    {
        var ilvl = Math.Min(level, 8);
        var ordered = list.IsOrdered;
        var style = ordered ? "ListNumber" : "ListBullet";
        var numId = ordered ? AddNum(OrderedAbstractId, ilvl, Start(list)) : BulletNumId;
        var start = output.Count;

        foreach (var item in list.OfType<ListItemBlock>())
        {
            var numbered = false;
            foreach (var child in item)
            {
                if (!numbered)
                {
                    numbered = true;
                    var runs = child is ParagraphBlock first ? Runs(first.Inline, default, context) : [];
                    output.Add(NewParagraph(style, runs, Numbering(ilvl, numId)));
                    if (child is ParagraphBlock)
                    {
                        continue;
                    }
                }

                if (child is ListBlock nested)
                {
                    List(nested, scope, level + 1, context, output);
                }
                else
                {
                    Block(child, scope with { ContinuationLevel = ilvl }, context, output);
                }
            }

            if (!numbered)
            {
                output.Add(NewParagraph(style, [], Numbering(ilvl, numId)));
            }
        }

        KeepShortListTogether(output, start);
    }

    /// <summary>A list of a few lines moves to the next page whole rather than leave its last item alone there.</summary>
    private static void KeepShortListTogether(List<OpenXmlElement> output, int first)
    {
        const int ShortList = 6;
        var added = output.Count - first;
        if (added is < 2 or > ShortList || output.Skip(first).Any(e => e is not Paragraph))
        {
            return;
        }

        foreach (var paragraph in output.Skip(first).Take(added - 1).Cast<Paragraph>())
        {
            Properties(paragraph).KeepNext = new KeepNext();
        }
    }

    private static int Start(ListBlock list) =>
        int.TryParse(list.OrderedStart, NumberStyles.None, CultureInfo.InvariantCulture, out var start) ? start : 1;

    private Table MarkdownTable(MdTable table, DocContext context)
    {
        var rows = table.OfType<MdTableRow>().ToList();
        var columns = Math.Max(1, rows.Count == 0 ? 0 : rows.Max(r => r.Count));
        var texts = rows.Select(r => r.OfType<MdTableCell>()
            .Select(c => string.Join(' ', c.OfType<ParagraphBlock>().Select(p => PlainText(Pieces(p.Inline, default, context.Labels.SoftLineBreak)))))
            .ToList()).ToList();
        var widths = FitWidths(texts, columns, rows.Count > 0 && rows[0].IsHeader, _textWidth);
        var result = NewTable(widths);

        foreach (var row in rows)
        {
            var cells = new List<OpenXmlElement[]>();
            foreach (var cell in row.OfType<MdTableCell>())
            {
                var justification = Alignment(table, cells.Count);
                var content = new List<OpenXmlElement>();
                foreach (var paragraph in cell.OfType<ParagraphBlock>())
                {
                    content.Add(NewParagraph(null, Runs(paragraph.Inline, new Format(Bold: row.IsHeader), context), justification: justification));
                }

                cells.Add([.. content]);
            }

            while (cells.Count < columns)
            {
                cells.Add([]);
            }

            result.Append(Row(widths, cells.Take(columns).ToList(), row.IsHeader));
        }

        return result;
    }

    private static JustificationValues? Alignment(MdTable table, int column) =>
        column < table.ColumnDefinitions.Count
            ? table.ColumnDefinitions[column].Alignment switch
            {
                MdTableColumnAlign.Center => JustificationValues.Center,
                MdTableColumnAlign.Right => JustificationValues.Right,
                _ => null,
            }
            : null;

    private IEnumerable<OpenXmlElement> Runs(ContainerInline? inline, Format format, DocContext context) =>
        Pieces(inline, format, context.Labels.SoftLineBreak).Select(ToRun).ToList();

    /// <summary>The text of inlines with its emphasis; HTML inlines are left out.</summary>
    private static IEnumerable<Piece> Pieces(ContainerInline? container, Format format, string softLineBreak)
    {
        if (container is null)
        {
            yield break;
        }

        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    yield return new Piece(literal.Content.ToString(), format);
                    break;
                case CodeInline code:
                    yield return new Piece(code.Content, format);
                    break;
                case HtmlEntityInline entity:
                    yield return new Piece(entity.Transcoded.ToString(), format);
                    break;
                case LineBreakInline lineBreak:
                    // A soft break joins Japanese lines without a space, as a browser would not.
                    yield return new Piece(lineBreak.IsHard ? "\n" : softLineBreak, format);
                    break;
                case AutolinkInline autolink:
                    yield return new Piece(autolink.Url, format);
                    break;
                case HtmlInline:
                    break;
                case EmphasisInline emphasis:
                    var inner = emphasis.DelimiterCount >= 2 ? format with { Bold = true } : format with { Italic = true };
                    foreach (var piece in Pieces(emphasis, inner, softLineBreak))
                    {
                        yield return piece;
                    }

                    break;
                case LinkInline link:
                    var label = Pieces(link, format, softLineBreak).ToList();
                    foreach (var piece in label)
                    {
                        yield return piece;
                    }

                    if (!link.IsImage && IsWebAddress(link.Url) && PlainText(label) != link.Url)
                    {
                        yield return new Piece($" ({link.Url})", format);
                    }

                    break;
                case ContainerInline other:
                    foreach (var piece in Pieces(other, format, softLineBreak))
                    {
                        yield return piece;
                    }

                    break;
            }
        }
    }

    private static bool IsWebAddress(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static string PlainText(IEnumerable<Piece> pieces) => string.Concat(pieces.Select(p => p.Text)).Replace('\n', ' ');

    private static Run ToRun(Piece piece) => TextRun(piece.Text, piece.Format);
}
