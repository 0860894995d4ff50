using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mamori.Web.Tests;

public sealed class Security_headers(SharedWebHost shared) : IClassFixture<SharedWebHost>
{
    [Theory]
    [InlineData("/account/signin")]
    [InlineData("/health")]
    [InlineData("/js/site.js")]
    [InlineData("/api/v1/organizations")]
    [InlineData("/no-such-page")]
    public async Task Every_answer_forbids_inline_script_framing_and_sniffing(string url)
    {
        var host = shared.Host;
        await host.UserAsync("someone@example.jp");

        var response = await host.Browser().GetAsync(url);

        var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        var scriptSrc = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
        Assert.Equal("script-src 'self'", scriptSrc);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS over plain HTTP");
    }

    [Fact]
    public async Task Hsts_is_sent_when_the_request_came_over_tls()
    {
        using var host = new WebHost();
        await host.UserAsync("someone@example.jp");
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

        var response = await client.GetAsync("/account/signin");

        Assert.Equal(SecurityHeaders.StrictTransportSecurity, response.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task No_page_of_the_demo_has_inline_script_or_event_handlers_that_the_policy_would_block()
    {
        using var host = new WebHost(settings: new() { ["demo"] = "true", ["MAMORI_ADMIN_EMAIL"] = "demo@example.jp", ["MAMORI_ADMIN_PASSWORD"] = WebHost.Password });
        var client = await host.SignedInAsync("demo@example.jp");
        var parser = new HtmlParser();
        var queue = new Queue<string>(["/o/demo", "/orgs", "/account/tokens", "/account/2fa", "/catalog/controls"]);
        var seen = new HashSet<string>(queue);
        var offences = new List<string>();
        var pages = 0;
        while (queue.Count > 0 && pages < 150)
        {
            var url = queue.Dequeue();
            var response = await client.GetAsync(url);
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            pages++;
            var document = await parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
            // An inline script passes only when the page's own policy names its hash (the API reference page's start-up).
            var policy = response.Headers.TryGetValues("Content-Security-Policy", out var values) ? string.Join(" ", values) : "";
            offences.AddRange(document.QuerySelectorAll("script:not([src])")
                .Where(script => !policy.Contains($"'sha256-{Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(script.TextContent)))}'", StringComparison.Ordinal))
                .Select(_ => $"{url}: inline <script>"));
            foreach (var element in document.All)
            {
                offences.AddRange(element.Attributes
                    .Where(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)
                        || a.Value.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase))
                    .Select(a => $"{url}: <{element.LocalName} {a.Name}=\"{a.Value}\">"));
            }

            foreach (var link in document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!.Split('#')[0]))
            {
                if (link.StartsWith('/') && !link.StartsWith("//", StringComparison.Ordinal) && !link.Contains("signout", StringComparison.Ordinal) && seen.Add(link))
                {
                    queue.Enqueue(link);
                }
            }
        }

        Assert.True(pages >= 25, $"Only {pages} pages were reached; the crawl did not get through the application.");
        Assert.True(offences.Count == 0, string.Join(Environment.NewLine, offences));
    }
}

public sealed class Session_cookies
{
    [Fact]
    public async Task Are_http_only_same_site_and_secure_when_signed_in_over_tls()
    {
        using var host = new WebHost();
        await host.UserAsync("someone@example.jp");
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

        var form = await client.GetAsync("/account/signin");
        var token = await client.AntiforgeryTokenAsync("/account/signin");
        var signIn = await client.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "someone@example.jp",
            ["Password"] = WebHost.Password,
            ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var session = SetCookie(signIn, "mamori");
        var antiforgery = SetCookie(form, "mamori-csrf");
        foreach (var cookie in new[] { session, antiforgery })
        {
            Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; httponly", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Matches("(?i); samesite=(lax|strict)", cookie);
        }
    }

    [Fact]
    public async Task Over_plain_http_are_not_marked_secure_so_a_local_install_still_works()
    {
        using var host = new WebHost();
        await host.UserAsync("someone@example.jp");
        var client = host.Browser();

        var signIn = await client.PostFormAsync("/account/signin", new() { ["Email"] = "someone@example.jp", ["Password"] = WebHost.Password });

        var session = SetCookie(signIn, "mamori");
        Assert.DoesNotContain("; secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", session, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_session_ends_after_eight_hours_without_use()
    {
        using var host = new WebHost();
        _ = host.CreateClient();

        var options = host.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme);

        Assert.Equal(TimeSpan.FromHours(8), options.ExpireTimeSpan);
        Assert.True(options.SlidingExpiration);
    }

    private static string SetCookie(HttpResponseMessage response, string name) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(name + "=", StringComparison.Ordinal));
}

public sealed class Rate_limits
{
    [Fact]
    public async Task Sign_in_attempts_over_the_cap_are_refused_with_429_and_retry_after()
    {
        using var host = new WebHost(settings: new() { ["RateLimits:SignInPerMinute"] = "3" });
        await host.UserAsync("someone@example.jp");
        var client = host.Browser();
        var fields = new Dictionary<string, string> { ["Email"] = "someone@example.jp", ["Password"] = "wrong-password-1" };

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.PostFormAsync("/account/signin", fields)).StatusCode);
        }

        var refused = await client.PostFormAsync("/account/signin", fields);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter is not null);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/signin")).StatusCode);
    }

    [Fact]
    public async Task Calls_with_a_token_over_the_cap_are_refused_with_429_whether_the_token_is_good_or_not()
    {
        using var host = new WebHost(settings: new() { ["RateLimits:TokenRequestsPerMinute"] = "4" });
        var user = await host.UserAsync("someone@example.jp");
        var good = host.CreateClient();
        good.UseToken(await The_REST_API.TokenAsync(host, user));
        var guessing = host.CreateClient();
        guessing.UseToken("mamori_guessed0000000000000000000000");

        Assert.Equal(HttpStatusCode.OK, (await good.GetAsync("/api/v1/organizations")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await good.GetAsync("/api/v1/organizations")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await guessing.GetAsync("/api/v1/organizations")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await guessing.GetAsync("/api/v1/organizations")).StatusCode);

        Assert.Equal(HttpStatusCode.TooManyRequests, (await guessing.GetAsync("/api/v1/organizations")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await good.GetAsync("/api/v1/organizations")).StatusCode);
    }
}

public sealed class Sign_in_failures
{
    [Fact]
    public async Task Unknown_address_wrong_password_and_locked_account_read_the_same()
    {
        using var host = new WebHost();
        await host.UserAsync("someone@example.jp");
        var client = host.Browser();

        async Task<string> AttemptAsync(string email, string password)
        {
            var response = await client.PostFormAsync("/account/signin", new() { ["Email"] = email, ["Password"] = password });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.HtmlAsync()).QuerySelector(".alert-danger")!.TextContent.Trim();
        }

        var unknown = await AttemptAsync("nobody@example.jp", "wrong-password-1");
        var wrong = await AttemptAsync("someone@example.jp", "wrong-password-1");
        for (var i = 0; i < 4; i++)
        {
            await AttemptAsync("someone@example.jp", "wrong-password-1");
        }

        var locked = await AttemptAsync("someone@example.jp", WebHost.Password);

        Assert.Equal(unknown, wrong);
        Assert.Equal(unknown, locked);
        using var scope = host.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Mamori.Accounts.MamoriUser>>();
        Assert.True(await users.IsLockedOutAsync((await users.FindByEmailAsync("someone@example.jp"))!), "five failures lock the account");
    }
}

public sealed class User_markdown
{
    private static readonly string[] PayloadList =
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "![x](javascript:alert(1))",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<svg onload=alert(1)>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "{{ '<script>alert(1)</script>' }}",
        "<details open ontoggle=alert(1)>",
    ];

    public static TheoryData<string> Payloads() => new(PayloadList);

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Renders_without_anything_that_can_run(string markdown)
    {
        var html = SafeHtml.FromMarkdown("見出し\n\n" + markdown + "\n\n本文").ToString()!;

        var offences = Offences(html);

        Assert.True(offences.Count == 0, html);
    }

    [Fact]
    public async Task A_policy_version_page_shows_hostile_text_as_text()
    {
        using var host = new WebHost();
        var organization = await host.OrganizationAsync("acme");
        await host.UserAsync("admin@example.jp", organization, MemberRole.Administrator);
        var body = string.Join("\n\n", PayloadList);
        await using (var db = host.Database.Open(organization.Id))
        {
            var document = new PolicyDocument(organization.Id, DocumentKind.Standard, "1", "<script>alert('title')</script>");
            db.PolicyDocuments.Add(document);
            db.DocumentVersions.Add(new DocumentVersion(organization.Id, document.Id, 1, body, "<b onmouseover=alert(1)>作成者</b>", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
            var client = await host.SignedInAsync("admin@example.jp");

            var page = await client.GetAsync($"/o/acme/policy/{document.Id}/versions/1");

            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains("&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;", html, StringComparison.Ordinal);
            var offences = Offences(html).Where(o => o != "script[src]").ToList();
            Assert.True(offences.Count == 0, string.Join(", ", offences));
        }
    }

    /// <summary>Elements and attributes through which HTML runs code, as a browser would parse them.</summary>
    private static List<string> Offences(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        var offences = new List<string>();
        foreach (var element in document.All)
        {
            if (element.LocalName is "script")
            {
                offences.Add(element.HasAttribute("src") && element.GetAttribute("src")!.StartsWith('/') ? "script[src]" : "inline script");
            }

            if (element.LocalName is "iframe" or "object" or "embed")
            {
                offences.Add(element.LocalName);
            }

            foreach (var attribute in element.Attributes)
            {
                var value = attribute.Value.Trim();
                if (attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)
                    || value.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)
                    || (attribute.Name is "href" or "src" && value.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
                    || value.Contains("javascript:", StringComparison.OrdinalIgnoreCase) && attribute.Name == "style")
                {
                    offences.Add($"{element.LocalName}[{attribute.Name}={value}]");
                }
            }
        }

        return offences;
    }
}

public sealed class Hostile_form_values(SharedWebHost shared) : IClassFixture<SharedWebHost>
{
    [Theory]
    [InlineData("/o/acme/assets/new", "Input.PersonalInformation")]
    [InlineData("/o/acme/profile", "Input.UsesCloudServices")]
    public async Task A_checkbox_posted_with_a_non_boolean_value_gets_the_form_back_not_a_server_error(string url, string field)
    {
        // A refused form stores nothing, so the rows share one administrator of acme.
        var client = await shared.OnceAsync("administrator of acme", async host =>
        {
            var organization = await host.OrganizationAsync("acme");
            await host.UserAsync("admin@example.jp", organization, MemberRole.Administrator);
            return await host.SignedInAsync("admin@example.jp");
        });

        var response = await client.PostFormAsync(url, new() { [field] = "true¿'\"(", ["Input.Name"] = "" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((await response.HtmlAsync()).QuerySelector($"input[type=checkbox][name='{field}']"));
    }
}
