using Mamori.Domain.Risk;

namespace Mamori.Domain.Tests;

public class Importance_is_the_highest_rating
{
    [Theory]
    [InlineData(1, 1, 1, 1)]
    [InlineData(1, 2, 1, 2)]
    [InlineData(3, 3, 2, 3)]
    [InlineData(1, 1, 3, 3)]
    [InlineData(2, 1, 2, 2)]
    public void Without_personal_information(int c, int i, int a, int expected) =>
        Assert.Equal(expected, Importance.Of(Rating.From(c), Rating.From(i), Rating.From(a), holdsPersonalInformation: false).Value);

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(2, 1, 1)]
    [InlineData(1, 2, 2)]
    public void Personal_information_forces_three(int c, int i, int a) =>
        Assert.Equal(3, Importance.Of(Rating.From(c), Rating.From(i), Rating.From(a), holdsPersonalInformation: true).Value);
}

public class Likelihood_follows_the_IPA_conversion_table
{
    // Rows 脅威の起こりやすさ, columns 脆弱性のつけ込みやすさ 3/2/1 — the table as IPA prints it.
    [Theory]
    [InlineData(3, 3, 3)]
    [InlineData(3, 2, 2)]
    [InlineData(3, 1, 1)]
    [InlineData(2, 3, 2)]
    [InlineData(2, 2, 1)]
    [InlineData(2, 1, 1)]
    [InlineData(1, 3, 1)]
    [InlineData(1, 2, 1)]
    [InlineData(1, 1, 1)]
    public void Every_cell(int threat, int vulnerability, int expected) =>
        Assert.Equal(expected, Likelihood.From(Rating.From(threat), Rating.From(vulnerability)).Value);
}

public class RiskValue_is_importance_times_likelihood
{
    [Theory]
    [InlineData(3, 3, 9)]
    [InlineData(3, 2, 6)]
    [InlineData(2, 2, 4)]
    [InlineData(1, 3, 3)]
    [InlineData(2, 1, 2)]
    [InlineData(1, 1, 1)]
    public void Product(int importance, int likelihood, int expected) =>
        Assert.Equal(expected, RiskValue.Of(Rating.From(importance), Rating.From(likelihood)).Value);

    [Fact]
    public void Only_the_products_of_two_ratings_can_occur()
    {
        var occurring = (from i in new[] { 1, 2, 3 } from l in new[] { 1, 2, 3 } select i * l).Distinct().Order();
        Assert.Equal([1, 2, 3, 4, 6, 9], occurring);
        Assert.All(Enumerable.Range(0, 12), v => Assert.Equal(occurring.Contains(v), RiskValue.IsPossible(v)));
    }
}

public class RiskBandScheme_presets
{
    [Theory]
    [InlineData(9, RiskBand.High, "大")]
    [InlineData(6, RiskBand.High, "大")]
    [InlineData(4, RiskBand.Medium, "中")]
    [InlineData(3, RiskBand.Low, "小")]
    [InlineData(2, RiskBand.Low, "小")]
    [InlineData(1, RiskBand.Low, "小")]
    public void IPA_bands_six_and_above_large_four_medium_three_and_below_small(int value, RiskBand band, string label)
    {
        Assert.Equal(band, RiskBandScheme.Ipa.Classify(value));
        Assert.Equal(label, RiskBandScheme.Ipa.Label(band, Language.Japanese));
    }

    [Theory]
    [InlineData(9, RiskBand.High, "高")]
    [InlineData(6, RiskBand.High, "高")]
    [InlineData(4, RiskBand.Medium, "中")]
    [InlineData(3, RiskBand.Medium, "中")]
    [InlineData(2, RiskBand.Low, "低")]
    [InlineData(1, RiskBand.Low, "低")]
    public void ISO27005_bands_nine_six_high_four_three_medium_two_one_low(int value, RiskBand band, string label)
    {
        Assert.Equal(band, RiskBandScheme.Iso27005.Classify(value));
        Assert.Equal(label, RiskBandScheme.Iso27005.Label(band, Language.Japanese));
    }

    [Fact]
    public void A_custom_scheme_uses_its_own_thresholds()
    {
        var scheme = RiskBandScheme.Custom(mediumFrom: 2, highFrom: 9);
        Assert.Equal(RiskBand.Low, scheme.Classify(1));
        Assert.Equal(RiskBand.Medium, scheme.Classify(6));
        Assert.Equal(RiskBand.High, scheme.Classify(9));
    }

    [Theory]
    [InlineData(1, 6)]
    [InlineData(6, 6)]
    [InlineData(6, 4)]
    [InlineData(4, 10)]
    public void A_custom_scheme_refuses_thresholds_out_of_order(int mediumFrom, int highFrom) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RiskBandScheme.Custom(mediumFrom, highFrom));

    [Fact]
    public void A_stored_scheme_comes_back_the_same()
    {
        Assert.Same(RiskBandScheme.Ipa, RiskBandScheme.FromStored("ipa", 0, 0));
        Assert.Equal(RiskBandScheme.Custom(3, 8), RiskBandScheme.FromStored("custom", 3, 8));
    }
}
