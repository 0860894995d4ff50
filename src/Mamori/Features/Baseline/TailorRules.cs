using System.Globalization;
using System.Text;
using Mamori.Catalogs;
using Mamori.Domain;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Features.Policies;
using Mamori.Resources;

namespace Mamori.Features.Baseline;

/// <summary>
/// Lv.2 step 3: the 規程 chapters that fit the organization (テレワーク only with telework, the
/// マイナンバー chapter only when it handles My Numbers, クラウド when it uses cloud services, 個人情報 when it
/// handles personal data), each in the variant for the organization's size and for who runs its IT
/// (<see cref="ChapterVariants"/>), with every placeholder filled — a placeholder left unfilled is
/// reported, never exported. The seed's chapter header (number, title, 改訂 date, 適用範囲) and its
/// roles table are not part of the text: the document's title block, 改訂履歴 and the book's roles
/// table say them once, from the document and the roles table as they stand.
/// </summary>
public static class TailorRules
{
    /// <param name="Markdown">The chapter as it reads: names, roles and rule values filled in.</param>
    /// <param name="Template">The chapter as a document stores it: {{ organization.* }}, {{ roles.* }} and {{ rules.* }} kept, so later changes reach the draft.</param>
    public sealed record TailoredChapter(BaselineChapter Chapter, string Markdown, string Template, IReadOnlyList<string> Unfilled);

    /// <summary>Does the profile call for this chapter?</summary>
    public static bool Applies(BaselineChapter chapter, Organization organization) => chapter.Condition switch
    {
        "handles-my-number" => organization.HandlesMyNumber,
        "uses-cloud" => organization.UsesCloudServices,
        "teleworks" => organization.Teleworks,
        "handles-personal-information" => organization.HandlesPersonalInformation,
        _ => true,
    };

    public static IReadOnlyList<TailoredChapter> Tailor(
        Organization organization, IReadOnlyList<PolicyRole> roles, CultureInfo culture, IReadOnlyDictionary<string, IReadOnlyList<string>>? extraMeasures = null)
    {
        var catalog = BaselineCatalog.For(culture);
        var profile = ChapterVariants.Of(organization);
        return catalog.Chapters.Where(c => Applies(c, organization)).Select(chapter =>
        {
            var text = new StringBuilder();
            string Label(string key) => Messages.ResourceManager.Text(key, culture);
            text.AppendLine(ChapterVariants.Select(chapter.Body, profile).Trim()).AppendLine();
            if (extraMeasures?.GetValueOrDefault(chapter.Id) is { Count: > 0 } measures)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"## {chapter.Number}.L1 {Label(nameof(Messages.BaselineQuickMeasures))}").AppendLine();
                foreach (var measure in measures)
                {
                    // Lv.1 measures read rule values and role titles through placeholders too, filled with the chapter's.
                    text.AppendLine(CultureInfo.InvariantCulture, $"- {measure}");
                }

                text.AppendLine();
            }

            var template = text.ToString();
            var (markdown, unfilled) = RenderPolicy.FillTemplate(template, organization, roles, culture);
            return new TailoredChapter(chapter, markdown, template, unfilled);
        }).ToList();
    }

    /// <summary>Fills organization, role and rule value placeholders for reading; names it cannot fill are returned.</summary>
    public static (string Text, List<string> Unfilled) Fill(string template, Organization organization, IReadOnlyList<PolicyRole> roles, CultureInfo culture) =>
        RenderPolicy.FillTemplate(template, organization, roles, culture);
}
