using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Mamori.Domain;
using Mamori.Domain.Policies;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Mamori.Catalogs;

/// <summary>A public contact point on the contact sheet: a fact, with the pages it was checked against and when.</summary>
/// <param name="Phone">Only a number a source confirmed; empty when the organization copies it from <paramref name="Url"/>.</param>
public sealed record FormContact(string Id, string Name, string When, string How, string Url, string Phone, IReadOnlyList<string> Sources, DateOnly CheckedOn);

/// <summary>
/// A form (様式) or the 5か条 rule set, in one language: the document it becomes (kind, number, title,
/// Annex A controls) and its text with placeholders, the contact rows already in place.
/// </summary>
public sealed record FormTemplate(
    string Id, DocumentKind Kind, int Order, string Title, string Summary, IReadOnlyList<string> ControlIds, string Body, IReadOnlyList<FormContact> Contacts)
{
    /// <summary>The document number a form takes ("1", "2"…); the 5か条 has none.</summary>
    public string Number => Kind == DocumentKind.Form ? Order.ToString(CultureInfo.InvariantCulture) : "";

    /// <summary>For the rule set: everyone reads and acknowledges it.</summary>
    public IReadOnlyList<string> Audiences => Kind == DocumentKind.Procedure ? [Domain.Policies.Audiences.AllEmployees] : [];
}

/// <summary>
/// The forms of the policy set and the 5か条 (catalogs/forms/*.yaml), in Japanese and English. Checked on
/// load: ids unique and equal to the file name, controls exist, placeholders are ones Mamori fills
/// (organization, roles, rule values), the contact rows have their marker, and exactly one rule set.
/// </summary>
public sealed partial class FormCatalog
{
    /// <summary>The 5か条 (SECURITY ACTION ★1).</summary>
    public const string FiveRulesId = "five-rules";

    /// <summary>Where the contact rows go in a form's text.</summary>
    public const string ContactsMarker = "[[contacts]]";

    /// <summary>The files, in the order they are offered.</summary>
    public static readonly IReadOnlyList<string> Files =
        [FiveRulesId, "pledge-joining", "pledge-leaving", "contractor-confidentiality", "take-out-register", "training-record", "incident-report", "contacts"];

    private static readonly Lazy<FormCatalog> Japanese = new(() => Load(CatalogSet.Default, Language.Japanese, CatalogSet.ReadEmbedded));
    private static readonly Lazy<FormCatalog> English = new(() => Load(CatalogSet.Default, Language.English, CatalogSet.ReadEmbedded));

    private readonly FrozenDictionary<string, FormTemplate> _byId;

    private FormCatalog(List<FormTemplate> forms)
    {
        Forms = forms;
        _byId = forms.ToFrozenDictionary(f => f.Id, StringComparer.Ordinal);
    }

    /// <summary>Every form and the rule set, in order (the 5か条 first).</summary>
    public IReadOnlyList<FormTemplate> Forms { get; }

    public static FormCatalog For(CultureInfo culture) => culture.Pick(Japanese, English).Value;

    public FormTemplate? Find(string id) => _byId.GetValueOrDefault(id);

    public static FormCatalog Load(CatalogSet catalogs, CultureInfo culture, Func<string, string> readFile)
    {
        var deserializer = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
        var problems = new List<string>();
        var forms = new List<FormTemplate>();
        foreach (var name in Files)
        {
            var where = $"forms/{name}.yaml";
            var file = deserializer.Deserialize<FormFile>(readFile(where));
            if (file.Id != name)
            {
                problems.Add($"{where}: the id '{file.Id}' is not the file name.");
            }

            var kind = file.Kind switch
            {
                "form" => DocumentKind.Form,
                "rules" => DocumentKind.Procedure,
                _ => (DocumentKind?)null,
            };
            if (kind is null)
            {
                problems.Add($"{where}: the kind '{file.Kind}' is not form or rules.");
            }

            problems.AddRange(file.Controls.Where(c => catalogs.FindControl(c) is null).Select(c => $"{where}: no such Annex A control '{c}'."));
            var contacts = file.Contacts.Select(c => Contact(c, culture, where, problems)).ToList();
            var template = culture.Pick(file.BodyJa, file.BodyEn).Trim();
            problems.AddRange(Placeholder().Matches(template).Select(m => m.Groups[1].Value)
                .Where(p => !ControlStandardCatalog.KnownPlaceholders.Contains(p)).Distinct()
                .Select(p => $"{where}: unknown placeholder {{{{ {p} }}}}."));
            if (template.Contains(ContactsMarker, StringComparison.Ordinal) != contacts.Count > 0)
            {
                problems.Add($"{where}: {ContactsMarker} and the contacts list go together.");
            }

            var body = template.Replace(ContactsMarker, string.Join('\n', contacts.Select(Row)), StringComparison.Ordinal);
            forms.Add(new FormTemplate(file.Id, kind ?? DocumentKind.Form, file.Order, culture.Pick(file.TitleJa, file.TitleEn),
                culture.Pick(file.SummaryJa, file.SummaryEn), file.Controls, body, contacts));
        }

        problems.AddRange(forms.GroupBy(f => f.Id).Where(g => g.Count() > 1).Select(g => $"forms: the id '{g.Key}' is used {g.Count()} times."));
        problems.AddRange(forms.GroupBy(f => f.Order).Where(g => g.Count() > 1).Select(g => $"forms: the order {g.Key} is used {g.Count()} times."));
        if (forms.Count(f => f.Kind == DocumentKind.Procedure) != 1 || forms.FirstOrDefault(f => f.Kind == DocumentKind.Procedure)?.Id != FiveRulesId)
        {
            problems.Add($"forms: exactly one rule set, '{FiveRulesId}'.");
        }

        if (problems.Count > 0)
        {
            throw new CatalogException(problems);
        }

        return new FormCatalog([.. forms.OrderBy(f => f.Order)]);
    }

    private static FormContact Contact(ContactEntry entry, CultureInfo culture, string where, List<string> problems)
    {
        if (!DateOnly.TryParseExact(entry.CheckedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var checkedOn))
        {
            problems.Add($"{where} {entry.Id}: checkedOn '{entry.CheckedOn}' is not a date.");
        }

        if (entry.Sources.Count == 0)
        {
            problems.Add($"{where} {entry.Id}: a contact point needs the pages it was checked against.");
        }

        var texts = new[] { entry.NameJa, entry.NameEn, entry.WhenJa, entry.WhenEn, entry.HowJa, entry.HowEn, entry.Url, entry.Phone };
        if (texts.Any(t => t.Contains('|', StringComparison.Ordinal) || t.Contains('\n', StringComparison.Ordinal)))
        {
            problems.Add($"{where} {entry.Id}: a table cell holds one line without '|'.");
        }

        return new FormContact(entry.Id, culture.Pick(entry.NameJa, entry.NameEn), culture.Pick(entry.WhenJa, entry.WhenEn), culture.Pick(entry.HowJa, entry.HowEn),
            entry.Url, entry.Phone, entry.Sources, checkedOn);
    }

    /// <summary>A contact point as a row of the sheet's table: name, when, how with its page, phone, checked on.</summary>
    private static string Row(FormContact contact) =>
        new StringBuilder("| ").AppendJoin(" | ", contact.Name, contact.When, $"{contact.How} <{contact.Url}>", contact.Phone,
            contact.CheckedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(" |").ToString();

    [GeneratedRegex(@"\{\{-?\s*([A-Za-z_][A-Za-z0-9_.]*)")]
    private static partial Regex Placeholder();

    private sealed class FormFile
    {
        public int Version { get; set; }
        public string Id { get; set; } = "";
        public string Kind { get; set; } = "";
        public int Order { get; set; }
        public string TitleJa { get; set; } = "";
        public string TitleEn { get; set; } = "";
        public string SummaryJa { get; set; } = "";
        public string SummaryEn { get; set; } = "";
        public List<string> Controls { get; set; } = [];
        public string BodyJa { get; set; } = "";
        public string BodyEn { get; set; } = "";
        public List<ContactEntry> Contacts { get; set; } = [];
    }

    private sealed class ContactEntry
    {
        public string Id { get; set; } = "";
        public string NameJa { get; set; } = "";
        public string NameEn { get; set; } = "";
        public string WhenJa { get; set; } = "";
        public string WhenEn { get; set; } = "";
        public string HowJa { get; set; } = "";
        public string HowEn { get; set; } = "";
        public string Url { get; set; } = "";
        public string Phone { get; set; } = "";
        public List<string> Sources { get; set; } = [];
        public string CheckedOn { get; set; } = "";
    }
}
