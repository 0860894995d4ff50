using System.Globalization;
using Mamori.Catalogs;
using Mamori.Domain;
using Mamori.Domain.Organizations;
using Mamori.Features.Baseline;
using Mamori.Features.Policies;

namespace Mamori.Tests.Baseline;

public class Tailoring_a_chapter_to_the_organization_size_and_who_runs_its_IT
{
    private static string Chapter(string id, int? employees, CultureInfo culture, string? itOperatedBy = null)
    {
        var organization = new Organization("sample", "株式会社サンプル", DateTimeOffset.UnixEpoch) { EmployeeCount = employees };
        if (itOperatedBy is not null)
        {
            organization.RuleValues[ChapterVariants.ItRuleValue] = itOperatedBy;
        }

        var chapters = TailorRules.Tailor(organization, SaveRoles.Defaults(organization.Id, culture), culture);
        return chapters.Single(c => c.Chapter.Id == id).Markdown;
    }

    [Fact]
    public void Gives_a_five_person_company_in_a_shared_office_lockable_cabinets_not_walled_secure_areas()
    {
        var physical = Chapter("physical", 5, Language.Japanese);

        Assert.DoesNotContain("壁と施錠できる扉", physical, StringComparison.Ordinal);
        Assert.DoesNotContain("入室者名簿", physical, StringComparison.Ordinal);
        Assert.DoesNotContain("防犯カメラ又は機械警備を設ける", physical, StringComparison.Ordinal);
        Assert.Contains("共用オフィス", physical, StringComparison.Ordinal);
        Assert.Contains("施錠できる書庫", physical, StringComparison.Ordinal);
    }

    [Fact]
    public void Gives_a_fifty_person_company_separated_secure_areas_with_entry_lists_and_cameras()
    {
        var physical = Chapter("physical", 50, Language.Japanese);

        Assert.Contains("壁と施錠できる扉", physical, StringComparison.Ordinal);
        Assert.Contains("入室者名簿", physical, StringComparison.Ordinal);
        Assert.Contains("防犯カメラ又は機械警備を設ける", physical, StringComparison.Ordinal);
        Assert.DoesNotContain("共用オフィスやレンタルオフィスでは", physical, StringComparison.Ordinal);
    }

    [Fact]
    public void Gives_a_company_of_up_to_twenty_a_locked_room_or_rack_as_its_secure_area()
    {
        var physical = Chapter("physical", 12, Language.English);

        Assert.Contains("a lockable room or a lockable rack or cabinet", physical, StringComparison.Ordinal);
        Assert.DoesNotContain("by walls and lockable doors", physical, StringComparison.Ordinal);
        Assert.Contains("access list", physical, StringComparison.Ordinal);
    }

    [Fact]
    public void Asks_an_outside_IT_provider_for_the_procedures_only_when_IT_is_outsourced()
    {
        var outsourced = Chapter("it-operations", 8, Language.Japanese, "outsourced");
        var inHouse = Chapter("it-operations", 8, Language.Japanese);

        Assert.Contains("運用委託先", outsourced, StringComparison.Ordinal);
        Assert.DoesNotContain("起動・停止、バックアップと復元、アカウントの登録・削除、障害時の対応の手順を文書にする", outsourced, StringComparison.Ordinal);
        Assert.DoesNotContain("運用委託先", inHouse, StringComparison.Ordinal);
        Assert.Contains("障害時の対応の手順を文書にする", inHouse, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3, "ja")]
    [InlineData(15, "ja")]
    [InlineData(null, "ja")]
    [InlineData(3, "en")]
    [InlineData(300, "en")]
    public void Leaves_no_variant_marker_in_any_chapter(int? employees, string language)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        var organization = new Organization("sample", "株式会社サンプル", DateTimeOffset.UnixEpoch) { EmployeeCount = employees, Teleworks = true, UsesCloudServices = true };

        var chapters = TailorRules.Tailor(organization, SaveRoles.Defaults(organization.Id, culture), culture);

        Assert.All(chapters, c => Assert.DoesNotContain("<!--", c.Template, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1, "small")]
    [InlineData(5, "small")]
    [InlineData(6, "medium")]
    [InlineData(20, "medium")]
    [InlineData(21, "large")]
    [InlineData(null, "large")]
    public void Reads_the_size_from_the_employee_count(int? employees, string size) =>
        Assert.Equal(size, ChapterVariants.SizeOf(employees));

    [Theory]
    [InlineData("<!-- variant size: tiny -->\ntext\n<!-- end variant -->", "'tiny' is not a size")]
    [InlineData("<!-- variant it: outsourced -->\ntext\n<!-- end variant -->", "does not vary by 'it'")]
    [InlineData("<!-- variant size: small -->\ntext", "not closed")]
    [InlineData("text\n<!-- end variant -->", "without its start")]
    [InlineData("<!-- variant size: small -->\n<!-- variant size: large -->\n<!-- end variant -->", "inside another")]
    public void Refuses_a_variant_marker_the_chapter_cannot_use(string body, string problem) =>
        Assert.Contains(ChapterVariants.Problems(body, ["size"]), p => p.Contains(problem, StringComparison.Ordinal));

    [Fact]
    public void Declares_in_the_catalog_what_each_varying_chapter_varies_by()
    {
        var chapters = BaselineCatalog.For(Language.Japanese).Chapters;

        Assert.Equal(["size"], chapters.Single(c => c.Id == "physical").VariesBy);
        Assert.Equal(["it"], chapters.Single(c => c.Id == "it-operations").VariesBy);
    }
}
