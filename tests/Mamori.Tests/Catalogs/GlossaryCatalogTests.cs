using Mamori.Catalogs;
using Mamori.Domain;
using Mamori.Tests.Support;

namespace Mamori.Tests.Catalogs;

public class The_glossary
{
    /// <summary>The seminar's 主な用語の定義, as its text lists them (セーフガード（管理策）, 資産情報の重要度).</summary>
    public static TheoryData<string> SeminarTerms => new()
    {
        "脅威", "脆弱性", "インシデント", "資産", "資産情報の重要度", "セーフガード", "リスク", "残留リスク", "リスク値",
    };

    private static GlossaryCatalog Glossary => GlossaryCatalog.Load(name => File.ReadAllText(RepositoryFiles.Path("catalogs", name)));

    [Theory]
    [MemberData(nameof(SeminarTerms))]
    public void Explains_each_of_the_seminars_nine_terms(string word)
    {
        var term = Assert.Single(Glossary.Terms, t => t.TermJa == word || t.AliasesJa.Contains(word));

        Assert.True(term.Seminar);
    }

    [Fact]
    public void Marks_exactly_the_seminars_nine_terms_as_the_seminars()
    {
        Assert.Equal(9, Glossary.Terms.Count(t => t.Seminar));
    }

    [Fact]
    public void Explains_every_term_in_both_languages_without_its_own_word_as_the_whole_summary()
    {
        Assert.All(Glossary.Terms, t =>
        {
            foreach (var culture in new[] { Language.Japanese, Language.English })
            {
                Assert.False(string.IsNullOrWhiteSpace(t.Summary(culture)), t.Id);
                Assert.False(string.IsNullOrWhiteSpace(t.Definition(culture)), t.Id);
                Assert.NotEqual(t.Term(culture), t.Summary(culture));
            }
        });
    }

    [Fact]
    public void Follows_the_house_style_in_both_languages()
    {
        var style = HouseStyle.Load();

        var variants = Glossary.Terms
            .SelectMany(t => new[] { Language.Japanese, Language.English }
                .SelectMany(c => style.VariantsIn(string.Join(" ", t.Term(c), t.Summary(c), t.Definition(c), t.Example(c) ?? ""), c).Select(v => $"{t.Id}: {v}")))
            .Concat(Glossary.Scales.SelectMany(s => s.Levels.SelectMany(l =>
                style.VariantsIn(l.Ja, Language.Japanese).Concat(style.VariantsIn(l.En, Language.English)).Select(v => $"{s.Id} {l.Value}: {v}"))))
            .ToList();

        Assert.Empty(variants);
    }

    [Theory]
    [InlineData("confidentiality")]
    [InlineData("integrity")]
    [InlineData("availability")]
    [InlineData("threat-likelihood")]
    [InlineData("vulnerability-exposure")]
    [InlineData("likelihood")]
    public void Says_what_3_2_and_1_mean_on_every_scale_the_forms_rate_with(string scale)
    {
        var levels = Glossary.Scale(scale).Levels;

        Assert.Equal([3, 2, 1], levels.Select(l => l.Value));
        Assert.All(levels, l => Assert.False(string.IsNullOrWhiteSpace(l.Ja) || string.IsNullOrWhiteSpace(l.En)));
        Assert.Equal(3, levels.Select(l => l.Ja).Distinct().Count());
        Assert.Equal(3, levels.Select(l => l.En).Distinct().Count());
    }

    [Fact]
    public void Is_the_one_built_into_the_product()
    {
        Assert.Equal(Glossary.Terms.Select(t => t.Id), GlossaryCatalog.Default.Terms.Select(t => t.Id));
    }
}

public class The_glossary_loader
{
    private static string Read(string file) => File.ReadAllText(RepositoryFiles.Path("catalogs", file));

    [Fact]
    public void Refuses_a_related_term_that_does_not_exist()
    {
        var broken = Read("glossary.yaml").Replace("related: [vulnerability, risk]", "related: [vulnerability, weakness]", StringComparison.Ordinal);
        Assert.NotEqual(Read("glossary.yaml"), broken);

        var error = Assert.Throws<CatalogException>(() => GlossaryCatalog.Load(_ => broken));

        Assert.Contains(error.Problems, p => p.Contains("'weakness'", StringComparison.Ordinal));
    }

    [Fact]
    public void Refuses_a_scale_without_its_three_values_in_order()
    {
        var broken = Read("glossary.yaml").Replace("- { value: 1, ja: ふだんは起きない", "- { value: 2, ja: ふだんは起きない", StringComparison.Ordinal);
        Assert.NotEqual(Read("glossary.yaml"), broken);

        var error = Assert.Throws<CatalogException>(() => GlossaryCatalog.Load(_ => broken));

        Assert.Contains(error.Problems, p => p.Contains("'threat-likelihood'", StringComparison.Ordinal));
    }
}
