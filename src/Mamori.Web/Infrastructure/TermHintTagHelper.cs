using System.Globalization;
using Mamori.Catalogs;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Mamori.Web.Infrastructure;

/// <summary>
/// <c>&lt;term-hint term="threat" /&gt;</c> beside the word a page uses: a small "?" that opens the
/// term's one-sentence explanation from the glossary, with a link to the glossary page. A
/// <c>&lt;details&gt;</c> element, so it opens with the keyboard and without script; placed next to a
/// label or legend, never inside one (a label holds no interactive content).
/// </summary>
[HtmlTargetElement("term-hint", TagStructure = TagStructure.WithoutEndTag)]
public sealed class TermHintTagHelper : TagHelper
{
    /// <summary>The id of a term of catalogs/glossary.yaml.</summary>
    public string Term { get; set; } = "";

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = null;
        Write(output.Content, GlossaryCatalog.Default.Term(Term), CultureInfo.CurrentUICulture);
    }

    /// <summary>The hint of <paramref name="term"/>: a details element whose summary is the "?".</summary>
    internal static void Write(TagHelperContent content, GlossaryTerm term, CultureInfo culture)
    {
        content.AppendHtml("<details class=\"term-hint\" data-term=\"");
        content.Append(term.Id);
        content.AppendHtml("\"><summary><span aria-hidden=\"true\">?</span><span class=\"visually-hidden\">");
        content.Append(string.Format(culture, CatalogText.HintName, term.Term(culture)));
        content.AppendHtml("</span></summary><span class=\"term-hint-body\"><strong>");
        content.Append(term.Term(culture));
        content.AppendHtml("</strong> ");
        content.Append(term.Summary(culture));
        content.AppendHtml(" <a href=\"");
        content.Append(RatingOptions.GlossaryHref(term.Id));
        content.AppendHtml("\">");
        content.Append(CatalogText.HintMore);
        content.AppendHtml("</a></span></details>");
    }
}

/// <summary>
/// <c>&lt;page-terms terms="threat,incident" /&gt;</c>: the glossary terms a page relies on, each
/// with its hint, in one line under the page's introduction.
/// </summary>
[HtmlTargetElement("page-terms", TagStructure = TagStructure.WithoutEndTag)]
public sealed class PageTermsTagHelper : TagHelper
{
    /// <summary>Ids of terms of catalogs/glossary.yaml, separated by commas.</summary>
    public string Terms { get; set; } = "";

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var culture = CultureInfo.CurrentUICulture;
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "small mb-3");
        output.Attributes.SetAttribute("data-testid", "page-terms");
        output.Content.Append(CatalogText.TermsOnThisPage);
        foreach (var id in Terms.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var term = GlossaryCatalog.Default.Term(id);
            output.Content.AppendHtml(" <span class=\"text-nowrap me-2\">");
            output.Content.Append(term.Term(culture));
            TermHintTagHelper.Write(output.Content, term, culture);
            output.Content.AppendHtml("</span>");
        }
    }
}

/// <summary>What each number of a rating scale means (catalogs/glossary.yaml), for the selects and radio groups that rate with it.</summary>
public static class RatingOptions
{
    /// <summary>The scale's values, highest first, each with its text: 「3：いつ起きてもおかしくない」.</summary>
    public static IReadOnlyList<(int Value, string Text)> Of(string scale)
    {
        var culture = CultureInfo.CurrentUICulture;
        return GlossaryCatalog.Default.Scale(scale).Levels
            .Select(l => (l.Value, string.Format(culture, CatalogText.RatingOption, l.Value, l.Meaning(culture))))
            .ToList();
    }

    public static string GlossaryHref(string term) => "/catalog/glossary#term-" + term;
}
