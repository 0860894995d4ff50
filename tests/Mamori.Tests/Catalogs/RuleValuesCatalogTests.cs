using System.Globalization;
using Mamori.Catalogs;
using Mamori.Domain;
using Mamori.Tests.Support;

namespace Mamori.Tests.Catalogs;

public class The_rule_values_catalog
{
    private static string Read(string file) => File.ReadAllText(RepositoryFiles.Path("catalogs", file));

    public static TheoryData<string> Languages => new() { "ja", "en" };

    [Theory]
    [MemberData(nameof(Languages))]
    public void Loads_every_value_with_a_label_a_reason_and_a_group(string language)
    {
        var catalog = RuleValuesCatalog.For(CultureInfo.GetCultureInfo(language));

        Assert.True(catalog.Values.Count >= 25, $"only {catalog.Values.Count} values");
        Assert.All(catalog.Values, v =>
        {
            Assert.NotEmpty(v.Label);
            Assert.NotEmpty(v.Reason);
            Assert.Contains(catalog.Groups, g => g.Key == v.Group);
        });
    }

    // SCS ★3: 4-4-4-2 (14 days, CVSS 7.0), 4-1-3-4 and 4-1-5-3 (8 / 10 characters), 4-1-4-1 (10 failures), 4-1-4-2 (6 characters).
    [Theory]
    [InlineData("patch_critical_days", 14, false)]
    [InlineData("patch_cvss_threshold", 7.0, false)]
    [InlineData("password_min_length_with_mfa", 8, true)]
    [InlineData("password_min_length_without_mfa", 10, true)]
    [InlineData("lockout_failures", 10, false)]
    [InlineData("device_pin_min_length", 6, true)]
    public void Has_defaults_that_meet_the_numeric_criteria_of_SCS_star_3(string key, double bound, bool atLeast)
    {
        var value = RuleValuesCatalog.For(Language.Japanese).Find(key)!;
        var number = decimal.Parse(value.Default, CultureInfo.InvariantCulture);

        Assert.True(atLeast ? number >= (decimal)bound : number <= (decimal)bound, $"{key} = {number}");
        Assert.True(atLeast ? value.Min >= (decimal)bound : value.Max <= (decimal)bound, $"{key} may be set past the criterion ({value.Min}–{value.Max})");
    }

    [Theory]
    [InlineData("ja", "文字以上")]
    [InlineData("en", "characters")]
    public void Counts_a_device_PIN_in_characters_as_SCS_star_3_does(string language, string unit) =>
        Assert.Equal(unit, RuleValuesCatalog.For(CultureInfo.GetCultureInfo(language)).Find("device_pin_min_length")!.Unit);

    [Fact]
    public void Offers_choices_that_are_not_frequencies_from_the_options_list()
    {
        var value = RuleValuesCatalog.For(Language.English).Find(ChapterVariants.ItRuleValue)!;

        Assert.Equal(["in-house", "outsourced"], value.Choices.Select(c => c.Key));
        Assert.Equal(RuleValueProblem.None, value.Parse("outsourced", out _));
        Assert.Equal(RuleValueProblem.NotAChoice, value.Parse("weekly", out _));
    }

    [Fact]
    public void Writes_numbers_choices_and_facts_as_templates_need_them()
    {
        var japanese = RuleValuesCatalog.For(Language.Japanese);
        var english = RuleValuesCatalog.For(Language.English);

        Assert.Equal("500,000", japanese.Find("payment_dual_approval_yen")!.Display(null));
        Assert.Equal("7.5", japanese.Find("patch_cvss_threshold")!.Display("7.5"));
        Assert.Equal("毎営業日", japanese.Find("backup_frequency")!.Display(null));
        Assert.Equal("every week", english.Find("backup_frequency")!.Display("weekly"));
        Assert.Equal("60", japanese.Find("ppc_final_days_malicious")!.Display("90"));
        Assert.Equal("Secret", english.Find("label_secret")!.Display(""));
        Assert.Equal("部外秘", japanese.Displays(new Dictionary<string, string> { ["label_internal"] = "部外秘" })["label_internal"]);
    }

    [Fact]
    public void Refuses_a_default_outside_its_bounds_and_a_choice_it_does_not_list()
    {
        var broken = Read("rule-values.yaml")
            .Replace("default: \"14\"", "default: \"45\"", StringComparison.Ordinal)
            .Replace("default: every-business-day\n", "default: hourly\n", StringComparison.Ordinal);

        var error = Assert.Throws<CatalogException>(() => RuleValuesCatalog.Load(Language.Japanese, _ => broken));

        Assert.Contains(error.Problems, p => p.Contains("patch_critical_days", StringComparison.Ordinal) && p.Contains("45", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("backup_frequency", StringComparison.Ordinal) && p.Contains("hourly", StringComparison.Ordinal));
    }
}
