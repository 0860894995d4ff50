using System.Text.RegularExpressions;
using Mamori.Domain.Policies;

namespace Mamori.Features.Policies.Consistency;

/// <summary>
/// Role titles a document names that the organization's roles table does not have: a title typed
/// by hand (経理責任者) that no row defines, or a default title (システム管理者) the organization
/// has since renamed, which a {{ roles.* }} placeholder would have followed.
/// </summary>
internal static partial class RoleMentions
{
    public sealed record Mention(int Index, int Length, string Title);

    public static IEnumerable<Mention> Find(string text, IReadOnlyList<PolicyRole> roles)
    {
        var table = roles.Select(r => r.Title.Trim()).Where(t => t.Length > 0).ToList();
        // A title the document defines itself (以下「事務取扱責任者」) is not a reference to the table.
        var defined = Definition().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        // Japanese titles end in 責任者 or 管理者 (情報セキュリティ責任者, 経理責任者, システム管理者); English ones are
        // known only by the titles Mamori's roles table proposes and the ones Mamori's own texts once used.
        var mentions = JapaneseTitle().Matches(text).Select(m => new Mention(m.Index, m.Length, m.Value))
            .Concat(EnglishTitle().Matches(text).Select(m => new Mention(m.Index, m.Length, m.Value)));
        // The run of kanji before a title may be a word of the sentence (作業の都度システム管理者): a mention that ends in a title of the table is that title.
        return mentions.Where(m => !defined.Contains(m.Title) && !Quoted(text, m) && !table.Any(t => m.Title.EndsWith(t, StringComparison.OrdinalIgnoreCase)));
    }

    // A title in 「」 is a term quoted from elsewhere (a guideline's 「システム・セキュリティ管理者」), not one of ours.
    private static bool Quoted(string text, Mention mention)
    {
        var open = mention.Index > 0 ? text.LastIndexOf('「', mention.Index - 1) : -1;
        var closed = mention.Index > 0 ? text.LastIndexOf('」', mention.Index - 1) : -1;
        var close = text.IndexOf('」', mention.Index + mention.Length - 1);
        return open > closed && mention.Index - open <= MaxQuote && close >= 0 && close - open <= MaxQuote;
    }

    private const int MaxQuote = 30;

    [GeneratedRegex(@"以下「([^」]+)」")]
    private static partial Regex Definition();

    [GeneratedRegex(@"[\p{IsCJKUnifiedIdeographs}\p{IsKatakana}ー-[・]]{2,}?(?:責任者|管理者)")]
    private static partial Regex JapaneseTitle();

    [GeneratedRegex(@"\b(?:information security officer|departmental security manager|system administrator|training officer|education officer|development lead|accounting manager)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EnglishTitle();
}
