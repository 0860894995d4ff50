using DocumentFormat.OpenXml.Packaging;
using Mamori.Accounts;
using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Mamori.EndToEnd.Tests;

/// <summary>The demo organization on a real port, its administrator, and Debian's Chromium.</summary>
public sealed class DemoBrowserHost : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Email = "owner@example.jp";
    public const string Password = "correct-horse-7-battery";

    private readonly TempFiles _files = new();
    private readonly TestDatabase _database = TestDatabase.Create(DatabaseProvider.Sqlite);
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl => ClientOptions.BaseAddress.ToString().TrimEnd('/');

    public string PathOf(string name) => _files.PathOf(name);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("db", _database.Options.SqliteFile);
        builder.UseSetting("demo", "true");
        builder.UseSetting("MAMORI_ADMIN_EMAIL", Email);
        builder.UseSetting("MAMORI_ADMIN_PASSWORD", Password);
        builder.UseEnvironment("Production");
    }

    public async Task InitializeAsync()
    {
        UseKestrel(0);
        StartServer();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = BrowserHost.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A signed-in page of its own (cookies apart from every other page's).</summary>
    public async Task<IPage> SignedInAsync(string email, string password)
    {
        var context = await Browser.NewContextAsync(new() { Locale = "ja-JP", ViewportSize = new() { Width = 1366, Height = 900 } });
        var page = await context.NewPageAsync();
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GotoAsync(BaseUrl + "/account/signin");
        await page.GetByLabel("メールアドレス").FillAsync(email);
        await page.GetByLabel("パスワード").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/signin", StringComparison.Ordinal));
        return page;
    }

    /// <summary>Adds an outside expert to the demo organization as 支援専門家 (the members page is tested on its own).</summary>
    public async Task AddExpertAsync(string email, string password)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<MamoriUser>>();
        var user = new MamoriUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "鈴木 支援士" };
        var created = await users.CreateAsync(user, password);
        Assert.True(created.Succeeded, string.Join(", ", created.Errors.Select(e => e.Description)));
        var database = scope.ServiceProvider.GetRequiredService<MamoriDatabase>();
        Guid demo;
        await using (var listing = database.Open())
        {
            demo = (await listing.Organizations.SingleAsync(o => o.Slug == "demo")).Id;
        }

        await using var db = database.Open(demo);
        db.Memberships.Add(new Membership(demo, user.Id, MemberRole.Expert));
        await db.SaveChangesAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        await DisposeAsync();
        _database.Dispose();
        _files.Dispose();
    }
}

/// <summary>★3 in the browser: from the demo's Lv.1/Lv.2 work to a reviewed assessment and a signed-ready pledge.</summary>
public sealed class The_star3_assessment_in_the_browser(DemoBrowserHost host) : IClassFixture<DemoBrowserHost>
{
    [Fact]
    public async Task Confirms_proposals_turns_a_gap_into_a_task_completes_a_yearly_check_goes_through_the_review_and_exports_the_pledge()
    {
        var owner = await host.SignedInAsync(DemoBrowserHost.Email, DemoBrowserHost.Password);
        await owner.Locator("#org-menu").GetByRole(AriaRole.Button, new() { Name = "取り組み", Exact = true }).ClickAsync();
        await owner.GetByRole(AriaRole.Link, new() { Name = "★3 自己評価（SCS）" }).ClickAsync();
        await Assertions.Expect(owner.GetByTestId("not-started")).ToBeVisibleAsync();
        await owner.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("の自己評価を始める$") }).ClickAsync();
        await Assertions.Expect(owner.Locator("[data-testid='criteria'] tr[data-criterion]")).ToHaveCountAsync(81);

        // The demo's chapters and diagnosis propose answers; confirming them all answers as many criteria.
        var proposals = await owner.Locator("[data-testid='criteria'] [data-status='proposal']").CountAsync();
        Assert.True(proposals > 10, $"{proposals} proposals");
        await owner.GetByTestId("confirm-all").ClickAsync();
        await Assertions.Expect(owner.GetByTestId("answered")).ToContainTextAsync($"回答 {proposals} / 81");
        await BrowserHost.ScreenshotAsync(owner, "50-scs");

        // A gap becomes a task of the treatment plan.
        await owner.GotoAsync(host.BaseUrl + "/o/demo/scs/gaps");
        var gap = owner.Locator("li[data-criterion]").Filter(new() { Has = owner.GetByRole(AriaRole.Button, new() { Name = "対策タスクを作る" }) }).First;
        var criterion = await gap.GetAttributeAsync("data-criterion");
        await gap.GetByRole(AriaRole.Button, new() { Name = "対策タスクを作る" }).ClickAsync();
        await Assertions.Expect(owner.Locator($"li[data-criterion='{criterion}'] [data-testid='task']")).ToBeVisibleAsync();

        // A yearly check is recorded, and the next one is scheduled.
        await owner.GotoAsync(host.BaseUrl + "/o/demo/scs/checks");
        var check = owner.Locator("li[data-criterion='1-2-1-3'][data-done='false']");
        await check.GetByLabel("確認した結果").FillAsync("担当役員と担当者の連絡先を確認し、異動した1名を更新した");
        await check.GetByRole(AriaRole.Button, new() { Name = "確認を記録" }).ClickAsync();
        await Assertions.Expect(owner.Locator("li[data-criterion='1-2-1-3'][data-done='true']")).ToContainTextAsync("異動した1名を更新した");
        await Assertions.Expect(owner.Locator("li[data-criterion='1-2-1-3'][data-done='false']")).ToContainTextAsync("2028-03-31");

        // Review: asked, a finding, an answer, confirmed; then the overall opinion.
        await host.AddExpertAsync("expert@example.jp", DemoBrowserHost.Password);
        var expert = await host.SignedInAsync("expert@example.jp", DemoBrowserHost.Password);
        await owner.GotoAsync(host.BaseUrl + "/o/demo/scs/7-1-1-1");
        await owner.Locator("#status-NotMet").CheckAsync();
        await owner.GetByLabel("メモ").FillAsync("手作業での代替手順を検討中");
        await owner.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        await owner.Locator("#step-Requested").CheckAsync();
        await owner.GetByRole(AriaRole.Button, new() { Name = "記録", Exact = true }).ClickAsync();
        await Assertions.Expect(owner.GetByTestId("review-state")).ToHaveTextAsync("依頼");

        await expert.GotoAsync(host.BaseUrl + "/o/demo/scs/7-1-1-1");
        await Assertions.Expect(expert.Locator("textarea[name='Input.Note']")).ToBeDisabledAsync();
        await expert.Locator("#step-Raised").CheckAsync();
        await expert.GetByLabel("コメント").FillAsync("電話とFAXでの受注手順と取引先の連絡先一覧を用意してください");
        await expert.GetByRole(AriaRole.Button, new() { Name = "記録", Exact = true }).ClickAsync();
        await Assertions.Expect(expert.GetByTestId("review-state")).ToHaveTextAsync("指摘");

        await owner.ReloadAsync();
        await owner.Locator("#step-Addressed").CheckAsync();
        await owner.GetByLabel("コメント").FillAsync("受注の代替手順と連絡先一覧を作り、証跡に添付しました");
        await owner.GetByRole(AriaRole.Button, new() { Name = "記録", Exact = true }).ClickAsync();
        await Assertions.Expect(owner.GetByTestId("review-state")).ToHaveTextAsync("対応");

        await expert.ReloadAsync();
        await expert.Locator("#step-Confirmed").CheckAsync();
        await expert.GetByRole(AriaRole.Button, new() { Name = "記録", Exact = true }).ClickAsync();
        await Assertions.Expect(expert.GetByTestId("review-state")).ToHaveTextAsync("確認済");
        await Assertions.Expect(expert.GetByTestId("review").Locator("li")).ToHaveCountAsync(4);
        await BrowserHost.ScreenshotAsync(expert, "51-scs-review");

        await expert.GotoAsync(host.BaseUrl + "/o/demo/scs");
        await expert.Locator("#opinion-Confirmed").CheckAsync();
        await expert.GetByLabel("所見", new() { Exact = true }).FillAsync("★3 の評価基準に照らした自己評価は事実に基づいていると確認しました");
        await expert.GetByRole(AriaRole.Button, new() { Name = "所見を記録" }).ClickAsync();
        await Assertions.Expect(expert.GetByTestId("opinion")).ToContainTextAsync("事実に基づいている");

        // The representative, then the pledge: downloaded and reopened.
        await owner.GotoAsync(host.BaseUrl + "/o/demo/scs");
        await owner.GetByLabel("役職").FillAsync("代表取締役");
        await owner.GetByLabel("氏名").FillAsync("デモ 太郎");
        await owner.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }).ClickAsync();
        var download = await owner.RunAndWaitForDownloadAsync(() => owner.GetByTestId("pledge").ClickAsync());
        var path = host.PathOf("pledge.docx");
        await download.SaveAsAsync(path);
        using var pledge = WordprocessingDocument.Open(path, false);
        var text = pledge.MainDocumentPart!.Document.Body!.InnerText;
        Assert.Contains("自己適合宣言書", text, StringComparison.Ordinal);
        Assert.Contains("代表取締役 デモ 太郎", text, StringComparison.Ordinal);
        Assert.Contains("expert@example.jp", text, StringComparison.Ordinal);
        Assert.Contains("事実に基づいていると確認しました", text, StringComparison.Ordinal);
    }
}
