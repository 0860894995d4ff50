using System.Net;
using System.Text.RegularExpressions;
using Mamori.Data;

namespace Mamori.Cli.Tests.Servers;

/// <summary>Behind a TLS-terminating reverse proxy on the same machine, the server knows the request was HTTPS.</summary>
public partial class Behind_a_reverse_proxy
{
    [Fact]
    public async Task The_sign_in_cookie_is_secure_when_the_proxy_says_https()
    {
        await using var database = await ServerDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var server = await ServerProcess.StartAsync(database.Arguments);
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };

        using var page = new HttpRequestMessage(HttpMethod.Get, "/account/signin");
        page.Headers.Add("X-Forwarded-Proto", "https");
        var form = await client.SendAsync(page);
        var antiforgery = form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("mamori-csrf", StringComparison.Ordinal));
        var token = TokenPattern().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;

        using var signIn = new HttpRequestMessage(HttpMethod.Post, "/account/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = ServerProcess.AdminEmail,
                ["Password"] = ServerProcess.AdminPassword,
                ["__RequestVerificationToken"] = token,
            }),
        };
        signIn.Headers.Add("X-Forwarded-Proto", "https");
        signIn.Headers.Add("Cookie", antiforgery);
        var response = await client.SendAsync(signIn);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var session = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("mamori=", StringComparison.Ordinal));
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
