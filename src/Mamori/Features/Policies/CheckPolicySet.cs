using System.Globalization;
using System.Text.RegularExpressions;
using Mamori.Catalogs;
using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Domain.Soa;
using Mamori.Features.Policies.Consistency;
using Mamori.Features.RuleValues;
using Mamori.Resources;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.Policies;

/// <summary>
/// The consistency check (整合性チェック) over the whole policy set as the organization would publish
/// it: every document's latest version, rendered with the organization's names, roles and rule
/// values. It finds values stated differently from the rule values, placeholders left unfilled,
/// role titles the roles table lacks, citations of controls the SoA excludes, published procedures
/// whose standard is not published, and spellings outside the house style. Each finding names the
/// document, the section (nearest heading) and the text.
/// </summary>
public static partial class CheckPolicySet
{
    /// <summary>What a finding is about, in the order the findings are listed.</summary>
    public enum Kind
    {
        ConflictingValue = 1,
        Placeholder = 2,
        UndefinedRole = 3,
        ExcludedControl = 4,
        UnpublishedStandard = 5,
        HouseStyle = 6,
    }

    /// <summary>The kind as the CLI's JSON and the API name it: conflicting-value, placeholder, undefined-role, excluded-control, unpublished-standard, house-style.</summary>
    public static string Code(Kind kind) => KindWords().Replace(kind.ToString(), "-").ToLowerInvariant();

    /// <param name="Section">The nearest heading above the text, "" before the first heading.</param>
    /// <param name="Text">The line the finding is on, shortened around it when long.</param>
    /// <param name="Detail">What is wrong, in the reader's language.</param>
    public sealed record Finding(Kind Kind, Guid DocumentId, string DocumentNumber, string DocumentTitle, string Section, string Text, string Detail);

    /// <summary>The findings in document order within each kind; null when <paramref name="membership"/> may not read the policy set.</summary>
    public static async Task<IReadOnlyList<Finding>?> HandleAsync(
        MamoriDb db, Membership membership, Organization organization, DateOnly today, CultureInfo culture, CancellationToken cancellationToken = default)
    {
        if (!membership.CanReadRegister)
        {
            return null;
        }

        var roles = await db.PolicyRoles.AsNoTracking().OrderBy(r => r.Order).ToListAsync(cancellationToken);
        var all = await DocumentStatus.ListAsync(db, today, cancellationToken);
        var items = all.Where(i => i.Latest is not null).ToList();
        var excluded = (await db.SoaEntries.AsNoTracking().Where(e => e.Applicability == Applicability.Excluded).Select(e => e.ControlId).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        string Text(string name, params object[] values) => string.Format(culture, CheckText.ResourceManager.Text(name, culture), values);
        var quoted = CatalogSet.Default.Controls.SelectMany(c => new[] { c.TitleJa, c.TitleEn }).Append(organization.Name).ToList();

        var findings = new List<Finding>();
        foreach (var item in items)
        {
            var document = item.Document;
            var version = item.Latest!;
            var filled = RenderPolicy.Fill(version.Body, organization, roles, document, version, today, culture);
            var text = filled.Text;
            Finding At(Kind kind, string markdown, int index, int length, string detail) =>
                new(kind, document.Id, document.Number, document.Title, Passage.Section(markdown, index), Passage.Excerpt(markdown, index, length), detail);

            var settings = RuleValueUse.ReadWith(version, organization.RuleValues);
            // Compared with the values in force, not those an approved version kept: an approved document that still
            // says 14 days after the organization chose 7 contradicts the drafts that say 7.
            findings.AddRange(ValueConflicts.Find(text, organization.RuleValues, culture)
                .Select(c => At(Kind.ConflictingValue, text, c.Index, c.Length, Text(nameof(CheckText.ConflictingValue), text.Substring(c.Index, c.Length), c.Value.Label, c.Expected))));
            findings.AddRange(Placeholders(version.Body, filled, organization, roles, settings, culture, Text)
                .Select(p => At(Kind.Placeholder, p.InRendered ? text : version.Body, p.Index, p.Length, p.Detail)));
            findings.AddRange(RoleMentions.Find(text, roles).DistinctBy(m => m.Title)
                .Select(m => At(Kind.UndefinedRole, text, m.Index, m.Length, Text(nameof(CheckText.UndefinedRole), m.Title))));
            foreach (var citation in ExcludedControls(document, text, excluded))
            {
                var control = CatalogSet.Default.FindControl(citation.ControlId)?.Citation(culture) ?? citation.ControlId;
                var detail = Text(nameof(CheckText.ExcludedControl), control);
                // A link of the document (shown above its text) has no place in the body: the citation is the text.
                findings.Add(citation.Length == 0 ? new(Kind.ExcludedControl, document.Id, document.Number, document.Title, "", control, detail) : At(Kind.ExcludedControl, text, citation.Index, citation.Length, detail));
            }

            if (UnpublishedStandard(item, all) is { } problem)
            {
                findings.Add(new(Kind.UnpublishedStandard, document.Id, document.Number, document.Title, "", "", problem.Standard is { } standard
                    ? Text(nameof(CheckText.StandardNotPublished), $"{standard.Number} {standard.Title}".Trim())
                    : Text(nameof(CheckText.StandardMissing))));
            }

            findings.AddRange(HouseStyle.Find(text, quoted)
                .Select(v => At(Kind.HouseStyle, text, v.Index, v.Length, Text(nameof(CheckText.HouseStyleVariant), v.Written, v.Preferred))));
        }

        var position = items.Select((item, i) => (item.Document.Id, i)).ToDictionary(p => p.Id, p => p.i);
        return findings.OrderBy(f => f.Kind).ThenBy(f => position[f.DocumentId]).ToList();
    }

    private sealed record PlaceholderProblem(int Index, int Length, bool InRendered, string Detail);

    /// <summary>A name Mamori does not fill, a known name whose value is empty, a template that does not parse, or braces left in the text.</summary>
    private static IEnumerable<PlaceholderProblem> Placeholders(
        string body, RenderPolicy.Filled filled, Organization organization, IReadOnlyList<PolicyRole> roles, IReadOnlyDictionary<string, string> settings, CultureInfo culture,
        Func<string, object[], string> text)
    {
        if (filled.Error is { } error)
        {
            yield return new(0, 0, false, text(nameof(CheckText.PlaceholderSyntax), [error]));
            yield break;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["organization.name"] = organization.Name,
            ["organization.representative"] = organization.Representative,
            ["organization.industry"] = organization.Industry,
        };
        foreach (var (key, value) in PolicyTemplates.RoleValues(roles, culture))
        {
            values["roles." + key] = value.ToString() ?? "";
        }

        foreach (var (key, value) in RenderPolicy.RuleValues(settings, culture))
        {
            values["rules." + key] = value.ToString() ?? "";
        }

        foreach (Match match in Placeholder().Matches(body))
        {
            var name = match.Groups[1].Value;
            if (filled.Unknown.Contains(name))
            {
                yield return new(match.Index, match.Length, false, text(nameof(CheckText.PlaceholderUnknown), [name]));
            }
            else if (values.TryGetValue(name, out var value) && value.Trim().Length == 0)
            {
                yield return new(match.Index, match.Length, false, text(nameof(CheckText.PlaceholderEmpty), [name]));
            }
        }

        // What Fluid could not take for a placeholder ({{ }} with a typo, a {% tag %} written as text) stays in the output.
        foreach (Match match in LeftOver().Matches(filled.Text))
        {
            yield return new(match.Index, match.Length, true, text(nameof(CheckText.PlaceholderLeft), [match.Value]));
        }
    }

    private sealed record Citation(int Index, int Length, string ControlId);

    /// <summary>The excluded controls the document implements (its Annex A links, shown above its text) or cites in its text (A.8.8).</summary>
    private static IEnumerable<Citation> ExcludedControls(PolicyDocument document, string text, HashSet<string> excluded)
    {
        var cited = ControlCitation().Matches(text).Where(m => excluded.Contains(m.Groups[1].Value)).ToList();
        foreach (var control in document.ControlIds.Where(excluded.Contains).Where(c => cited.All(m => m.Groups[1].Value != c)))
        {
            yield return new(0, 0, control);
        }

        foreach (var match in cited.DistinctBy(m => m.Groups[1].Value))
        {
            yield return new(match.Index, match.Length, match.Groups[1].Value);
        }
    }

    private sealed record StandardProblem(PolicyDocument? Standard);

    /// <summary>A published procedure whose standard has no published version (or no longer exists).</summary>
    private static StandardProblem? UnpublishedStandard(DocumentStatus.Item item, IReadOnlyList<DocumentStatus.Item> items)
    {
        if (item.Document.Kind != DocumentKind.Procedure || item.Document.StandardId is not { } standardId || item.Published is null)
        {
            return null;
        }

        var standard = items.FirstOrDefault(i => i.Document.Id == standardId);
        return standard is null ? new(null) : standard.Published is null ? new(standard.Document) : null;
    }

    [GeneratedRegex("(?<=[a-z])(?=[A-Z])")]
    private static partial Regex KindWords();

    [GeneratedRegex(@"\{\{-?\s*([A-Za-z_][A-Za-z0-9_.]*)[^}]*\}\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\{\{.*?(?:\}\}|$)|\{%.*?(?:%\}|$)", RegexOptions.Multiline)]
    private static partial Regex LeftOver();

    // A.5.1, A.8.13: the Annex A id after "A.", not a section number.
    [GeneratedRegex(@"(?<![A-Za-z0-9])A\.(\d{1,2}\.\d{1,2})(?![0-9])")]
    private static partial Regex ControlCitation();
}
