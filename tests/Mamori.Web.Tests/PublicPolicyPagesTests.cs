using System.Net;
using Mamori.Data;
using Mamori.Domain;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Features.Policies;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Tests;

public class The_public_basic_policy_page
{
    private const string DraftOnly = "この段落は下書きにしかない";

    private static Membership Administrator(Organization org) => new(org.Id, Guid.NewGuid().ToString(), MemberRole.Administrator);

    /// <summary>An organization whose basic policy is published as version 1, with an unpublished version 2 in draft when asked.</summary>
    private static async Task PublishBasicPolicyAsync(WebHost host, Organization org, bool draftAfter = false, bool publish = true)
    {
        await using var db = host.Database.Open(org.Id, new Actor("tester", TimeProvider.System));
        await StartPolicySet.HandleAsync(db, org, "佐藤", Language.Japanese, DateTimeOffset.UtcNow);
        var document = await db.PolicyDocuments.AsNoTracking().SingleAsync(d => d.Kind == DocumentKind.BasicPolicy);
        var version = await db.DocumentVersions.AsNoTracking().SingleAsync(v => v.DocumentId == document.Id);
        var steps = publish ? new[] { DocumentLifecycle.Step.Submit, DocumentLifecycle.Step.Approve, DocumentLifecycle.Step.Publish } : [];
        foreach (var step in steps)
        {
            Assert.Equal(DocumentLifecycle.Outcome.Done, await DocumentLifecycle.HandleAsync(db, Administrator(org), org, version.Id, step, "社長", DateTimeOffset.UtcNow));
        }

        if (draftAfter)
        {
            var saved = await SaveDocument.HandleAsync(db, Administrator(org), document.Id, new SaveDocument.Request
            {
                Kind = DocumentKind.BasicPolicy,
                Number = document.Number,
                Title = document.Title,
                Body = version.Body + "\n\n" + DraftOnly + "\n",
                Summary = "見直し中",
                ReviewIntervalMonths = document.ReviewIntervalMonths,
                Version = (await db.PolicyDocuments.AsNoTracking().SingleAsync(d => d.Id == document.Id)).Version,
            }, "佐藤", DateTimeOffset.UtcNow);
            Assert.Equal(VersionStatus.Draft, saved.Draft?.Status);
        }
    }

    private static async Task<string?> TokenAsync(WebHost host, Organization org)
    {
        await using var db = host.Database.Open();
        return (await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == org.Id)).PublicPolicyToken;
    }

    [Fact]
    public async Task Is_404_before_opt_in_reachable_after_it_and_404_again_once_revoked_each_change_audited()
    {
        using var host = new WebHost();
        var org = await host.OrganizationAsync("pub", "株式会社パブリック");
        await host.UserAsync("admin@example.jp", org, MemberRole.Administrator);
        var admin = await host.SignedInAsync("admin@example.jp");
        await PublishBasicPolicyAsync(host, org);
        var anonymous = host.Browser();

        Assert.Null(await TokenAsync(host, org));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/p/" + new string('a', 43))).StatusCode);
        Assert.Contains("公開していません", (await admin.GetHtmlAsync("/o/pub/policy/public")).QuerySelector("[data-testid='public-state']")!.TextContent, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/o/pub/policy/public?handler=Publish", new(), formPage: "/o/pub/policy/public")).StatusCode);
        var token = await TokenAsync(host, org);
        Assert.Equal(43, token?.Length);
        var page = await anonymous.GetHtmlAsync($"/p/{token}");
        Assert.Equal("株式会社パブリック", page.QuerySelector("[data-testid='organization']")!.TextContent);
        Assert.Equal("情報セキュリティ基本方針", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("第1版", page.QuerySelector("[data-testid='version']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(DateTime.UtcNow.Year + "年", page.QuerySelector("[data-testid='version']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("株式会社パブリック", page.QuerySelector("[data-testid='document-text']")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll("form"));
        Assert.All(page.QuerySelectorAll("[href], [src], [action]"), e =>
        {
            var target = e.GetAttribute("href") ?? e.GetAttribute("src") ?? e.GetAttribute("action") ?? "";
            Assert.True(target == "?handler=Pdf" || target.StartsWith("/lib/", StringComparison.Ordinal) || target.StartsWith("/css/", StringComparison.Ordinal), $"The public page links to {target}");
        });

        var settings = await admin.GetHtmlAsync("/o/pub/policy/public");
        Assert.EndsWith($"/p/{token}", settings.QuerySelector("[data-testid='public-url']")!.GetAttribute("value"), StringComparison.Ordinal);
        var snippet = settings.QuerySelector("[data-testid='public-snippet']")!.TextContent;
        Assert.Contains("<strong>株式会社パブリック</strong>", snippet, StringComparison.Ordinal);
        Assert.Contains("情報セキュリティ基本方針（第1版、", snippet, StringComparison.Ordinal);
        Assert.Contains($"/p/{token}\"", snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", snippet, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", snippet, StringComparison.OrdinalIgnoreCase);

        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/o/pub/policy/public?handler=Revoke", new(), formPage: "/o/pub/policy/public")).StatusCode);
        Assert.Null(await TokenAsync(host, org));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/p/{token}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/p/{token}?handler=Pdf")).StatusCode);

        await using var db = host.Database.Open(org.Id);
        var audited = await db.AuditEntries.AsNoTracking().Where(e => e.EntityType == nameof(Organization) && e.Actor == "admin@example.jp").ToListAsync();
        Assert.Contains(audited, e => (e.After ?? "").Contains(token!, StringComparison.Ordinal));
        Assert.Contains(audited, e => (e.Before ?? "").Contains(token!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Shows_the_published_version_only_never_a_draft_and_nothing_of_another_organization()
    {
        using var host = new WebHost();
        var alpha = await host.OrganizationAsync("alpha", "株式会社アルファ");
        var beta = await host.OrganizationAsync("beta", "株式会社ベータ");
        var draft = await host.OrganizationAsync("draft", "株式会社ドラフト");
        await host.UserAsync("admin@example.jp", alpha); // a set-up site: before that, every page leads to /setup
        await PublishBasicPolicyAsync(host, alpha, draftAfter: true);
        await PublishBasicPolicyAsync(host, beta);
        await PublishBasicPolicyAsync(host, draft, publish: false);
        var tokens = new Dictionary<string, string>();
        foreach (var org in new[] { alpha, beta, draft })
        {
            await using var db = host.Database.Open(org.Id);
            var (outcome, token) = await PublicBasicPolicy.PublishAsync(db, Administrator(org));
            Assert.Equal(PublicBasicPolicy.Outcome.Done, outcome);
            tokens[org.Slug] = token!;
        }

        var anonymous = host.Browser();
        var page = await anonymous.GetHtmlAsync($"/p/{tokens["alpha"]}");
        var text = page.DocumentElement.TextContent;
        Assert.Contains("株式会社アルファ", text, StringComparison.Ordinal);
        Assert.Contains("第1版", page.QuerySelector("[data-testid='version']")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(DraftOnly, text, StringComparison.Ordinal);
        Assert.DoesNotContain("株式会社ベータ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("株式会社ドラフト", text, StringComparison.Ordinal);
        Assert.Contains("株式会社ベータ", (await anonymous.GetHtmlAsync($"/p/{tokens["beta"]}")).DocumentElement.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/p/{tokens["draft"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/p/{tokens["draft"]}?handler=Pdf")).StatusCode);
    }

    [Fact]
    public async Task Downloads_the_basic_policy_alone_as_a_PDF()
    {
        using var host = new WebHost();
        var org = await host.OrganizationAsync("pdf", "株式会社ピーディーエフ");
        await host.UserAsync("admin@example.jp", org);
        await PublishBasicPolicyAsync(host, org);
        await using (var db = host.Database.Open(org.Id))
        {
            await PublicBasicPolicy.PublishAsync(db, Administrator(org));
        }

        var pdf = await host.Browser().GetAsync($"/p/{await TokenAsync(host, org)}?handler=Pdf");

        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(await pdf.Content.ReadAsByteArrayAsync(), 0, 5), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Can_be_switched_on_only_by_an_organization_administrator()
    {
        using var host = new WebHost();
        var org = await host.OrganizationAsync("officer", "株式会社オフィサー");
        await using var db = host.Database.Open(org.Id);

        var (outcome, token) = await PublicBasicPolicy.PublishAsync(db, new Membership(org.Id, Guid.NewGuid().ToString(), MemberRole.SecurityOfficer));

        Assert.Equal((PublicBasicPolicy.Outcome.Forbidden, null), (outcome, token));
        Assert.Null(await TokenAsync(host, org));
    }
}
