using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Mamori.Domain.Organizations;

namespace Mamori.Web.Tests;

public class Two_factor_authentication
{
    [Fact]
    public async Task Once_turned_on_signing_in_needs_the_authenticator_code()
    {
        using var host = new WebHost();
        var org = await host.OrganizationAsync("acme");
        await host.UserAsync("careful@example.jp", org, MemberRole.SecurityOfficer);
        var client = await host.SignedInAsync("careful@example.jp");

        var setup = await client.GetHtmlAsync("/account/2fa");
        Assert.NotNull(setup.QuerySelector("svg"));
        var key = setup.QuerySelector("code.user-select-all")!.TextContent.Replace(" ", "", StringComparison.Ordinal);

        var wrong = await client.PostFormAsync("/account/2fa?handler=Enable", new() { ["Code"] = "000000" }, formPage: "/account/2fa");
        Assert.Contains("正しくありません", (await wrong.HtmlAsync()).QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        var enabled = await client.PostFormAsync("/account/2fa?handler=Enable", new() { ["Code"] = Totp(key) }, formPage: "/account/2fa");
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);

        var browser = host.Browser();
        var password = await browser.PostFormAsync("/account/signin", new() { ["Email"] = "careful@example.jp", ["Password"] = WebHost.Password });
        Assert.StartsWith("/account/signin-2fa", password.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/o/acme")).StatusCode);

        var code = await browser.PostFormAsync("/account/signin-2fa", new() { ["Code"] = Totp(key) });
        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/o/acme")).StatusCode);
    }

    /// <summary>RFC 6238 (SHA-1, 30 s, 6 digits) from a Base32 key, as an authenticator app computes it.</summary>
    private static string Totp(string base32Key)
    {
        var key = Base32(base32Key);
        var counter = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
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
