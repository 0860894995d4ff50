using System.Globalization;
using Mamori.Catalogs;
using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Resources;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Features.RuleValues;

/// <summary>
/// Saves several of the organization's rule values (規程の基準値) at once: a number within its
/// bounds and decimals, a choice among its choices, a text of one line up to 40 characters; a fact
/// is never set. Every value is checked first; one wrong value saves nothing, and each message
/// names the key and its label. One commit, audited. Only those who may edit documents save them.
/// Drafts read the new values at once; an approved or published document that uses a changed value
/// keeps the value it was approved with and is flagged 改訂を推奨 (<see cref="RuleValueUse"/>).
/// </summary>
public static class SaveRuleValues
{
    /// <param name="Values">By key: a number, a choice's key or a text; null (or an absent key) keeps the default.</param>
    public sealed record Request(IReadOnlyDictionary<string, string?> Values);

    /// <param name="Changed">The keys whose value changes (in the catalog's order).</param>
    /// <param name="Flagged">The approved or published documents that use a changed value and will read differently from it.</param>
    public sealed record Result(SaveStatus Status, IReadOnlyDictionary<string, List<string>> Errors, IReadOnlyList<string> Changed, IReadOnlyList<PolicyDocument> Flagged);

    /// <summary>Checks the values and says what saving them would change and flag; saves nothing (the page's confirmation).</summary>
    /// <param name="db">A context confined to the organization.</param>
    /// <param name="culture">The language of the messages.</param>
    public static Task<Result> CheckAsync(MamoriDb db, Membership actor, Request request, CultureInfo culture, CancellationToken cancellationToken = default) =>
        RunAsync(db, actor, request, culture, save: false, cancellationToken);

    /// <inheritdoc cref="CheckAsync"/>
    public static Task<Result> HandleAsync(MamoriDb db, Membership actor, Request request, CultureInfo culture, CancellationToken cancellationToken = default) =>
        RunAsync(db, actor, request, culture, save: true, cancellationToken);

    private static async Task<Result> RunAsync(MamoriDb db, Membership actor, Request request, CultureInfo culture, bool save, CancellationToken cancellationToken)
    {
        if (!actor.CanEditDocuments)
        {
            return new(SaveStatus.Forbidden, FieldErrors.None, [], []);
        }

        var catalog = RuleValuesCatalog.For(culture);
        var errors = new FieldErrors();
        var parsed = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, input) in request.Values)
        {
            if (catalog.Find(key) is not { } value)
            {
                errors.Add(key, string.Format(culture, Messages.ResourceManager.Text(nameof(Messages.RuleValueUnknown), culture), key));
                continue;
            }

            if (input is null && value.Kind != RuleValueKind.Fact)
            {
                parsed[key] = null;
                continue;
            }

            var problem = value.Parse(input, out var canonical);
            if (problem == RuleValueProblem.None)
            {
                parsed[key] = canonical;
            }
            else
            {
                errors.Add(key, Message(value, problem, culture));
            }
        }

        if (errors.Count > 0)
        {
            return new(SaveStatus.Invalid, errors, [], []);
        }

        var organization = await db.Organizations.SingleOrDefaultAsync(o => o.Id == actor.OrganizationId, cancellationToken);
        if (organization is null)
        {
            return new(SaveStatus.NotFound, FieldErrors.None, [], []);
        }

        var before = new Dictionary<string, string>(organization.RuleValues, StringComparer.Ordinal);
        var after = new Dictionary<string, string>(before, StringComparer.Ordinal);
        foreach (var (key, canonical) in parsed)
        {
            // A value equal to the default is the default: the organization follows it.
            if (RuleValuesCatalog.IsDefault(key, canonical))
            {
                after.Remove(key);
            }
            else
            {
                after[key] = canonical;
            }
        }

        var changed = catalog.Values.Select(v => v.Key)
            .Where(k => !RuleValuesCatalog.SameValue(k, before.GetValueOrDefault(k), after.GetValueOrDefault(k)))
            .ToList();
        var flagged = await FlaggedAsync(db, changed, after, cancellationToken);
        if (save && changed.Count > 0)
        {
            organization.RuleValues.Clear();
            foreach (var (key, value) in after)
            {
                organization.RuleValues[key] = value;
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        return new(SaveStatus.Saved, FieldErrors.None, changed, flagged);
    }

    /// <summary>The documents whose approved or published version uses one of <paramref name="changed"/> and will read it differently from <paramref name="after"/>.</summary>
    private static async Task<IReadOnlyList<PolicyDocument>> FlaggedAsync(MamoriDb db, IReadOnlyList<string> changed, IReadOnlyDictionary<string, string> after, CancellationToken cancellationToken)
    {
        if (changed.Count == 0)
        {
            return [];
        }

        var versions = await db.DocumentVersions.AsNoTracking()
            .Where(v => v.Status == VersionStatus.Approved || v.Status == VersionStatus.Published)
            .ToListAsync(cancellationToken);
        var ids = versions.Where(v => RuleValueUse.Changed(v, after).Intersect(changed).Any()).Select(v => v.DocumentId).ToHashSet();
        if (ids.Count == 0)
        {
            return [];
        }

        return await db.PolicyDocuments.AsNoTracking().Where(d => ids.Contains(d.Id)).OrderBy(d => d.Kind).ThenBy(d => d.Number).ToListAsync(cancellationToken);
    }

    private static string Message(RuleValue value, RuleValueProblem problem, CultureInfo culture)
    {
        string Text(string name, params object[] more) =>
            string.Format(culture, Messages.ResourceManager.Text(name, culture), [value.Key, value.Label, .. more]);
        return problem switch
        {
            RuleValueProblem.Fixed => Text(nameof(Messages.RuleValueFixed)),
            RuleValueProblem.Empty => Text(nameof(Messages.RuleValueEmpty)),
            RuleValueProblem.NotANumber => Text(nameof(Messages.RuleValueNotANumber)),
            RuleValueProblem.OutOfRange => Text(nameof(Messages.RuleValueOutOfRange), value.Format(value.Min!.Value), value.Format(value.Max!.Value), value.Unit),
            RuleValueProblem.TooManyDecimals when value.Decimals == 0 => Text(nameof(Messages.RuleValueNotWhole)),
            RuleValueProblem.TooManyDecimals => Text(nameof(Messages.RuleValueTooManyDecimals), value.Decimals),
            RuleValueProblem.NotAChoice => Text(nameof(Messages.RuleValueNotAChoice),
                string.Join(Messages.ResourceManager.Text(nameof(Messages.RuleValueChoiceSeparator), culture), value.Choices.Select(c => $"{c.Key} ({c.Text})"))),
            RuleValueProblem.TooLong => Text(nameof(Messages.RuleValueTooLong), RuleValue.MaxTextLength),
            _ => Text(nameof(Messages.RuleValueLineBreak)),
        };
    }
}
