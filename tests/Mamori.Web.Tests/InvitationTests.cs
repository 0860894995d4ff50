using System.Net;
using Mamori.Data;
using Mamori.Domain.Audit;
using Mamori.Domain.Organizations;
using Mamori.Features.Invitations;
using Mamori.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Mamori.Web.Tests;

/// <summary>
/// Adding a person to an organization is an invitation the person accepts through a link that works
/// once, for seven days; the administrator's answers never tell whether the address has an account.
/// </summary>
public sealed class An_invitation
{
    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Lets_a_new_person_choose_a_password_and_join_with_the_role_once(DatabaseProvider provider)
    {
        using var host = new WebHost(provider);
        var org = await host.OrganizationAsync("acme");
        await host.UserAsync("admin@example.jp", org, MemberRole.Administrator);
        var admin = await host.SignedInAsync("admin@example.jp");

        var link = await InviteAsync(admin, "sales@example.jp", "DepartmentManager", "営業部");
        var person = host.Browser();
        var offer = await person.GetHtmlAsync(link);
        Assert.Contains("sales@example.jp", offer.QuerySelector("[data-testid=invitation-offer]")!.TextContent, StringComparison.Ordinal);

        var joined = await person.PostFormAsync($"{link}?handler=Register", new() { ["Account.DisplayName"] = "鈴木", ["Account.Password"] = WebHost.Password }, formPage: link);

        Assert.Equal("/o/acme", joined.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync("/o/acme/assets")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await person.GetAsync("/o/acme/members")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Browser().GetAsync(link)).StatusCode);
        await using var db = host.Database.Open(org.Id);
        var member = await db.Memberships.SingleAsync(m => m.Role == MemberRole.DepartmentManager);
        Assert.Equal("営業部", member.Department);
        var audit = await db.AuditEntries.Where(e => e.EntityType == "Invitation" || e.EntityType == "Membership").OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal(
            [("Membership", AuditAction.Created), ("Invitation", AuditAction.Created), ("Membership", AuditAction.Created), ("Invitation", AuditAction.Updated)],
            audit.Select(e => (e.EntityType, e.Action)));
        Assert.DoesNotContain(link.Split('/')[^1], string.Join(' ', audit.Select(e => e.After)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Is_accepted_by_an_existing_account_after_it_signs_in()
    {
        using var host = new WebHost();
        var org = await host.OrganizationAsync("acme");
        var other = await host.OrganizationAsync("other");
        await host.UserAsync("admin@example.jp", org, MemberRole.Administrator);
        await host.UserAsync("auditor@example.jp", other, MemberRole.Employee);
        var admin = await host.SignedInAsync("admin@example.jp");
        var link = await InviteAsync(admin, "auditor@example.jp", "Auditor");

        var person = await host.SignedInAsync("auditor@example.jp");
        var registering = await person.PostFormAsync($"{link}?handler=Register", new() { ["Account.Password"] = WebHost.Password }, formPage: link);
        Assert.Equal(HttpStatusCode.OK, registering.StatusCode);
        var accepted = await person.PostFormAsync($"{link}?handler=Accept", new(), formPage: link);

        Assert.Equal("/o/acme", accepted.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync("/o/acme/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync("/o/other")).StatusCode);
    }

    [Fact]
    public async Task Is_refused_to_an_account_with_another_address()
    {
        using var host = new WebHost();
        var org = await host.OrganizationAsync("acme");
        await host.UserAsync("admin@example.jp", org, MemberRole.Administrator);
        await host.UserAsync("someone@example.jp");
        var admin = await host.SignedInAsync("admin@example.jp");
        var link = await InviteAsync(admin, "invited@example.jp", "Employee");

        var someone = await host.SignedInAsync("someone@example.jp");
        var refused = await someone.PostFormAsync($"{link}?handler=Accept", new(), formPage: link);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await someone.GetAsync("/o/acme")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Browser().GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task Answers_the_administrator_alike_whether_or_not_the_address_has_an_account()
    {
        var pages = new List<string>();
        foreach (var (invited, exists) in new[] { ("known@example.jp", true), ("nobody@example.jp", false) })
        {
            using var host = new WebHost(clock: new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero)));
            var org = await host.OrganizationAsync("acme");
            await host.UserAsync("admin@example.jp", org, MemberRole.Administrator);
            if (exists)
            {
                await host.UserAsync(invited);
            }

            var admin = await host.SignedInAsync("admin@example.jp");
            var response = await admin.PostFormAsync("/o/acme/members?handler=Invite", Fields(invited, "Employee"), formPage: "/o/acme/members");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            pages.Add(Normalized(await response.Content.ReadAsStringAsync(), invited));
        }

        Assert.Equal(pages[0], pages[1]);
    }

    [Fact]
    public async Task Stops_working_when_withdrawn_or_after_seven_days()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
        using var host = new WebHost(clock: clock);
        var org = await host.OrganizationAsync("acme");
        await host.UserAsync("admin@example.jp", org, MemberRole.Administrator);
        var admin = await host.SignedInAsync("admin@example.jp");
        var withdrawn = await InviteAsync(admin, "one@example.jp", "Employee");
        var expiring = await InviteAsync(admin, "two@example.jp", "Employee");
        Guid id;
        await using (var db = host.Database.Open(org.Id))
        {
            id = (await db.Invitations.SingleAsync(i => i.Email == "one@example.jp")).Id;
        }

        var revoked = await admin.PostFormAsync($"/o/acme/members?handler=Revoke&invitationId={id}", new(), formPage: "/o/acme/members");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Browser().GetAsync(withdrawn)).StatusCode);
        clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await host.Browser().GetAsync(expiring)).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(2));
        var person = host.Browser();
        var late = await person.GetAsync(expiring);
        Assert.Equal(HttpStatusCode.NotFound, late.StatusCode);
        Assert.NotNull((await late.HtmlAsync()).QuerySelector("[data-testid=invitation-not-valid]"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Is_stored_as_the_hash_of_its_token_and_cannot_be_withdrawn_from_another_organization(DatabaseProvider provider)
    {
        using var host = new WebHost(provider);
        var acme = await host.OrganizationAsync("acme");
        var other = await host.OrganizationAsync("other");
        await host.UserAsync("admin@example.jp", acme, MemberRole.Administrator);
        await host.UserAsync("intruder@example.jp", other, MemberRole.Administrator);
        var admin = await host.SignedInAsync("admin@example.jp");
        var link = await InviteAsync(admin, "new@example.jp", "Employee");
        var token = link.Split('/')[^1];
        Invitation stored;
        await using (var db = host.Database.Open(acme.Id))
        {
            stored = await db.Invitations.SingleAsync();
        }

        var intruder = await host.SignedInAsync("intruder@example.jp");
        var refused = await intruder.PostFormAsync($"/o/other/members?handler=Revoke&invitationId={stored.Id}", new(), formPage: "/o/other/members");

        Assert.Equal(InviteMember.Hash(token), stored.TokenHash);
        Assert.NotEqual(token, stored.TokenHash);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Browser().GetAsync(link)).StatusCode);
        await using var otherDb = host.Database.Open(other.Id);
        Assert.Empty(await otherDb.Invitations.ToListAsync());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Is_mailed_in_the_chosen_language_with_a_link_that_works(DatabaseProvider provider)
    {
        using var smtp = new TestSmtpServer();
        using var host = new WebHost(provider, smtp.Settings);
        var org = await host.OrganizationAsync("acme");
        await host.UserAsync("admin@example.jp", org, MemberRole.Administrator);
        var admin = await host.SignedInAsync("admin@example.jp");

        var invited = await admin.PostFormAsync("/o/acme/members?handler=Invite", Fields("new@example.jp", "SecurityOfficer", language: "en"), formPage: "/o/acme/members");

        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var mail = Assert.Single(smtp.Received);
        Assert.Equal("new@example.jp", mail.To.Mailboxes.Single().Address);
        Assert.Equal("mamori@example.jp", mail.From.Mailboxes.Single().Address);
        Assert.Equal("Invitation to 株式会社acme on Mamori", mail.Subject);
        Assert.Contains("as Security officer", mail.TextBody, StringComparison.Ordinal);
        var link = new Uri(mail.TextBody!.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("http", StringComparison.Ordinal))).PathAndQuery;
        var person = host.Browser();
        var joined = await person.PostFormAsync($"{link}?handler=Register", new() { ["Account.Password"] = WebHost.Password }, formPage: link);
        Assert.Equal("/o/acme", joined.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync("/o/acme/risks")).StatusCode);
    }

    [Fact]
    public async Task Is_mailed_in_japanese_by_default()
    {
        using var smtp = new TestSmtpServer();
        using var host = new WebHost(settings: smtp.Settings);
        var org = await host.OrganizationAsync("acme");
        await host.UserAsync("admin@example.jp", org, MemberRole.Administrator);
        var admin = await host.SignedInAsync("admin@example.jp");

        await admin.PostFormAsync("/o/acme/members?handler=Invite", Fields("new@example.jp", "Employee"), formPage: "/o/acme/members");

        var mail = Assert.Single(smtp.Received);
        Assert.Equal("Mamori「株式会社acme」への招待", mail.Subject);
        Assert.Contains("従業員として招待されました", mail.TextBody, StringComparison.Ordinal);
    }

    /// <summary>Invites through the members page with no mail server, and returns the link it shows (path only).</summary>
    private static async Task<string> InviteAsync(HttpClient admin, string email, string role, string department = "")
    {
        var response = await admin.PostFormAsync("/o/acme/members?handler=Invite", Fields(email, role, department), formPage: "/o/acme/members");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shown = (await response.HtmlAsync()).QuerySelector("[data-testid=invitation-link]");
        Assert.True(shown is not null, "No invitation link on the page");
        return new Uri(shown!.TextContent.Trim()).PathAndQuery;
    }

    private static Dictionary<string, string> Fields(string email, string role, string department = "", string language = "ja") => new()
    {
        ["Invite.Email"] = email,
        ["Invite.Role"] = role,
        ["Invite.Department"] = department,
        ["Invite.Language"] = language,
    };

    /// <summary>The page without what differs by design: the address, the link's token, the antiforgery token, row ids.</summary>
    private static string Normalized(string html, string email) =>
        System.Text.RegularExpressions.Regex.Replace(
            html.Replace(email, "EMAIL", StringComparison.Ordinal),
            "(/invitations/[0-9a-f]{64})|(name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]*\")|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})",
            "X");
}
