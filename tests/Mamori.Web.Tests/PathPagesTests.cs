using System.Net;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Tests;

public class The_getting_started_pages
{
    private const string Path = "/o/path/path";

    [Fact]
    public async Task Show_a_new_company_six_steps_not_started_and_the_profile_as_the_next_action_on_the_path_and_the_dashboard()
    {
        using var host = new WebHost();
        var org = await host.OrganizationAsync("path", "株式会社パス");
        await host.UserAsync("admin@example.jp", org, MemberRole.Administrator);
        var admin = await host.SignedInAsync("admin@example.jp");

        var page = await admin.GetHtmlAsync(Path);

        Assert.Equal("はじめての情報セキュリティ", page.QuerySelector("h1")!.TextContent);
        var steps = page.QuerySelectorAll("[data-step]");
        Assert.Equal(["Profile", "SecurityActionOneStar", "SecurityActionTwoStars", "Level1", "Level2", "Advanced"], steps.Select(s => s.GetAttribute("data-step")));
        Assert.All(steps, s => Assert.Equal("NotStarted", s.GetAttribute("data-state")));
        Assert.Equal("/o/path/path/company", page.QuerySelector("[data-testid='path-next-action']")!.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector("form[action*='handler=AddFiveRules']"));
        Assert.NotNull(page.QuerySelector("form[action*='handler=StartBasicPolicy']"));
        Assert.Contains("Lv.1", page.QuerySelector("[data-testid='recommended-level']")!.TextContent, StringComparison.Ordinal);
        // Every link a step offers before anything is done answers (none points at a document that does not exist yet).
        foreach (var href in page.QuerySelectorAll("[data-step] a[href]").Select(a => a.GetAttribute("href")!.Split('#')[0]).Distinct())
        {
            Assert.True((await admin.GetAsync(href)).StatusCode == HttpStatusCode.OK, href);
        }

        var dashboard = await admin.GetHtmlAsync("/o/path");
        var actions = dashboard.QuerySelectorAll("[data-testid='next-actions'] li");
        Assert.Equal(["AnswerProfile", "AdoptFiveRules", "AnswerDiagnosis"], actions.Select(a => a.GetAttribute("data-item")));
        Assert.All(actions, a => Assert.False(string.IsNullOrWhiteSpace(a.QuerySelector("span")!.TextContent)));
        Assert.NotNull(dashboard.QuerySelector("[data-testid='next-actions'] a[href='/o/path/path']"));

        // Having come from the path, the pages it leads to offer the way back.
        var profile = await admin.GetHtmlAsync("/o/path/profile");
        Assert.Equal("/o/path/path", profile.QuerySelector("[data-testid='back-to-path'] a")!.GetAttribute("href"));
        Assert.Null(page.QuerySelector("[data-testid='back-to-path']"));
    }

    [Fact]
    public async Task Add_the_five_rules_and_draft_the_basic_policy_in_one_click_each_and_open_them()
    {
        using var host = new WebHost();
        var org = await host.OrganizationAsync("path", "株式会社パス");
        await host.UserAsync("officer@example.jp", org, MemberRole.SecurityOfficer);
        var officer = await host.SignedInAsync("officer@example.jp");

        var added = await officer.PostFormAsync(Path + "?handler=AddFiveRules", new(), formPage: Path);
        var started = await officer.PostFormAsync(Path + "?handler=StartBasicPolicy", new(), formPage: Path);

        await using var db = host.Database.Open(org.Id, new Data.Actor("tester", TimeProvider.System));
        var rules = await db.PolicyDocuments.SingleAsync(d => d.SourceKey == "form:five-rules");
        var policy = await db.PolicyDocuments.SingleAsync(d => d.Kind == DocumentKind.BasicPolicy);
        Assert.Equal((HttpStatusCode.Redirect, $"/o/path/policy/{rules.Id}"), (added.StatusCode, added.Headers.Location?.OriginalString));
        Assert.Equal((HttpStatusCode.Redirect, $"/o/path/policy/{policy.Id}"), (started.StatusCode, started.Headers.Location?.OriginalString));
        var page = await officer.GetHtmlAsync(Path);
        Assert.Equal("InProgress", page.QuerySelector("[data-step='SecurityActionOneStar']")!.GetAttribute("data-state"));
        Assert.Null(page.QuerySelector("form[action*='handler=AddFiveRules']"));
        Assert.Null(page.QuerySelector("#declaration form"));
        var dashboard = await officer.GetHtmlAsync("/o/path");
        Assert.Contains(dashboard.QuerySelectorAll("[data-testid='next-actions'] li a"), a => a.GetAttribute("href") == $"/o/path/policy/{rules.Id}");
    }

    [Fact]
    public async Task Record_the_declaration_or_say_what_is_wrong_in_Japanese_and_in_English()
    {
        using var host = new WebHost();
        var org = await host.OrganizationAsync("path", "株式会社パス");
        await host.UserAsync("admin@example.jp", org, MemberRole.Administrator);
        var admin = await host.SignedInAsync("admin@example.jp");

        var wrong = await admin.PostFormAsync(Path + "?handler=Declaration", new() { ["Input.DeclaredOn"] = "2999-01-01", ["Input.DeclarationId"] = "abc def", ["Input.Version"] = "0" }, formPage: Path);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        var errors = (await wrong.HtmlAsync()).QuerySelector("#declaration .alert-danger")!.TextContent;
        Assert.Contains("今日以前", errors, StringComparison.Ordinal);
        Assert.Contains("半角の英数字", errors, StringComparison.Ordinal);

        var version = (await OrgAsync(host)).Version;
        var saved = await admin.PostFormAsync(Path + "?handler=Declaration", new() { ["Input.DeclaredOn"] = "2026-01-15", ["Input.DeclarationId"] = "1234567890", ["Input.Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture) }, formPage: Path);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await admin.GetHtmlAsync(Path);
        Assert.Equal("2026-01-15 に宣言（自己宣言 ID: 1234567890）", page.QuerySelector("[data-testid='declaration']")!.TextContent);
        Assert.Equal("true", page.QuerySelector("[data-item='RecordDeclaration']")!.GetAttribute("data-done"));

        await admin.PostFormAsync("/culture", new() { ["lang"] = "en", ["returnUrl"] = Path }, formPage: Path);
        var english = await admin.GetHtmlAsync(Path);
        Assert.Equal("Getting started with information security", english.QuerySelector("h1")!.TextContent);
        Assert.Equal("Declared on 2026-01-15 (self-declaration id: 1234567890)", english.QuerySelector("[data-testid='declaration']")!.TextContent);
        Assert.Contains("Answer the questions about your company", english.QuerySelector("[data-testid='path-next']")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(english.QuerySelectorAll("[data-step] h2, [data-item] span"), e => e.TextContent.Contains("Step_", StringComparison.Ordinal) || e.TextContent.Contains("Item_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ask_about_the_company_in_eight_questions_show_the_recommended_level_and_return_to_the_path()
    {
        using var host = new WebHost();
        var org = await host.OrganizationAsync("path", "株式会社パス");
        await host.UserAsync("admin@example.jp", org, MemberRole.Administrator);
        var admin = await host.SignedInAsync("admin@example.jp");

        var page = await admin.GetHtmlAsync(Path + "/company");
        Assert.Equal("会社のこと", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(8, page.QuerySelectorAll("[data-testid='company-form'] ol > li").Length);
        Assert.Contains("Lv.1", page.QuerySelector("[data-testid='company-recommendation'] [data-testid='recommended-level']")!.TextContent, StringComparison.Ordinal);

        var version = (await OrgAsync(host)).Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var saved = await admin.PostFormAsync(Path + "/company", new()
        {
            ["Input.Industry"] = "製造業",
            ["Input.EmployeeCount"] = "12",
            ["Input.Representative"] = "代表取締役 鈴木 一郎",
            ["Input.Teleworks"] = "true",
            ["Input.PersonalData"] = "MyNumber",
            ["Input.Version"] = version,
        }, formPage: Path + "/company");

        Assert.Equal((HttpStatusCode.Redirect, Path + "#step-Profile"), (saved.StatusCode, saved.Headers.Location?.OriginalString));
        var stored = await OrgAsync(host);
        Assert.Equal(("製造業", 12, "代表取締役 鈴木 一郎"), (stored.Industry, stored.EmployeeCount, stored.Representative));
        Assert.Equal((true, true, true, false, false), (stored.Teleworks, stored.HandlesPersonalInformation, stored.HandlesMyNumber, stored.UsesCloudServices, stored.CustomersRequireScsLevel3));
        Assert.Equal("株式会社パス", stored.Name);
        var path = await admin.GetHtmlAsync(Path);
        Assert.Equal("Done", path.QuerySelector("[data-step='Profile']")!.GetAttribute("data-state"));
        // マイナンバー calls for Lv.2, and the path says why.
        Assert.Contains("Lv.2", path.QuerySelector("[data-testid='recommended-level']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(path.QuerySelectorAll("[data-testid='reasons'] li"), li => li.TextContent.Contains("マイナンバー", StringComparison.Ordinal));

        // A number that cannot be read is named and nothing is saved.
        var wrong = await admin.PostFormAsync(Path + "/company", new() { ["Input.EmployeeCount"] = "-3", ["Input.Version"] = stored.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) }, formPage: Path + "/company");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.NotNull((await wrong.HtmlAsync()).QuerySelector(".alert-danger li"));
        Assert.Equal(12, (await OrgAsync(host)).EmployeeCount);

        await admin.PostFormAsync("/culture", new() { ["lang"] = "en", ["returnUrl"] = Path }, formPage: Path);
        var english = await admin.GetHtmlAsync(Path + "/company");
        Assert.Equal("About your company", english.QuerySelector("h1")!.TextContent);
        Assert.Contains("How many people work for the company?", english.QuerySelector("[data-testid='company-form']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tell_someone_whose_role_cannot_do_an_action_to_ask_an_administrator_instead_of_linking_to_a_refused_page()
    {
        using var host = new WebHost();
        var org = await host.OrganizationAsync("path", "株式会社パス");
        await host.UserAsync("officer@example.jp", org, MemberRole.SecurityOfficer);
        var officer = await host.SignedInAsync("officer@example.jp");

        var page = await officer.GetHtmlAsync(Path);
        Assert.Null(page.QuerySelector("[data-testid='path-next-action']"));
        Assert.NotNull(page.QuerySelector("[data-testid='path-next'] [data-testid='ask-administrator']"));
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync(Path + "/company")).StatusCode);
        // Every link the path offers this role answers.
        foreach (var href in page.QuerySelectorAll("[data-step] a[href], [data-testid='path-next'] a[href]").Select(a => a.GetAttribute("href")!.Split('#')[0]).Distinct())
        {
            Assert.True((await officer.GetAsync(href)).StatusCode == HttpStatusCode.OK, href);
        }

        var dashboard = await officer.GetHtmlAsync("/o/path");
        Assert.NotNull(dashboard.QuerySelector("[data-testid='next-actions'] li[data-item='AnswerProfile'] [data-testid='ask-administrator']"));
        // The 5か条 are adopted from the dashboard in one click.
        Assert.NotNull(dashboard.QuerySelector("[data-testid='next-actions'] li[data-item='AdoptFiveRules'] form[action='/o/path/path?handler=AddFiveRules'] button"));
    }

    private static async Task<Organization> OrgAsync(WebHost host)
    {
        await using var db = host.Database.Open();
        return await db.Organizations.AsNoTracking().SingleAsync(o => o.Slug == "path");
    }
}
