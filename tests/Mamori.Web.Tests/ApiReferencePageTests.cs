using System.Net;
using System.Text.RegularExpressions;
using Mamori.Domain.Organizations;
using Mamori.Web.Infrastructure.Api;

namespace Mamori.Web.Tests;

/// <summary>The API reference page: for signed-in users, linked from the token page, its scripts served by the product itself.</summary>
public partial class The_API_reference_page(SharedWebHost shared) : IClassFixture<SharedWebHost>
{
    private Task<HttpClient> SignedInAsync() => shared.OnceAsync("signed in", async host =>
    {
        var org = await host.OrganizationAsync("acme");
        await host.UserAsync("dev@example.jp", org, MemberRole.SecurityOfficer);
        return await host.SignedInAsync("dev@example.jp");
    });

    [Fact]
    public async Task Sends_whoever_is_not_signed_in_to_the_sign_in_page()
    {
        await SignedInAsync();

        var response = await shared.Host.Browser().GetAsync(ApiReference.Path + "/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/signin", new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsolutePath);
    }

    [Fact]
    public async Task Loads_its_scripts_from_this_site_only_and_reads_the_served_document()
    {
        var browser = await SignedInAsync();

        var page = await browser.GetAsync(ApiReference.Path + "/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var sources = ScriptSource().Matches(html).Select(m => m.Groups["src"].Value).ToList();
        Assert.NotEmpty(sources);
        foreach (var source in sources)
        {
            Assert.False(source.Contains("//", StringComparison.Ordinal), $"{source} is not on this site");
            var script = await browser.GetAsync(new Uri(new Uri("http://localhost" + ApiReference.Path + "/"), source));
            Assert.True(script.IsSuccessStatusCode, $"{source} answered {(int)script.StatusCode}");
        }

        // The document's route, relative to the application's base.
        Assert.Contains($"\"url\":\"{ApiDocument.Path.TrimStart('/')}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("fonts.scalar.com", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Allows_its_own_inline_start_up_script_by_hash_and_no_other()
    {
        var browser = await SignedInAsync();

        var page = await browser.GetAsync(ApiReference.Path + "/");
        var policy = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        var hashes = ApiReference.ScriptHashes(await page.Content.ReadAsStringAsync());

        Assert.NotEmpty(hashes);
        var scripts = policy.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src ", StringComparison.Ordinal));
        Assert.Equal($"script-src 'self' {string.Join(' ', hashes.Select(h => $"'{h}'"))}", scripts);
        Assert.DoesNotContain("unsafe", scripts, StringComparison.Ordinal);
        var elsewhere = await browser.GetAsync("/account/tokens");
        Assert.Contains("script-src 'self';", string.Join(";", elsewhere.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Is_linked_from_the_access_token_page()
    {
        var browser = await SignedInAsync();

        var tokens = await browser.GetHtmlAsync("/account/tokens");

        Assert.NotNull(tokens.QuerySelector($"a[href='{ApiReference.Path}/']"));
        Assert.NotNull(tokens.QuerySelector($"a[href='{ApiDocument.Path}']"));
    }

    [GeneratedRegex("<script[^>]*\\ssrc=\"(?<src>[^\"]+)\"")]
    private static partial Regex ScriptSource();
}
