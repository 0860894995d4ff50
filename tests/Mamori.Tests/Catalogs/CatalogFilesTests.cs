using Mamori.Catalogs;
using Mamori.Tests.Support;
using NJsonSchema;

namespace Mamori.Tests.Catalogs;

public class Every_catalog_file
{
    public static TheoryData<string> Files => new()
    {
        "annex-a", "threats", "vulnerabilities", "top10", "rule-values", "house-style", "literal-allowlist", "value-topics", "glossary",
        "baseline/chapters", "baseline/self-diagnosis", "baseline/checklists",
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Matches_its_JSON_schema(string name)
    {
        var schema = await JsonSchema.FromFileAsync(RepositoryFiles.Path("catalogs", "schema", $"{name}.schema.json"));
        var json = YamlToJson.Convert(await File.ReadAllTextAsync(RepositoryFiles.Path("catalogs", $"{name}.yaml")))!.ToJsonString();

        var errors = schema.Validate(json);

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"{e.Path}: {e.Kind}")));
    }

    [Fact]
    public void The_files_on_disk_are_the_ones_built_into_the_product()
    {
        foreach (var name in Files)
        {
            Assert.Equal(
                File.ReadAllText(RepositoryFiles.Path("catalogs", $"{name}.yaml")),
                CatalogSet.ReadEmbedded($"{name}.yaml"));
        }
    }

    [Fact]
    public async Task A_schema_violation_is_caught()
    {
        // Guards the check above: an unquoted 8.10 would be the number 8.1, which the schema must refuse.
        var schema = await JsonSchema.FromFileAsync(RepositoryFiles.Path("catalogs", "schema", "threats.schema.json"));
        var json = YamlToJson.Convert("""
            version: 1
            source: x
            categories: [{ id: c, titleJa: あ, titleEn: a }]
            threats:
              - { id: t, category: c, titleJa: あ, titleEn: a, origins: [X], controls: [8.10] }
            """)!.ToJsonString();

        Assert.NotEmpty(schema.Validate(json));
    }
}

public class The_catalog_loader
{
    private static string Read(string file) => File.ReadAllText(RepositoryFiles.Path("catalogs", file));

    [Fact]
    public void Refuses_a_reference_that_does_not_resolve()
    {
        var broken = Read("threats.yaml").Replace("\"7.5\"", "\"9.99\"", StringComparison.Ordinal);

        var error = Assert.Throws<CatalogException>(() => CatalogSet.Load(f => f == "threats.yaml" ? broken : Read(f)));

        Assert.Contains(error.Problems, p => p.Contains("'9.99' does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public void Refuses_a_duplicate_id()
    {
        var annex = Read("annex-a.yaml");
        var broken = annex.Replace("id: \"5.2\"", "id: \"5.1\"", StringComparison.Ordinal);
        Assert.NotEqual(annex, broken);

        var error = Assert.Throws<CatalogException>(() => CatalogSet.Load(f => f == "annex-a.yaml" ? broken : Read(f)));

        Assert.Contains(error.Problems, p => p.Contains("'5.1' is used 2 times", StringComparison.Ordinal));
    }
}
