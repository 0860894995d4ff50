using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Mamori.Catalogs;
using Mamori.Domain;

namespace Mamori.Features.Policies.Consistency;

/// <summary>
/// Periods, counts, amounts and frequencies a document states differently from the organization's
/// rule value for the same thing (パッチは30日以内 where the deadline for critical vulnerabilities
/// is 14 days).
/// </summary>
/// <remarks>
/// A heuristic, kept simple on purpose. In the rendered text (placeholders filled, so a value a
/// template reads through the wrong placeholder is caught as well as a number typed by hand):
/// 1. every frequency (毎営業日, 年1回, 半年に1回, weekly…) and every number with a unit (14日,
///    3営業日, 24時間, 500,000円, 50万円, 10 characters…) is a phrase; dates are left out;
/// 2. the rule values a phrase could be are those of its sort (a frequency, or a number whose unit
///    is the phrase's unit) that catalogs/value-topics.yaml gives words for;
/// 3. a frequency followed in its sentence by a check (月1回確認する) is how often something is
///    checked, and could only be a value that is itself a check (value-topics.yaml check: true);
/// 4. each of them scores the number of its words in the phrase's clause (between 、。 , ; | （ ）
///    and line breaks), or, when none has one there, in the clause before it in the same sentence,
///    as Japanese names the topic first (重大な脆弱性のパッチは、公開から30日以内); a phrase with no word of any of them that near is
///    about something else (a legal period, a step's own deadline) and is left alone, and so is an
///    example (例：, 30日以内など) and a point in time (1か月前);
/// 5. the phrase conflicts when it reads differently from every best-scoring value, and the finding
///    names the first of them with what it reads.
/// </remarks>
internal static partial class ValueConflicts
{
    public sealed record Conflict(int Index, int Length, RuleValue Value, string Expected);

    private sealed record Phrase(int Index, int Length, string? Unit, string? Number, string? Frequency);

    public static IEnumerable<Conflict> Find(string text, IReadOnlyDictionary<string, string> settings, CultureInfo culture)
    {
        var catalog = RuleValuesCatalog.For(culture);
        var topicCatalog = ValueTopicsCatalog.For(culture);
        var topics = topicCatalog.Words
            .Select(t => (Value: catalog.Find(t.Key), Words: t.Value))
            .Where(t => t.Value is not null && t.Value.Kind is RuleValueKind.Number or RuleValueKind.Fact or RuleValueKind.Choice)
            .Select(t => (Value: t.Value!, t.Words))
            .ToList();
        foreach (var phrase in Phrases(text))
        {
            var (clauseStart, clauseEnd) = Bounds(text, phrase.Index, sentence: false);
            var after = text[(phrase.Index + phrase.Length)..Math.Max(phrase.Index + phrase.Length, clauseEnd)];
            if (Example().IsMatch(text[Math.Max(0, clauseStart - 3)..clauseEnd]) || Aside().IsMatch(after))
            {
                continue;
            }

            // 月1回確認する is how often something is checked: compared with the values that are checks only.
            var (_, sentenceEnd) = Bounds(text, phrase.Index, sentence: true);
            var check = phrase.Frequency is not null && CheckVerb().IsMatch(text[(phrase.Index + phrase.Length)..Math.Max(phrase.Index + phrase.Length, sentenceEnd)]);
            var fitting = topics
                .Where(t => phrase.Frequency is not null ? t.Value.Kind == RuleValueKind.Choice && (!check || topicCatalog.Checks.Contains(t.Value.Key)) : UnitOf(t.Value) == phrase.Unit)
                .ToList();
            if (fitting.Count == 0)
            {
                continue;
            }

            var scored = fitting.Select(t => (t.Value, Score: Score(text[clauseStart..clauseEnd], t.Words))).ToList();
            if (scored.All(s => s.Score == 0))
            {
                var previous = clauseStart > 0 && !SentenceEnds(text, clauseStart - 1) ? text[Bounds(text, clauseStart - 1, sentence: false).Start..(clauseStart - 1)] : "";
                scored = fitting.Select(t => (t.Value, Score: Score(previous, t.Words))).ToList();
            }

            var best = scored.Max(s => s.Score);
            if (best == 0)
            {
                continue;
            }

            var likely = scored.Where(s => s.Score == best).Select(s => s.Value).ToList();
            if (likely.Any(v => Reads(phrase, v, settings)))
            {
                continue;
            }

            var value = likely[0];
            var shown = value.Display(settings.GetValueOrDefault(value.Key));
            yield return new(phrase.Index, phrase.Length, value, value.Kind == RuleValueKind.Choice || value.Unit.Length == 0 ? shown : $"{shown}{(culture.IsEnglish() ? " " : "")}{value.Unit}");
        }
    }

    /// <summary>How many of the words stand in the span; a word of ASCII letters only as a whole word (PC, not the PC of JPCERT).</summary>
    private static int Score(string span, IReadOnlyList<string> words) =>
        words.Count(w => w.All(char.IsAscii)
            ? Regex.IsMatch(span, $@"(?<![A-Za-z]){Regex.Escape(w)}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))
            : span.Contains(w, StringComparison.Ordinal));

    private static bool Reads(Phrase phrase, RuleValue value, IReadOnlyDictionary<string, string> settings)
    {
        var stored = settings.GetValueOrDefault(value.Key);
        if (phrase.Frequency is not null)
        {
            return value.Setting(stored) == phrase.Frequency;
        }

        var shown = Number(value.Display(stored));
        return shown == phrase.Number
            || (decimal.TryParse(shown, NumberStyles.Number, CultureInfo.InvariantCulture, out var a)
                && decimal.TryParse(phrase.Number, NumberStyles.Number, CultureInfo.InvariantCulture, out var b) && a == b);
    }

    /// <summary>The unit word a number value is written with: 日 of 日以内, 営業日 of 営業日以内, day of "days"; null for a value without one (a CVSS score).</summary>
    private static string? UnitOf(RuleValue value)
    {
        var unit = value.Unit.Trim();
        return Units.FirstOrDefault(u => unit.StartsWith(u.Written, StringComparison.OrdinalIgnoreCase)).Unit;
    }

    private static readonly (string Written, string Unit)[] Units =
    [
        ("営業日", "営業日"), ("時間", "時間"), ("週間", "週"), ("か月", "か月"), ("ヶ月", "か月"), ("カ月", "か月"), ("文字", "文字"), ("桁", "桁"),
        ("万円", "円"), ("円", "円"), ("年", "年"), ("週", "週"), ("日", "日"), ("分", "分"), ("回", "回"),
        ("business day", "business day"), ("hour", "hour"), ("day", "day"), ("week", "week"), ("month", "month"), ("year", "year"),
        ("minute", "minute"), ("character", "character"), ("digit", "digit"), ("failure", "failure"), ("yen", "yen"),
    ];

    private static IEnumerable<Phrase> Phrases(string text)
    {
        // Dates are not periods, and a frequency's digits (年1回, 3か月に1回) are not counts: blank both, keeping every index.
        var blanked = Date().Replace(text, m => new string('〓', m.Length));
        var phrases = new List<Phrase>();
        foreach (var match in Frequency().Matches(blanked).Cast<Match>().Concat(EnglishFrequency().Matches(blanked)))
        {
            if (FrequencyKey(match.Value) is { } key)
            {
                phrases.Add(new(match.Index, match.Length, null, null, key));
            }
        }

        var rest = new StringBuilder(blanked);
        foreach (var phrase in phrases)
        {
            for (var i = phrase.Index; i < phrase.Index + phrase.Length; i++)
            {
                rest[i] = '〓';
            }
        }

        blanked = rest.ToString();
        foreach (Match match in Quantity().Matches(blanked))
        {
            var unit = Units.First(u => match.Groups["unit"].Value == u.Written).Unit;
            var number = Number(match.Groups["number"].Value);
            if (match.Groups["unit"].Value == "万円" && decimal.TryParse(number, NumberStyles.Number, CultureInfo.InvariantCulture, out var tenThousands))
            {
                number = (tenThousands * 10000).ToString(CultureInfo.InvariantCulture);
            }

            phrases.Add(new(match.Index, match.Length, unit, number, null));
        }

        foreach (Match match in EnglishQuantity().Matches(blanked))
        {
            var written = Whitespace().Replace(match.Groups["unit"].Value.ToLowerInvariant(), " ").TrimEnd('s');
            var unit = Units.FirstOrDefault(u => u.Written == written).Unit;
            var number = NumberWords.TryGetValue(match.Groups["number"].Value.ToLowerInvariant(), out var n) ? n : Number(match.Groups["number"].Value);
            if (unit is not null)
            {
                phrases.Add(new(match.Index, match.Length, unit, number, null));
            }
        }

        return phrases.OrderBy(p => p.Index);
    }

    /// <summary>A number as compared: half-width digits, no thousands separators, a range as 3-5.</summary>
    private static string Number(string written) =>
        written.Normalize(NormalizationForm.FormKC).Replace(",", "", StringComparison.Ordinal)
            .Replace('〜', '-').Replace('～', '-').Replace('–', '-').Replace('~', '-');

    private static string? FrequencyKey(string phrase)
    {
        var text = phrase.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        if (EveryN().Match(text) is { Success: true } every)
        {
            var per = every.Groups["per"].Success ? int.Parse(every.Groups["per"].Value, CultureInfo.InvariantCulture) : 1;
            var times = int.Parse(every.Groups["times"].Value, CultureInfo.InvariantCulture);
            var months = every.Groups["span"].Value switch
            {
                "年" => 12m * per / times,
                "半年に" => 6m * per / times,
                "か月に" or "ヶ月に" or "カ月に" => 1m * per / times,
                "月" => 1m / times,
                "週" => times == 1 ? -1m : 0m,
                _ => 0m,
            };
            return months switch
            {
                -1m => "weekly",
                1m => "monthly",
                3m => "quarterly",
                6m => "half-yearly",
                12m => "yearly",
                _ => null,
            };
        }

        return text switch
        {
            "毎営業日" or "every business day" => "every-business-day",
            "毎日" or "daily" or "every day" => "daily",
            "毎週" or "weekly" or "every week" or "once a week" => "weekly",
            "毎月" or "monthly" or "every month" or "once a month" => "monthly",
            "四半期ごと" or "quarterly" or "every three months" or "once a quarter" => "quarterly",
            "every six months" or "twice a year" => "half-yearly",
            "毎年" or "yearly" or "annually" or "every year" or "once a year" => "yearly",
            _ => null,
        };
    }

    private static readonly Dictionary<string, string> NumberWords = new(StringComparer.Ordinal)
    {
        ["one"] = "1", ["two"] = "2", ["three"] = "3", ["four"] = "4", ["five"] = "5", ["six"] = "6", ["seven"] = "7", ["eight"] = "8",
        ["nine"] = "9", ["ten"] = "10", ["eleven"] = "11", ["twelve"] = "12", ["fifteen"] = "15", ["twenty"] = "20", ["thirty"] = "30",
        ["sixty"] = "60", ["ninety"] = "90",
    };

    private static bool SentenceEnds(string text, int i) =>
        text[i] is '。' or '\n' || (text[i] == '.' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1])));

    /// <summary>The clause (or, with <paramref name="sentence"/>, the sentence) around <paramref name="index"/>.</summary>
    private static (int Start, int End) Bounds(string text, int index, bool sentence)
    {
        bool Ends(int i) => SentenceEnds(text, i) || (!sentence && text[i] is '、' or '，' or ',' or '；' or ';' or '：' or ':' or '|' or '（' or '）' or '(' or ')');
        var start = index;
        while (start > 0 && !Ends(start - 1))
        {
            start--;
        }

        var end = index;
        while (end < text.Length && !Ends(end))
        {
            end++;
        }

        return (start, end);
    }

    [GeneratedRegex(@"(?<per>[0-9０-９]+)?(?<span>年|半年に|か月に|ヶ月に|カ月に|月|週)\s*(?<times>[0-9０-９]+)\s*回")]
    private static partial Regex EveryN();

    [GeneratedRegex(@"毎営業日|毎日|毎週|毎月|毎年|四半期ごと|(?:[0-9０-９]+(?:か月|ヶ月|カ月)に|半年に|年|月|週)\s*[0-9０-９]+\s*回")]
    private static partial Regex Frequency();

    [GeneratedRegex(@"\bevery business day\b|\bevery (?:day|week|month|year|three months|six months)\b|\b(?:once|twice) a (?:week|month|quarter|year)\b|\b(?:daily|weekly|monthly|quarterly|yearly|annually)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EnglishFrequency();

    // 14日, 3営業日, 24時間, 6桁, 50万円, 500,000円 … but not a heading number before a word (「2. 分類」, 「7. 回線」), as the catalog's literal scan reads them.
    [GeneratedRegex(@"(?<![0-9０-９.])(?<number>[0-9０-９](?:[0-9０-９,，〜～]|\.[0-9])*)\s*(?<unit>営業日|時間|週間|か月|ヶ月|カ月|文字|桁|万円|円|年|週|日(?!本)|分(?![類析担離散割野け])|回(?![線答復避収]))")]
    private static partial Regex Quantity();

    [GeneratedRegex(@"\b(?<number>\d[\d,.–]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|sixty|ninety)[\s-]+(?<unit>business[\s-]+days?|minutes?|hours?|days?|weeks?|months?|years?|characters?|digits?|failures?|yen)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EnglishQuantity();

    // An example (例：5回失敗で30分ロック) illustrates; it is not a rule.
    [GeneratedRegex(@"例[：:]|例えば|e\.g\.|for example", RegexOptions.IgnoreCase)]
    private static partial Regex Example();

    // 30日以内など: one example of a period; 1か月前から: a point in time, not a period.
    [GeneratedRegex(@"^(?:以内|以上)?(?:など|等|前|ago|before)")]
    private static partial Regex Aside();

    // A frequency followed in its clause by one of these is how often something is checked.
    [GeneratedRegex(@"確認|照合|点検|見直|棚卸|チェック|レビュー|check|review|audit", RegexOptions.IgnoreCase)]
    private static partial Regex CheckVerb();

    [GeneratedRegex(@"[\s-]+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"[0-9０-９]{4}年[0-9０-９]{1,2}月[0-9０-９]{1,2}日|[0-9０-９]{1,2}月[0-9０-９]{1,2}日")]
    private static partial Regex Date();
}
