using Mamori.Catalogs;
using Mamori.Domain;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Features.Baseline;
using Mamori.Tests.Support;
using NJsonSchema;

namespace Mamori.Tests.Catalogs;

public class The_per_control_standards
{
    public static TheoryData<string> Files() => [.. ControlStandardCatalog.Files];

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Every_file_matches_its_schema(string name)
    {
        var schema = await JsonSchema.FromFileAsync(RepositoryFiles.Path("catalogs", "schema", "control-standards.schema.json"));
        var json = YamlToJson.Convert(await File.ReadAllTextAsync(RepositoryFiles.Path("catalogs", "control-standards", $"{name}.yaml")))!.ToJsonString();

        var errors = schema.Validate(json);

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Every_one_of_the_93_controls_has_a_template_that_cites_it_by_id_and_title(bool japanese)
    {
        var catalog = ControlStandardCatalog.For(japanese ? Language.Japanese : Language.English);

        Assert.Equal(93, CatalogSet.Default.Controls.Count);
        foreach (var control in CatalogSet.Default.Controls)
        {
            var body = catalog.BodyFor(control.Id);
            Assert.NotNull(body);
            var firstLine = body.Split('\n')[0];
            Assert.Equal(japanese ? $"**管理策**: A.{control.Id} {control.TitleJa}" : $"**Control**: A.{control.Id} {control.TitleEn}", firstLine);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Every_template_resolves_all_its_placeholders_for_an_organization(bool japanese)
    {
        var organization = new Organization("yamada", "株式会社山田商事", DateTimeOffset.UnixEpoch) { Representative = "山田 一郎" };
        PolicyRole[] roles = [new(organization.Id, "情報セキュリティ責任者", "全体", 1) { Key = "security_officer", Holders = "山田 一郎" }];
        var culture = japanese ? Language.Japanese : Language.English;

        foreach (var control in CatalogSet.Default.Controls)
        {
            var (text, unfilled) = TailorRules.Fill(ControlStandardCatalog.For(culture).BodyFor(control.Id)!, organization, roles, culture);

            Assert.True(unfilled.Count == 0, $"{control.Id}: {string.Join(", ", unfilled)}");
            Assert.DoesNotContain("{{", text, StringComparison.Ordinal);
            Assert.DoesNotContain("{%", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Loading_refuses_a_missing_control_a_wrong_citation_and_an_unknown_placeholder()
    {
        string Read(string name) => name switch
        {
            "control-standards/a5-1.yaml" => """
                version: 1
                standards:
                  - control: "5.1"
                    bodyJa: "**管理策**: A.5.2 取り違え\n{{ roles.nobody }}"
                    bodyEn: "**Control**: A.5.1 Policies"
                """,
            _ => "version: 1\nstandards: []\n",
        };

        var error = Assert.Throws<CatalogException>(() => ControlStandardCatalog.Load(CatalogSet.Default, Language.Japanese, Read));

        Assert.Contains(error.Problems, p => p.Contains("does not cite its control as A.5.1", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("roles.nobody", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("control 8.34 has no standard template", StringComparison.Ordinal));
    }
}
