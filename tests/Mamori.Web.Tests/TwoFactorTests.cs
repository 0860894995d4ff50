using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Mamori.Domain.Organizations;

namespace Mamori.Web.Tests;

/// <summary>One host for the class; each test works with a person and an organization of its own.</summary>
public class Two_factor_authentication(SharedWebHost shared) : IClassFixture<SharedWebHost>
{
    private readonly string _slug = $"acme-{Guid.NewGuid():N}"[..13];

    private string Org => $"/o/{_slug}";

    private string Careful => $"careful@{_slug}.example.jp";

    [Fact]
    public async Task Once_turned_on_signing_in_needs_the_authenticator_code()
    {
        var host = shared.Host;
        var org = await host.OrganizationAsync(_slug);
        await host.UserAsync(Careful, org, MemberRole.SecurityOfficer);
        var client = await host.SignedInAsync(Careful);

        var setup = await client.GetHtmlAsync("/account/2fa");
        Assert.NotNull(setup.QuerySelector("svg"));
        var key = setup.QuerySelector("code.user-select-all")!.TextContent.Replace(" ", "", StringComparison.Ordinal);

        var wrong = await client.PostFormAsync("/account/2fa?handler=Enable", new() { ["Code"] = "000000" }, formPage: "/account/2fa");
        Assert.Contains("正しくありません", (await wrong.HtmlAsync()).QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        var enabled = await client.PostFormAsync("/account/2fa?handler=Enable", new() { ["Code"] = Totp(key) }, formPage: "/account/2fa");
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);

        var browser = host.Browser();
        var password = await browser.PostFormAsync("/account/signin", new() { ["Email"] = Careful, ["Password"] = WebHost.Password });
        Assert.StartsWith("/account/signin-2fa", password.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync(Org)).StatusCode);

        // The code of the next time step: the one of this step was used up turning two-factor on.
        var code = await browser.PostFormAsync("/account/signin-2fa", new() { ["Code"] = Totp(key, steps: 1) });
        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(Org)).StatusCode);
    }

    /// <summary>RFC 6238 (SHA-1, 30 s, 6 digits) from a Base32 key, as an authenticator app computes it, <paramref name="steps"/> time steps from now.</summary>
    internal static string Totp(string base32Key, int steps = 0)
    {
        var key = Base32(base32Key);
        var counter = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30) + steps;
        var message = BitConverter.GetBytes(counter);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(message);
        }

        var hash = HMACSHA1.HashData(key, message);
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_code_is_accepted_once()
    {
        var host = shared.Host;
        var org = await host.OrganizationAsync(_slug);
        await host.UserAsync(Careful, org, MemberRole.SecurityOfficer);
        var key = await TurnedOnAsync(await host.SignedInAsync(Careful));
        var code = Totp(key, steps: 1);

        var first = host.Browser();
        await first.PostFormAsync("/account/signin", new() { ["Email"] = Careful, ["Password"] = WebHost.Password });
        Assert.Equal(HttpStatusCode.Redirect, (await first.PostFormAsync("/account/signin-2fa", new() { ["Code"] = code })).StatusCode);
        var second = host.Browser();
        await second.PostFormAsync("/account/signin", new() { ["Email"] = Careful, ["Password"] = WebHost.Password });
        var replayed = await second.PostFormAsync("/account/signin-2fa", new() { ["Code"] = code });

        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Contains("正しくありません", (await replayed.HtmlAsync()).QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync(Org)).StatusCode);
        // A code of an earlier step, still within the drift allowed, is refused as well.
        var earlier = await second.PostFormAsync("/account/signin-2fa", new() { ["Code"] = Totp(key, steps: -1) });
        Assert.Equal(HttpStatusCode.OK, earlier.StatusCode);
    }

    [Fact]
    public async Task Turning_it_off_needs_the_password_or_a_current_code()
    {
        var host = shared.Host;
        var org = await host.OrganizationAsync(_slug);
        await host.UserAsync(Careful, org, MemberRole.SecurityOfficer);
        var client = await host.SignedInAsync(Careful);
        var key = await TurnedOnAsync(client);

        foreach (var fields in new Dictionary<string, string>[] { [], new() { ["Password"] = "wrong-password-1" }, new() { ["Code"] = "000000" } })
        {
            var refused = await client.PostFormAsync("/account/2fa?handler=Disable", fields, formPage: "/account/2fa");
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.NotNull((await refused.HtmlAsync()).QuerySelector(".alert-danger"));
        }

        Assert.Null((await client.GetHtmlAsync("/account/2fa")).QuerySelector("code.user-select-all"));
        var withPassword = await client.PostFormAsync("/account/2fa?handler=Disable", new() { ["Password"] = WebHost.Password }, formPage: "/account/2fa");
        Assert.Equal(HttpStatusCode.Redirect, withPassword.StatusCode);
        Assert.NotNull((await client.GetHtmlAsync("/account/2fa")).QuerySelector("code.user-select-all"));

        key = await TurnedOnAsync(client);
        var withCode = await client.PostFormAsync("/account/2fa?handler=Disable", new() { ["Code"] = Totp(key, steps: 1) }, formPage: "/account/2fa");
        Assert.Equal(HttpStatusCode.Redirect, withCode.StatusCode);
        Assert.NotNull((await client.GetHtmlAsync("/account/2fa")).QuerySelector("code.user-select-all"));
    }

    [Fact]
    public async Task Turning_it_on_or_off_ends_the_other_sessions_and_keeps_this_one()
    {
        var host = shared.Host;
        var org = await host.OrganizationAsync(_slug);
        await host.UserAsync(Careful, org, MemberRole.SecurityOfficer);
        var here = await host.SignedInAsync(Careful);
        var before = await host.SignedInAsync(Careful);

        var key = await TurnedOnAsync(here);

        Assert.Equal(HttpStatusCode.Redirect, (await before.GetAsync(Org)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync(Org)).StatusCode);
        var after = host.Browser();
        await after.PostFormAsync("/account/signin", new() { ["Email"] = Careful, ["Password"] = WebHost.Password });
        Assert.Equal(HttpStatusCode.Redirect, (await after.PostFormAsync("/account/signin-2fa", new() { ["Code"] = Totp(key, steps: 1) })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await after.GetAsync(Org)).StatusCode);

        var off = await here.PostFormAsync("/account/2fa?handler=Disable", new() { ["Password"] = WebHost.Password }, formPage: "/account/2fa");

        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await after.GetAsync(Org)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync(Org)).StatusCode);
    }

    /// <summary>Turns two-factor on for the signed-in <paramref name="client"/> with the code of this time step; returns the key.</summary>
    private static async Task<string> TurnedOnAsync(HttpClient client)
    {
        var setup = await client.GetHtmlAsync("/account/2fa");
        var key = setup.QuerySelector("code.user-select-all")!.TextContent.Replace(" ", "", StringComparison.Ordinal);
        var enabled = await client.PostFormAsync("/account/2fa?handler=Enable", new() { ["Code"] = Totp(key) }, formPage: "/account/2fa");
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        return key;
    }

    private static byte[] Base32(string text)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var ch in text.TrimEnd('=').ToUpperInvariant())
        {
            buffer = (buffer << 5) | Alphabet.IndexOf(ch, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}
