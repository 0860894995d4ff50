using System.Net;
using Mamori.Domain.Audit;
using Mamori.Domain.Organizations;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Web.Tests;

/// <summary>One host for the class, each test in an organization and with people of its own; the site administrator's test keeps a host of its own.</summary>
public class Managing_an_organization(SharedWebHost shared) : IClassFixture<SharedWebHost>
{
    private readonly string _slug = $"acme-{Guid.NewGuid():N}"[..13];

    private string Org => $"/o/{_slug}";

    private string Email(string name) => $"{name}@{_slug}.example.jp";

    [Fact]
    public async Task The_last_administrator_keeps_the_role_and_one_of_two_can_be_demoted()
    {
        var host = shared.Host;
        var org = await host.OrganizationAsync(_slug);
        var first = await host.UserAsync(Email("admin"), org, MemberRole.Administrator);
        var admin = await host.SignedInAsync(Email("admin"));
        var membershipId = await MembershipIdAsync(host, org, first.Id);

        var refused = await admin.PostFormAsync($"{Org}/members?handler=Update&membershipId={membershipId}", new() { ["role"] = "Employee", ["department"] = "" }, formPage: $"{Org}/members");

        Assert.Contains("最後の管理者", (await refused.HtmlAsync()).QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        await host.UserAsync(Email("second"), org, MemberRole.Administrator);
        var demoted = await admin.PostFormAsync($"{Org}/members?handler=Update&membershipId={membershipId}", new() { ["role"] = "Auditor", ["department"] = " 監査室 " }, formPage: $"{Org}/members");
        Assert.Equal(HttpStatusCode.Redirect, demoted.StatusCode);
        await using var db = host.Database.Open(org.Id);
        var membership = await db.Memberships.SingleAsync(m => m.Id == membershipId);
        Assert.Equal((MemberRole.Auditor, "監査室"), (membership.Role, membership.Department));
    }

    [Theory]
    [InlineData("Boss")]
    [InlineData("0")]
    [InlineData("99")]
    public async Task A_role_that_is_not_one_changes_nothing(string role)
    {
        var host = shared.Host;
        var org = await host.OrganizationAsync(_slug);
        await host.UserAsync(Email("admin"), org, MemberRole.Administrator);
        var officer = await host.UserAsync(Email("officer"), org, MemberRole.SecurityOfficer);
        var admin = await host.SignedInAsync(Email("admin"));
        var membershipId = await MembershipIdAsync(host, org, officer.Id);

        var response = await admin.PostFormAsync($"{Org}/members?handler=Update&membershipId={membershipId}", new() { ["role"] = role, ["department"] = "" }, formPage: $"{Org}/members");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = host.Database.Open(org.Id);
        Assert.Equal(MemberRole.SecurityOfficer, (await db.Memberships.SingleAsync(m => m.Id == membershipId)).Role);
    }

    [Fact]
    public async Task A_new_organization_and_its_first_administrator_are_written_together_by_the_site_administrator()
    {
        using var host = new WebHost();
        await host.OrganizationAsync("acme");
        var root = await host.UserAsync("root@example.jp", siteAdministrator: true);
        var client = await host.SignedInAsync("root@example.jp");

        var created = await client.PostFormAsync("/orgs/new", new() { ["Name"] = "新しい会社", ["Slug"] = "new-co" });

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var organization = await Mamori.Features.Organizations.ListOrganizations.FindAsync(host.Database, "new-co");
        await using var db = host.Database.Open(organization!.Id);
        Assert.Equal(root.Id, (await db.Memberships.SingleAsync(m => m.Role == MemberRole.Administrator)).UserId);
        var audit = await db.AuditEntries.OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal([("Organization", AuditAction.Created), ("Membership", AuditAction.Created)], audit.Select(e => (e.EntityType, e.Action)));
        Assert.All(audit, e => Assert.Equal("root@example.jp", e.Actor));
    }

    [Fact]
    public async Task The_roles_table_is_added_to_edited_reordered_and_emptied_rows_removed()
    {
        var host = shared.Host;
        var org = await host.OrganizationAsync(_slug);
        await host.UserAsync(Email("officer"), org, MemberRole.SecurityOfficer);
        var officer = await host.SignedInAsync(Email("officer"));

        var added = await officer.PostFormAsync($"{Org}/policy/roles", new()
        {
            ["Rows[0].Title"] = " 情報セキュリティ責任者 ",
            ["Rows[0].Responsibility"] = "全体の統括",
            ["Rows[0].Holders"] = "取締役 佐藤 花子",
            ["Rows[0].Key"] = "security_officer",
            ["Rows[1].Title"] = "システム管理者",
            ["Rows[2].Title"] = "",
        });

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var roles = await RolesAsync(host, org);
        Assert.Equal([("情報セキュリティ責任者", 1, "取締役 佐藤 花子"), ("システム管理者", 2, "")], roles.Select(r => (r.Title, r.Order, r.Holders)));

        var edited = await officer.PostFormAsync($"{Org}/policy/roles", new()
        {
            ["Rows[0].Id"] = roles[1].Id.ToString(),
            ["Rows[0].Title"] = "システム管理者（情報システム部）",
            ["Rows[1].Id"] = roles[0].Id.ToString(),
            ["Rows[1].Title"] = roles[0].Title,
            ["Rows[1].Remove"] = "true",
        });

        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var after = Assert.Single(await RolesAsync(host, org));
        Assert.Equal((roles[1].Id, "システム管理者（情報システム部）", 1), (after.Id, after.Title, after.Order));
    }

    [Fact]
    public async Task A_roles_value_over_its_length_is_refused_beside_the_table_and_nothing_is_saved()
    {
        var host = shared.Host;
        var org = await host.OrganizationAsync(_slug);
        await host.UserAsync(Email("officer"), org, MemberRole.SecurityOfficer);
        var officer = await host.SignedInAsync(Email("officer"));

        var response = await officer.PostFormAsync($"{Org}/policy/roles", new()
        {
            ["Rows[0].Title"] = "情報セキュリティ責任者",
            ["Rows[0].Key"] = new string('k', 65),
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("64 文字以内", (await response.HtmlAsync()).QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(await RolesAsync(host, org));
    }

    private static async Task<Guid> MembershipIdAsync(WebHost host, Organization org, string userId)
    {
        await using var db = host.Database.Open(org.Id);
        return (await db.Memberships.SingleAsync(m => m.UserId == userId)).Id;
    }

    private static async Task<List<Domain.Policies.PolicyRole>> RolesAsync(WebHost host, Organization org)
    {
        await using var db = host.Database.Open(org.Id);
        return await db.PolicyRoles.OrderBy(r => r.Order).ToListAsync();
    }
}
