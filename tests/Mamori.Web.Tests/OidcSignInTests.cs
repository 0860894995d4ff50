using System.Net;
using Mamori.Accounts;
using Mamori.Data;
using Mamori.Domain.Audit;
using Mamori.Domain.Organizations;
using Mamori.Features.Invitations;
using Mamori.Tests.Support;
using Mamori.Web.Infrastructure;
using Mamori.Web.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Web.Tests;

/// <summary>
/// Signing in through the installation's identity provider (a real OpenID Connect provider on
/// 127.0.0.1): the verified address finds the account or an open invitation; anything the provider
/// cannot vouch for, and any token that is not for this client, from this issuer, now, is refused.
/// </summary>
public sealed class Signing_in_with_the_identity_provider : IClassFixture<Signing_in_with_the_identity_provider.Provider>
{
    private readonly Provider _shared;
    private readonly TestOidcProvider _provider;

    /// <summary>What this test names its organization, people and their logins at the provider by, on the shared hosts.</summary>
    private readonly string _case = Guid.NewGuid().ToString("N")[..8];

    /// <summary>The tests of the class run one at a time, and each starts from the provider's defaults.</summary>
    public Signing_in_with_the_identity_provider(Provider shared)
    {
        _shared = shared;
        _provider = shared.Started;
        _provider.Next = new(Subject("someone"), Email("someone"), true);
        _provider.Fault = TestOidcProvider.TokenFault.None;
    }

    private string Slug => $"acme-{_case}";

    private string Email(string name) => $"{name}-{_case}@example.jp";

    private string Subject(string name) => $"{name}-{_case}";

    [Fact]
    public async Task Is_not_offered_when_no_provider_is_set()
    {
        using var host = new WebHost();
        await host.UserAsync("someone@example.jp");

        var page = await host.Browser().GetHtmlAsync("/account/signin");

        Assert.Null(page.QuerySelector("[data-testid=external-signin]"));
        var post = await host.Browser().PostFormAsync("/account/external", [], formPage: "/account/signin");
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal("/account/signin", post.Headers.Location!.OriginalString);
    }

    [Fact]
    public void Refuses_to_start_with_an_authority_but_no_client()
    {
        using var host = new WebHost(settings: new() { [OidcSettings.AuthorityVariable] = "https://login.example.jp/tenant/" });

        var error = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        Assert.Contains(OidcSettings.ClientIdVariable, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Signs_in_the_account_of_the_verified_address_and_links_the_login(DatabaseProvider database)
    {
        var host = _shared.Host(database);
        var org = await host.OrganizationAsync(Slug);
        await host.UserAsync(Email("someone"), org, MemberRole.SecurityOfficer);
        var browser = host.Browser();
        var button = (await browser.GetHtmlAsync("/account/signin")).QuerySelector("[data-testid=external-signin] button")!;
        Assert.Equal("テスト IdP でサインイン", button.TextContent.Trim());
        _provider.Next = new(Subject("someone"), $"Someone-{_case}@Example.jp", true, "Someone");

        var flow = await SignInAsync(host, browser, _provider, returnUrl: $"/o/{Slug}/assets");

        Assert.Equal($"/o/{Slug}/assets", flow.Path);
        Assert.Equal(HttpStatusCode.OK, flow.Final.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/o/{Slug}")).StatusCode);
        using var scope = host.Services.CreateScope();
        var linked = await scope.ServiceProvider.GetRequiredService<UserManager<MamoriUser>>().FindByLoginAsync(OidcSignIn.Scheme, Subject("someone"));
        Assert.Equal(Email("someone"), linked?.Email);
    }

    [Fact]
    public async Task Skips_the_two_factor_code_the_provider_owns()
    {
        var host = _shared.Host(DatabaseProvider.Sqlite);
        var org = await host.OrganizationAsync(Slug);
        var user = await host.UserAsync(Email("someone"), org, MemberRole.SecurityOfficer);
        using (var scope = host.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<MamoriUser>>();
            var stored = await users.FindByIdAsync(user.Id);
            await users.ResetAuthenticatorKeyAsync(stored!);
            await users.SetTwoFactorEnabledAsync(stored!, true);
        }

        var flow = await SignInAsync(host, host.Browser(), _provider, returnUrl: $"/o/{Slug}");

        Assert.Equal($"/o/{Slug}", flow.Path);
        Assert.Equal(HttpStatusCode.OK, flow.Final.StatusCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(null)]
    public async Task Refuses_an_address_the_provider_has_not_verified(bool? verified)
    {
        var host = _shared.Host(DatabaseProvider.Sqlite);
        var org = await host.OrganizationAsync(Slug);
        await host.UserAsync(Email("someone"), org, MemberRole.SecurityOfficer);
        _provider.Next = new(Subject("someone"), Email("someone"), verified);
        var browser = host.Browser();

        var flow = await SignInAsync(host, browser, _provider, returnUrl: $"/o/{Slug}");

        Assert.Equal(HttpStatusCode.Forbidden, flow.Final.StatusCode);
        Assert.Equal(AccountText.ExternalEmailUnverified, await MessageAsync(flow.Final));
        await AssertSignedOutAsync(browser);
        using var scope = host.Services.CreateScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<MamoriUser>>().FindByLoginAsync(OidcSignIn.Scheme, Subject("someone")));
    }

    [Fact]
    public async Task Refuses_an_unknown_address_with_the_answer_a_locked_account_gets_and_makes_no_account()
    {
        var host = _shared.Host(DatabaseProvider.Sqlite);
        var org = await host.OrganizationAsync(Slug);
        var locked = await host.UserAsync(Email("locked"), org, MemberRole.SecurityOfficer);
        using (var scope = host.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<MamoriUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByIdAsync(locked.Id))!, DateTimeOffset.MaxValue);
        }

        _provider.Next = new(Subject("unknown"), Email("nobody"), true);
        var unknownBrowser = host.Browser();
        var unknown = await SignInAsync(host, unknownBrowser, _provider, returnUrl: $"/o/{Slug}");
        _provider.Next = new(Subject("locked"), Email("locked"), true);
        var lockedBrowser = host.Browser();
        var lockedFlow = await SignInAsync(host, lockedBrowser, _provider, returnUrl: $"/o/{Slug}");

        Assert.Equal(HttpStatusCode.Forbidden, unknown.Final.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, lockedFlow.Final.StatusCode);
        Assert.Equal(AccountText.ExternalNotAllowed, await MessageAsync(unknown.Final));
        Assert.Equal(AccountText.ExternalNotAllowed, await MessageAsync(lockedFlow.Final));
        await AssertSignedOutAsync(unknownBrowser);
        await AssertSignedOutAsync(lockedBrowser);
        await using var db = host.Database.Open();
        Assert.False(await db.Users.AnyAsync(u => u.NormalizedEmail == Email("nobody").ToUpperInvariant()));
        Assert.False(await db.UserLogins.AnyAsync(l => l.ProviderKey == Subject("unknown") || l.ProviderKey == Subject("locked")));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Accepts_an_invitation_with_a_new_account_linked_to_the_login(DatabaseProvider database)
    {
        var host = _shared.Host(database);
        var org = await host.OrganizationAsync(Slug);
        var admin = await host.UserAsync(Email("admin"), org, MemberRole.Administrator);
        var token = await InviteAsync(host, org, admin, Email("new"), MemberRole.DepartmentManager);
        _provider.Next = new(Subject("new"), Email("new"), true, "新人 太郎");
        var browser = host.Browser();

        var flow = await SignInAsync(host, browser, _provider, returnUrl: $"/invitations/{token}");

        Assert.Equal($"/o/{Slug}", flow.Path);
        Assert.Equal(HttpStatusCode.OK, flow.Final.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/o/{Slug}/assets")).StatusCode);
        await using var db = host.Database.Open(org.Id);
        var user = await db.Users.SingleAsync(u => u.NormalizedEmail == Email("new").ToUpperInvariant());
        Assert.Equal("新人 太郎", user.DisplayName);
        Assert.Null(user.PasswordHash);
        Assert.Equal(MemberRole.DepartmentManager, (await db.Memberships.SingleAsync(m => m.UserId == user.Id)).Role);
        Assert.Equal(Subject("new"), (await db.UserLogins.SingleAsync(l => l.UserId == user.Id)).ProviderKey);
        var audit = await db.AuditEntries.Where(e => e.EntityType == "Invitation" || e.EntityType == "Membership").OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(
            [("Membership", AuditAction.Created), ("Invitation", AuditAction.Created), ("Membership", AuditAction.Created), ("Invitation", AuditAction.Updated)],
            audit.Select(e => (e.EntityType, e.Action)));
        Assert.Equal(HttpStatusCode.NotFound, (await host.Browser().GetAsync($"/invitations/{token}")).StatusCode);
    }

    [Fact]
    public async Task Refuses_an_invitation_for_another_address()
    {
        var host = _shared.Host(DatabaseProvider.Sqlite);
        var org = await host.OrganizationAsync(Slug);
        var admin = await host.UserAsync(Email("admin"), org, MemberRole.Administrator);
        var token = await InviteAsync(host, org, admin, Email("new"), MemberRole.Employee);
        _provider.Next = new(Subject("other"), Email("other"), true);

        var flow = await SignInAsync(host, host.Browser(), _provider, returnUrl: $"/invitations/{token}");

        Assert.Equal(HttpStatusCode.Forbidden, flow.Final.StatusCode);
        Assert.Equal(AccountText.ExternalNotAllowed, await MessageAsync(flow.Final));
        await using var db = host.Database.Open(org.Id);
        Assert.False(await db.Users.AnyAsync(u => u.NormalizedEmail == Email("other").ToUpperInvariant()));
    }

    [Theory]
    [InlineData(TestOidcProvider.TokenFault.WrongIssuer)]
    [InlineData(TestOidcProvider.TokenFault.WrongAudience)]
    [InlineData(TestOidcProvider.TokenFault.Expired)]
    public async Task Refuses_an_id_token_not_issued_by_the_provider_for_this_client_now(TestOidcProvider.TokenFault fault)
    {
        var host = _shared.Host(DatabaseProvider.Sqlite);
        var org = await host.OrganizationAsync(Slug);
        await host.UserAsync(Email("someone"), org, MemberRole.SecurityOfficer);
        _provider.Fault = fault;
        var browser = host.Browser();

        var flow = await SignInAsync(host, browser, _provider, returnUrl: $"/o/{Slug}");

        Assert.Equal(ExternalSignInFailedPath, flow.Path);
        Assert.Equal(AccountText.ExternalSignInFailed, await MessageAsync(flow.Final));
        await AssertSignedOutAsync(browser);
    }

    [Fact]
    public async Task Ends_with_sign_out_for_every_copy_of_the_session()
    {
        var host = _shared.Host(DatabaseProvider.Sqlite);
        var org = await host.OrganizationAsync(Slug);
        await host.UserAsync(Email("someone"), org, MemberRole.SecurityOfficer);
        var browser = host.Browser();
        var flow = await SignInAsync(host, browser, _provider, returnUrl: $"/o/{Slug}");
        var copy = host.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        copy.DefaultRequestHeaders.Add("Cookie", flow.SessionCookie);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync($"/o/{Slug}/assets")).StatusCode);

        var signOut = await browser.PostFormAsync("/account/signout", [], formPage: $"/o/{Slug}");

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        await AssertSignedOutAsync(browser);
        var page = await copy.GetAsync($"/o/{Slug}/assets");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/signin", page.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    private const string ExternalSignInFailedPath = "/account/external";

    /// <summary>Where a flow ended on Mamori, and the session cookie it set (if it signed in).</summary>
    private sealed record Flow(HttpResponseMessage Final, string Path, string SessionCookie);

    /// <summary>
    /// The button on the sign-in page, then the browser's trip: to the provider (a plain client, since
    /// it is another site), back to Mamori's callback, and along Mamori's redirects to the page it ends on.
    /// </summary>
    private static async Task<Flow> SignInAsync(WebHost host, HttpClient browser, TestOidcProvider provider, string returnUrl)
    {
        var start = await browser.PostFormAsync("/account/external", new() { ["ReturnUrl"] = returnUrl }, formPage: "/account/signin");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var authorize = start.Headers.Location!;
        Assert.StartsWith(provider.Authority, authorize.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains("code_challenge=", authorize.Query, StringComparison.Ordinal);

        using var atProvider = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseProxy = false });
        var answer = await atProvider.GetAsync(authorize);
        Assert.True(answer.StatusCode == HttpStatusCode.Redirect, $"The provider answered {(int)answer.StatusCode}: {string.Join(Environment.NewLine, provider.Errors)}");
        var callback = answer.Headers.Location!;
        Assert.Equal(TestOidcProvider.RedirectUri, callback.GetLeftPart(UriPartial.Path));

        var path = callback.PathAndQuery;
        var cookie = "";
        for (var hops = 0; hops < 6; hops++)
        {
            var response = await browser.GetAsync(path);
            if (response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.FirstOrDefault(c => c.StartsWith("mamori=", StringComparison.Ordinal)) is { } session)
            {
                cookie = session.Split(';')[0];
            }

            if (response.StatusCode != HttpStatusCode.Redirect)
            {
                return new(response, path.Split('?')[0], cookie);
            }

            var next = response.Headers.Location!;
            Assert.False(next.IsAbsoluteUri && next.Host != "localhost", $"Mamori sent the browser away, to {next}");
            path = next.IsAbsoluteUri ? next.PathAndQuery : next.OriginalString;
        }

        throw new InvalidOperationException("Mamori kept redirecting.");
    }

    private static async Task<string> MessageAsync(HttpResponseMessage response) =>
        (await response.HtmlAsync()).QuerySelector("[data-testid=external-signin-refused]")?.TextContent.Trim() ?? "";

    private async Task AssertSignedOutAsync(HttpClient browser)
    {
        var page = await browser.GetAsync($"/o/{Slug}");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/signin", page.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    private static async Task<string> InviteAsync(WebHost host, Organization org, MamoriUser admin, string email, MemberRole role)
    {
        await using var db = host.Database.Open(org.Id);
        var membership = await db.Memberships.SingleAsync(m => m.UserId == admin.Id);
        var invited = await InviteMember.HandleAsync(db, membership, new() { Email = email, Role = role, Department = role == MemberRole.DepartmentManager ? "営業部" : "" }, DateTimeOffset.UtcNow);
        return invited.Token ?? throw new InvalidOperationException(string.Join(", ", invited.Errors.SelectMany(e => e.Value)));
    }

    /// <summary>
    /// One provider for the class (it keeps no state between sign-ins but the person and fault a test sets) and a
    /// Mamori host on it per database provider, where each test works in an organization and with people of its own.
    /// </summary>
    public sealed class Provider : IAsyncLifetime
    {
        private readonly Dictionary<DatabaseProvider, WebHost> _hosts = [];

        public TestOidcProvider Started { get; private set; } = null!;

        public WebHost Host(DatabaseProvider database)
        {
            if (!_hosts.TryGetValue(database, out var host))
            {
                host = new WebHost(database, Started.Settings);
                _hosts[database] = host;
            }

            return host;
        }

        public async Task InitializeAsync() => Started = await TestOidcProvider.StartAsync();

        public async Task DisposeAsync()
        {
            foreach (var host in _hosts.Values)
            {
                host.Dispose();
            }

            await Started.DisposeAsync();
        }
    }
}
