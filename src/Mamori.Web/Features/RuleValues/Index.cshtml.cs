using System.Globalization;
using Mamori.Catalogs;
using Mamori.Domain.Policies;
using Mamori.Features;
using Mamori.Features.RuleValues;
using Mamori.Web.Infrastructure;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Mvc;

namespace Mamori.Web.Features.RuleValues;

/// <summary>
/// 規程の基準値: every rule value by group with its input, default and reason; facts read-only with
/// their source. Saving a change that approved or published documents use asks first, saying how many.
/// </summary>
public sealed class IndexModel : OrganizationPage
{
    public IReadOnlyList<ListRuleValues.Row> Rows { get; private set; } = [];

    public IReadOnlyList<RuleGroup> Groups { get; private set; } = [];

    /// <summary>What each input shows: the stored setting, or what was posted when the form comes back.</summary>
    public Dictionary<string, string?> Values { get; private set; } = [];

    /// <summary>A save that waits for the user's confirmation: the values it changes and the documents it flags.</summary>
    public SaveRuleValues.Result? Pending { get; private set; }

    public IActionResult OnGet()
    {
        if (Require(Membership.CanReadRegister) is { } denied)
        {
            return denied;
        }

        Load(null);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Dictionary<string, string?> values, bool confirmed, CancellationToken cancellationToken)
    {
        if (Require(Membership.CanEditDocuments) is { } denied)
        {
            return denied;
        }

        var culture = CultureInfo.CurrentUICulture;
        var catalog = RuleValuesCatalog.For(culture);
        // The form posts every editable value; facts are shown, never posted.
        var request = new SaveRuleValues.Request(values
            .Where(v => catalog.Find(v.Key) is { Kind: not RuleValueKind.Fact })
            .ToDictionary(v => v.Key, string? (v) => v.Value ?? ""));
        if (!confirmed)
        {
            var check = await SaveRuleValues.CheckAsync(Db, Membership, request, culture, cancellationToken);
            if (Refused(check.Status) is { } refused)
            {
                return refused;
            }

            if (check.Status != SaveStatus.Saved || check.Flagged.Count > 0)
            {
                ShowErrors(check.Errors);
                Pending = check.Status == SaveStatus.Saved ? check : null;
                Load(values);
                return Page();
            }
        }

        var result = await SaveRuleValues.HandleAsync(Db, Membership, request, culture, cancellationToken);
        if (Refused(result.Status) is { } refusedSave)
        {
            return refusedSave;
        }

        if (result.Status != SaveStatus.Saved)
        {
            ShowErrors(result.Errors);
            Load(values);
            return Page();
        }

        var message = result.Changed.Count == 0 ? RuleValueText.NothingChanged : string.Format(culture, RuleValueText.Saved, result.Changed.Count);
        Flash(result.Flagged.Count == 0 ? message : message + string.Format(culture, RuleValueText.SavedFlagged, result.Flagged.Count));
        return Redirect($"{Base}/rule-values");
    }

    /// <summary>The field name of a value's input, as model state keys its messages.</summary>
    public static string Field(string key) => $"values[{key}]";

    public string Label(string key) => Rows.FirstOrDefault(r => r.Value.Key == key)?.Value.Label ?? key;

    public static string DocumentName(PolicyDocument document) => document.Number.Length > 0 ? $"{document.Number} {document.Title}" : document.Title;

    private void ShowErrors(IReadOnlyDictionary<string, List<string>> errors)
    {
        foreach (var (key, messages) in errors)
        {
            messages.ForEach(m => ModelState.AddModelError(Field(key), m));
        }
    }

    private void Load(Dictionary<string, string?>? posted)
    {
        var culture = CultureInfo.CurrentUICulture;
        Groups = RuleValuesCatalog.For(culture).Groups;
        Rows = ListRuleValues.Rows(Organization, culture);
        Values = Rows.ToDictionary(r => r.Value.Key, r => posted is not null && posted.TryGetValue(r.Value.Key, out var value) ? value : r.Input);
    }
}
