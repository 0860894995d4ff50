using System.Text;
using System.Text.RegularExpressions;
using Mamori.Domain.Organizations;

namespace Mamori.Catalogs;

/// <summary>
/// The parts of a Lv.2 chapter that depend on the organization's size and on who runs its IT. A
/// block between <c>&lt;!-- variant size: small|medium --&gt;</c> and <c>&lt;!-- end variant --&gt;</c>
/// is kept only for a profile it names, so a five-person company in a shared office is not told to
/// build walled secure areas. Size comes from 従業員数 (up to 5, up to 20, more; unknown reads as
/// more); who runs the IT from the rule value <c>it_operated_by</c> (the profile has no field for it).
/// </summary>
public static partial class ChapterVariants
{
    /// <summary>Each dimension a chapter may vary by (chapters.yaml <c>variesBy</c>) and its values.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Dimensions { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["size"] = ["small", "medium", "large"],
        ["it"] = ["in-house", "outsourced"],
    };

    /// <summary>The rule value that says who runs the IT (in-house or outsourced).</summary>
    public const string ItRuleValue = "it_operated_by";

    /// <summary>What a chapter's variants are chosen by: size (small, medium, large) and it (in-house, outsourced).</summary>
    public sealed record Profile(string Size, string It)
    {
        public string ValueOf(string dimension) => dimension == "size" ? Size : It;
    }

    public static Profile Of(Organization organization) =>
        new(SizeOf(organization.EmployeeCount), organization.RuleValues.GetValueOrDefault(ItRuleValue) == "outsourced" ? "outsourced" : "in-house");

    /// <summary>Up to 5 people: small; up to 20: medium; more, or not given: large (the full rules).</summary>
    public static string SizeOf(int? employees) => employees switch
    {
        <= 5 => "small",
        <= 20 => "medium",
        _ => "large",
    };

    /// <summary>The chapter text for <paramref name="profile"/>: blocks for other profiles dropped, the markers removed.</summary>
    public static string Select(string body, Profile profile)
    {
        var text = new StringBuilder();
        var keep = true;
        foreach (var line in body.Split('\n'))
        {
            if (Start().Match(line) is { Success: true } start)
            {
                keep = start.Groups["values"].Value.Split('|').Select(v => v.Trim()).Contains(profile.ValueOf(start.Groups["dimension"].Value));
                continue;
            }

            if (End().IsMatch(line))
            {
                keep = true;
                continue;
            }

            if (keep)
            {
                text.Append(line).Append('\n');
            }
        }

        return text.ToString().TrimEnd('\n') + (body.EndsWith('\n') ? "\n" : "");
    }

    /// <summary>What is wrong with the variant markers of <paramref name="body"/>: unknown dimensions or values, one not declared, nesting, a block left open.</summary>
    public static IEnumerable<string> Problems(string body, IReadOnlyCollection<string> variesBy)
    {
        var open = false;
        foreach (var (line, number) in body.Split('\n').Select((l, i) => (l, i + 1)))
        {
            if (Start().Match(line) is { Success: true } start)
            {
                var dimension = start.Groups["dimension"].Value;
                if (open)
                {
                    yield return $"line {number}: a variant starts inside another.";
                }

                if (!variesBy.Contains(dimension) || !Dimensions.TryGetValue(dimension, out var known))
                {
                    yield return $"line {number}: the chapter does not vary by '{dimension}' (add it to variesBy; size or it).";
                }
                else
                {
                    foreach (var value in start.Groups["values"].Value.Split('|').Select(v => v.Trim()).Where(v => !known.Contains(v)))
                    {
                        yield return $"line {number}: '{value}' is not a {dimension} ({string.Join(", ", known)}).";
                    }
                }

                open = true;
            }
            else if (End().IsMatch(line))
            {
                if (!open)
                {
                    yield return $"line {number}: an end of variant without its start.";
                }

                open = false;
            }
            else if (line.Contains("<!-- variant", StringComparison.Ordinal) || line.Contains("<!-- end", StringComparison.Ordinal))
            {
                yield return $"line {number}: a variant marker must stand alone on its line, as <!-- variant size: small|medium -->.";
            }
        }

        if (open)
        {
            yield return "a variant is not closed with <!-- end variant -->.";
        }
    }

    [GeneratedRegex(@"^\s*<!-- variant (?<dimension>[a-z]+): (?<values>[a-z|\- ]+?) -->\s*$")]
    private static partial Regex Start();

    [GeneratedRegex(@"^\s*<!-- end variant -->\s*$")]
    private static partial Regex End();
}
