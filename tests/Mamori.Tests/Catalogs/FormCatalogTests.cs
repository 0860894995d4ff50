using System.Globalization;
using Mamori.Catalogs;
using Mamori.Domain;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Features.Policies;
using Mamori.Tests.Support;
using NJsonSchema;

namespace Mamori.Tests.Catalogs;

public class The_forms_catalog
{
    public static TheoryData<string> Files() => [.. FormCatalog.Files];

    public static TheoryData<string> Languages => new() { "ja", "en" };

    private static string Read(string file) => File.ReadAllText(RepositoryFiles.Path("catalogs", file));

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Every_file_matches_its_schema_and_is_the_one_built_into_the_product(string name)
    {
        var schema = await JsonSchema.FromFileAsync(RepositoryFiles.Path("catalogs", "schema", "forms.schema.json"));
        var yaml = Read($"forms/{name}.yaml");

        var errors = schema.Validate(YamlToJson.Convert(yaml)!.ToJsonString());

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"{e.Path}: {e.Kind}")));
        Assert.Equal(yaml, CatalogSet.ReadEmbedded($"forms/{name}.yaml"));
    }

    [Fact]
    public void Every_file_in_the_folder_is_loaded()
    {
        var onDisk = Directory.GetFiles(RepositoryFiles.Path("catalogs", "forms"), "*.yaml").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);

        Assert.Equal(FormCatalog.Files.Order(StringComparer.Ordinal), onDisk);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Holds_the_five_rules_first_and_the_seven_forms_with_unique_ids_and_numbers(string language)
    {
        var forms = FormCatalog.For(CultureInfo.GetCultureInfo(language)).Forms;

        Assert.Equal(
            ["five-rules", "pledge-joining", "pledge-leaving", "contractor-confidentiality", "take-out-register", "training-record", "incident-report", "contacts"],
            forms.Select(f => f.Id));
        Assert.Equal((DocumentKind.Procedure, ""), (forms[0].Kind, forms[0].Number));
        Assert.Equal([Audiences.AllEmployees], forms[0].Audiences);
        Assert.All(forms.Skip(1), f => Assert.Equal(DocumentKind.Form, f.Kind));
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7"], forms.Skip(1).Select(f => f.Number));
        Assert.All(forms, f => Assert.All(f.ControlIds, c => Assert.NotNull(CatalogSet.Default.FindControl(c))));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Fills_every_placeholder_from_the_organization_its_roles_and_its_rule_values(string language)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        var organization = new Organization("yamada", "株式会社山田商事", DateTimeOffset.UnixEpoch) { Representative = "代表取締役 山田 一郎" };
        var roles = SaveRoles.Defaults(organization.Id, culture);

        foreach (var form in FormCatalog.For(culture).Forms)
        {
            var (text, unfilled) = RenderPolicy.FillTemplate(form.Body, organization, roles, culture);

            Assert.True(unfilled.Count == 0, $"{form.Id}: {string.Join(", ", unfilled)}");
            Assert.DoesNotContain("{{", text, StringComparison.Ordinal);
            Assert.DoesNotContain(FormCatalog.ContactsMarker, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Writes_the_five_topics_of_the_five_rules_as_its_sections()
    {
        var body = FormCatalog.For(Language.Japanese).Find(FormCatalog.FiveRulesId)!.Body;

        var headings = body.Split('\n').Where(l => l.StartsWith("## ", StringComparison.Ordinal)).ToList();

        Assert.Equal(5, headings.Count);
        Assert.Contains("最新", headings[0], StringComparison.Ordinal);
        Assert.Contains("ウイルス対策ソフト", headings[1], StringComparison.Ordinal);
        Assert.Contains("パスワード", headings[2], StringComparison.Ordinal);
        Assert.Contains("共有", headings[3], StringComparison.Ordinal);
        Assert.Contains("手口", headings[4], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ja", "1. 発見報告", "2. 初動対応", "3. 調査と対応", "4. 復旧", "5. 最終報告")]
    [InlineData("en", "1. Discovery report", "2. First response", "3. Investigation and response", "4. Recovery", "5. Final report")]
    public void Has_the_incident_report_in_its_five_steps(string language, params string[] steps)
    {
        var body = FormCatalog.For(CultureInfo.GetCultureInfo(language)).Find("incident-report")!.Body;

        Assert.Equal(steps.Select(s => "## " + s), body.Split('\n').Where(l => l.StartsWith("## ", StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Lists_the_public_contact_points_each_with_its_page_its_sources_and_the_date_it_was_checked(string language)
    {
        var sheet = FormCatalog.For(CultureInfo.GetCultureInfo(language)).Find("contacts")!;

        Assert.Equal(["ipa-anshin", "ipa-soudan", "police-cyber", "ppc-leak-report", "otasuketai"], sheet.Contacts.Select(c => c.Id));
        foreach (var contact in sheet.Contacts)
        {
            Assert.StartsWith("https://", contact.Url, StringComparison.Ordinal);
            Assert.NotEmpty(contact.Sources);
            Assert.InRange(contact.CheckedOn, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));
            Assert.Contains($"| {contact.Name} |", sheet.Body, StringComparison.Ordinal);
            Assert.Contains($"<{contact.Url}>", sheet.Body, StringComparison.Ordinal);
        }

        // "#9110" inside plain YAML would start a comment and cut the text short.
        Assert.EndsWith(language == "ja" ? "つながる）" : "the area you call from", sheet.Contacts.Single(c => c.Id == "police-cyber").How, StringComparison.Ordinal);

        // Only a number a source confirmed is printed; the others are left blank to be copied from the page.
        Assert.Equal(["#9110"], sheet.Contacts.Where(c => c.Phone.Length > 0).Select(c => c.Phone));
    }

    [Fact]
    public void Refuses_an_unknown_placeholder_a_missing_contact_marker_and_an_unknown_control()
    {
        string Broken(string file) => file switch
        {
            "forms/take-out-register.yaml" => Read(file).Replace("{{ rules.record_retention_years }}", "{{ rules.record_retention_yaers }}", StringComparison.Ordinal),
            "forms/contacts.yaml" => Read(file).Replace("  [[contacts]]\nbodyEn", "bodyEn", StringComparison.Ordinal),
            "forms/training-record.yaml" => Read(file).Replace("controls: [\"6.3\"]", "controls: [\"6.30\"]", StringComparison.Ordinal),
            _ => Read(file),
        };

        var error = Assert.Throws<CatalogException>(() => FormCatalog.Load(CatalogSet.Default, Language.Japanese, Broken));

        Assert.Contains(error.Problems, p => p.Contains("take-out-register.yaml: unknown placeholder {{ rules.record_retention_yaers }}", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("contacts.yaml: [[contacts]] and the contacts list go together", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("training-record.yaml: no such Annex A control '6.30'", StringComparison.Ordinal));
    }
}
