using System.Net;
using Mamori.Domain.Organizations;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Mamori.Web.Tests;

/// <summary>
/// Signing out, changing the password and turning two-factor on or off end every other session of
/// the user: a copy of the session cookie taken before stops working on the very next request.
/// </summary>
public sealed class Ending_a_session
{
    [Fact]
    public async Task A_copied_session_cookie_reads_neither_pages_nor_the_api_after_sign_out()
    {
        using var host = new WebHost();
        var org = await host.OrganizationAsync("acme");
        await host.UserAsync("someone@example.jp", org, MemberRole.SecurityOfficer);
        var client = host.Browser();
        var signIn = await client.PostFormAsync("/account/signin", new() { ["Email"] = "someone@example.jp", ["Password"] = WebHost.Password });
        var copy = Copied(host, signIn);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/o/acme/assets")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/api/v1/organizations")).StatusCode);

        var signOut = await client.PostFormAsync("/account/signout", [], formPage: "/o/acme");

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var page = await copy.GetAsync("/o/acme/assets");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/signin", page.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync("/api/v1/organizations")).StatusCode);
    }

    [Fact]
    public async Task Changing_the_password_ends_the_other_sessions_and_keeps_this_one()
    {
        using var host = new WebHost();
        var org = await host.OrganizationAsync("acme");
        await host.UserAsync("someone@example.jp", org, MemberRole.SecurityOfficer);
        var here = await host.SignedInAsync("someone@example.jp");
        var elsewhere = await host.SignedInAsync("someone@example.jp");

        var changed = await here.PostFormAsync("/account/password", new() { ["Current"] = WebHost.Password, ["New"] = "another-horse-8-battery", ["Confirm"] = "another-horse-8-battery" });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/o/acme")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.GetAsync("/o/acme")).StatusCode);
    }

    /// <summary>A client that sends only the session cookie of <paramref name="signIn"/>, as someone who copied it would.</summary>
    internal static HttpClient Copied(WebHost host, HttpResponseMessage signIn)
    {
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("mamori=", StringComparison.Ordinal)).Split(';')[0];
        var copy = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        copy.DefaultRequestHeaders.Add("Cookie", cookie);
        return copy;
    }
}
