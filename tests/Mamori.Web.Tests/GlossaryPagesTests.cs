using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using Mamori.Catalogs;
using Mamori.Domain;
using Mamori.Domain.Assets;
using Mamori.Domain.Organizations;
using Mamori.Domain.Risk;
using Mamori.Features.Organizations;

namespace Mamori.Web.Tests;

/// <summary>The pages only read what one setup made: one host for the class, a signed-in person per language.</summary>
public class The_glossary_and_its_hints(SharedWebHost shared) : IClassFixture<SharedWebHost>
{
    private static GlossaryCatalog Glossary => GlossaryCatalog.Default;

    public static TheoryData<string> Languages => new() { "ja", "en" };

    /// <summary>A client signed in to the "terms" organization, reading in <paramref name="language"/>, and the id of its asset.</summary>
    private async Task<(HttpClient Client, Guid AssetId)> StartAsync(string language)
    {
        var assetId = await shared.OnceAsync("terms", async host =>
        {
            var org = await host.OrganizationAsync("terms");
            // A person per language, so that one's language choice never reaches the other's pages.
            await host.UserAsync("officer-ja@example.jp", org, MemberRole.SecurityOfficer);
            await host.UserAsync("officer-en@example.jp", org, MemberRole.SecurityOfficer);
            await using var db = host.Database.Open(org.Id);
            var asset = new InformationAsset(org.Id, "顧客リスト", Rating.High, Rating.High, Rating.High) { Department = "営業部" };
            db.Assets.Add(asset);
            db.RiskScenarios.Add(new RiskScenario(org.Id, asset.Id, "盗難による情報漏えい") { ThreatLikelihood = Rating.High, VulnerabilityExposure = Rating.High });
            await db.SaveChangesAsync();
            return (object)asset.Id;
        });

        var client = await shared.Host.SignedInAsync($"officer-{language}@example.jp");
        if (language == "en")
        {
            await client.PostFormAsync("/culture", new() { ["lang"] = "en", ["returnUrl"] = "/o/terms/assets" }, formPage: "/o/terms/assets");
        }

        return (client, (Guid)assetId);
    }

    private static CultureInfo Culture(string language) => language == "en" ? Language.English : Language.Japanese;

    /// <summary>The hint of <paramref name="term"/> on the page, checked to carry the term's summary in the page's language.</summary>
    private static void HasHint(IDocument page, string term, CultureInfo culture)
    {
        var hint = page.QuerySelector($"details.term-hint[data-term='{term}']");
        Assert.True(hint is not null, $"no hint for '{term}'");
        Assert.Contains(Glossary.Term(term).Summary(culture), hint.TextContent, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(hint.QuerySelector("summary .visually-hidden")!.TextContent));
        Assert.Equal($"/catalog/glossary#term-{term}", hint.QuerySelector("a")!.GetAttribute("href"));
    }

    /// <summary>Each option of the select but the empty one says what its number means, from the scale.</summary>
    private static void SaysWhatEachNumberMeans(IDocument page, string select, string scale, CultureInfo culture)
    {
        var options = page.QuerySelectorAll($"select[name='{select}'] option").Where(o => o.GetAttribute("value") != "").ToList();
        Assert.Equal(["3", "2", "1"], options.Select(o => o.GetAttribute("value")));
        foreach (var (option, level) in options.Zip(Glossary.Scale(scale).Levels))
        {
            Assert.StartsWith(level.Value.ToString(CultureInfo.InvariantCulture), option.TextContent.Trim(), StringComparison.Ordinal);
            Assert.Contains(level.Meaning(culture), option.TextContent, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task The_glossary_page_explains_every_term_and_scale(string language)
    {
        var (client, _) = await StartAsync(language);
        var culture = Culture(language);

        var page = await client.GetHtmlAsync("/catalog/glossary");

        var terms = page.QuerySelectorAll("[data-testid='glossary'] dt");
        Assert.Equal(Glossary.Terms.Select(t => "term-" + t.Id), terms.Select(t => t.Id));
        Assert.Equal(9, terms.Count(t => t.QuerySelector(".badge") is not null));
        var text = page.QuerySelector("main")!.TextContent;
        Assert.All(Glossary.Terms, t => Assert.Contains(t.Definition(culture), text, StringComparison.Ordinal));
        Assert.All(Glossary.Scales, s => Assert.NotNull(page.QuerySelector($"[data-testid='scale-{s.Id}']")));
        Assert.NotNull(page.QuerySelector("header a[href='/catalog/glossary']"));
        if (language == "en")
        {
            Assert.DoesNotMatch(@"[\p{IsHiragana}\p{IsKatakana}\p{IsCJKUnifiedIdeographs}]", text);
        }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task The_risk_form_explains_its_terms_and_what_each_rating_means(string language)
    {
        var (client, assetId) = await StartAsync(language);
        var culture = Culture(language);

        var page = await client.GetHtmlAsync($"/o/terms/risks/new?asset={assetId}");

        foreach (var term in new[] { "asset", "importance", "threat", "risk", "vulnerability", "safeguard", "risk-value", "risk-treatment", "residual-risk" })
        {
            HasHint(page, term, culture);
        }

        SaysWhatEachNumberMeans(page, "Form.ThreatLikelihood", "threat-likelihood", culture);
        SaysWhatEachNumberMeans(page, "Form.VulnerabilityExposure", "vulnerability-exposure", culture);
        SaysWhatEachNumberMeans(page, "Form.ResidualLikelihood", "likelihood", culture);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task The_asset_form_says_what_each_rating_means(string language)
    {
        var (client, _) = await StartAsync(language);
        var culture = Culture(language);

        var page = await client.GetHtmlAsync("/o/terms/assets/new");

        foreach (var scale in new[] { "confidentiality", "integrity", "availability" })
        {
            var items = page.QuerySelectorAll($"[data-testid='scale-{scale}'] li").Select(li => li.TextContent.Trim()).ToList();
            Assert.Equal(3, items.Count);
            foreach (var (item, level) in items.Zip(Glossary.Scale(scale).Levels))
            {
                Assert.StartsWith(level.Value.ToString(CultureInfo.InvariantCulture), item, StringComparison.Ordinal);
                Assert.EndsWith(level.Meaning(culture), item, StringComparison.Ordinal);
            }

            HasHint(page, scale, culture);
        }

        HasHint(page, "importance", culture);
        HasHint(page, "likelihood", culture);
        SaysWhatEachNumberMeans(page, "Input.ThreatLikelihood", "threat-likelihood", culture);
        SaysWhatEachNumberMeans(page, "Input.VulnerabilityExposure", "vulnerability-exposure", culture);
        SaysWhatEachNumberMeans(page, "Input.Likelihood", "likelihood", culture);
    }

    [Theory]
    [InlineData("/o/terms/assets", "risk-value")]
    [InlineData("/o/terms/risks", "residual-risk")]
    [InlineData("/o/terms/treatments", "risk-treatment")]
    [InlineData("/o/terms/soa", "soa")]
    [InlineData("/o/terms/quick", "incident")]
    [InlineData("/o/terms/baseline/diagnosis", "vulnerability")]
    public async Task Every_page_where_the_terms_appear_explains_them_in_both_languages(string url, string term)
    {
        foreach (var language in new[] { "ja", "en" })
        {
            var (client, _) = await StartAsync(language);

            var page = await client.GetHtmlAsync(url);

            HasHint(page, term, Culture(language));
        }
    }

    [Fact]
    public async Task The_quick_assessment_says_what_each_rating_means()
    {
        var (client, _) = await StartAsync("ja");

        var page = await client.GetHtmlAsync("/o/terms/quick/assess?topics=ransomware");

        SaysWhatEachNumberMeans(page, "Rows[0].ThreatLikelihood", "threat-likelihood", Language.Japanese);
        Assert.Equal("2", page.QuerySelector("select[name='Rows[0].ThreatLikelihood'] option[selected]")!.GetAttribute("value"));
        HasHint(page, "vulnerability", Language.Japanese);
    }
}

public class The_demo_organizations_members
{
    [Fact]
    public async Task Cannot_sign_in_and_leave_the_setup_to_the_first_administrator()
    {
        using var host = new WebHost();
        await DemoOrganization.EnsureAsync(host.Database, TimeProvider.System, CancellationToken.None);
        var client = host.Browser();

        var home = await client.GetAsync("/");
        Assert.Equal("/setup", home.Headers.Location?.OriginalString);
        var setup = await client.PostFormAsync("/setup", new()
        {
            ["Input.DisplayName"] = "山田 太郎",
            ["Input.Email"] = "owner@example.jp",
            ["Input.Password"] = WebHost.Password,
            ["Input.OrganizationName"] = "株式会社山田商事",
            ["Input.Slug"] = "yamada",
        });
        Assert.Equal("/o/yamada", setup.Headers.Location?.OriginalString);
        var members = await client.GetHtmlAsync("/o/demo/members");
        Assert.Contains("営業部長 田中", members.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        var signIn = await host.Browser().PostFormAsync("/account/signin", new() { ["Email"] = "tanaka@demo.invalid", ["Password"] = WebHost.Password }, formPage: "/account/signin");
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }
}
