using System.Net;
using System.Net.Http.Json;
using Mamori.Domain;
using Mamori.Domain.Organizations;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Web.Tests;

/// <summary>
/// Every organization endpoint × every role × own and foreign organization, with the exact
/// status expected, and no trace of the foreign organization in any answer.
/// </summary>
public sealed partial class Authorization_matrix : IClassFixture<Authorization_matrix.World>
{
    private const MemberRole Admin = MemberRole.Administrator;
    private const MemberRole Officer = MemberRole.SecurityOfficer;
    private const MemberRole Manager = MemberRole.DepartmentManager;
    private const MemberRole Employee = MemberRole.Employee;
    private const MemberRole Auditor = MemberRole.Auditor;
    private const MemberRole Expert = MemberRole.Expert;

    private static readonly MemberRole[] Everyone = [Admin, Officer, Manager, Employee, Auditor, Expert];
    private static readonly MemberRole[] Readers = [Admin, Officer, Manager, Auditor, Expert];
    private static readonly MemberRole[] Reviewers = [Admin, Officer, Expert];
    private static readonly MemberRole[] RiskManagers = [Admin, Officer];
    private static readonly MemberRole[] AssetWriters = [Admin, Officer, Manager];

    /// <summary>(method, route template, allowed roles, status when allowed). {asset} and friends are filled per organization.</summary>
    public static readonly (string Method, string Template, MemberRole[] Allowed, HttpStatusCode Ok)[] Endpoints =
    [
        ("GET", "/o/{org}", Everyone, HttpStatusCode.OK),
        ("GET", "/o/{org}/assets", Readers, HttpStatusCode.OK),
        ("GET", "/o/{org}/assets/{id}", Readers, HttpStatusCode.OK),
        ("GET", "/o/{org}/assets/{id:guid}/delete", AssetWriters, HttpStatusCode.OK),
        ("GET", "/o/{org}/assets/import", RiskManagers, HttpStatusCode.OK),
        ("GET", "/o/{org}/assets/export", Readers, HttpStatusCode.OK),
        ("GET", "/o/{org}/inventories", Readers, HttpStatusCode.OK),
        ("GET", "/o/{org}/inventories/{kind}", Readers, HttpStatusCode.OK),
        ("GET", "/o/{org}/inventories/{kind}/{id}", Readers, HttpStatusCode.OK),
        ("GET", "/o/{org}/inventories/{kind}/{id:guid}/delete", RiskManagers, HttpStatusCode.OK),
        ("GET", "/o/{org}/inventories/{kind}/import", RiskManagers, HttpStatusCode.OK),
        ("GET", "/o/{org}/risks", Readers, HttpStatusCode.OK),
        ("GET", "/o/{org}/risks/{id}", Readers, HttpStatusCode.OK),
        ("GET", "/o/{org}/risks/{id:guid}/delete", RiskManagers, HttpStatusCode.OK),
        ("GET", "/o/{org}/treatments", Readers, HttpStatusCode.OK),
        ("GET", "/o/{org}/treatments/{id}", Readers, HttpStatusCode.OK),
        ("GET", "/o/{org}/audit", [Admin, Auditor], HttpStatusCode.OK),
        ("GET", "/o/{org}/audit/imports/{id:guid}", [Admin, Auditor], HttpStatusCode.OK),
        ("GET", "/o/{org}/profile", [Admin], HttpStatusCode.OK),
        ("GET", "/o/{org}/members", [Admin], HttpStatusCode.OK),
        ("GET", "/o/{org}/notifications", [Admin], HttpStatusCode.OK),
        ("GET", "/o/{org}/policy", Readers, HttpStatusCode.OK),
        ("GET", "/o/{org}/policy/{id}", Readers, HttpStatusCode.OK),
        ("GET", "/o/{org}/policy/{id:guid}/versions/{number:int}", Readers, HttpStatusCode.OK),
        ("GET", "/o/{org}/policy/{id:guid}/compare", Readers, HttpStatusCode.OK),
        ("GET", "/o/{org}/policy/{id:guid}/readers", Readers, HttpStatusCode.OK),
        ("GET", "/o/{org}/policy/roles", Readers, HttpStatusCode.OK),
        ("GET", "/o/{org}/policy/export", Readers, HttpStatusCode.OK),
        ("GET", "/o/{org}/policy/public", [Admin], HttpStatusCode.OK),
        ("GET", "/o/{org}/policy/check", Readers, HttpStatusCode.OK),
        ("GET", "/o/{org}/policy/handbook", Readers, HttpStatusCode.OK),
        ("GET", "/o/{org}/procedures", Everyone, HttpStatusCode.OK),
        ("GET", "/o/{org}/quick", RiskManagers, HttpStatusCode.OK),
        ("GET", "/o/{org}/baseline", Everyone, HttpStatusCode.OK),
        ("GET", "/o/{org}/baseline/diagnosis", Everyone, HttpStatusCode.OK),
        ("GET", "/o/{org}/baseline/gaps", Readers, HttpStatusCode.OK),
        ("GET", "/o/{org}/baseline/tailor", Readers, HttpStatusCode.OK),
        ("GET", "/o/{org}/baseline/checklists", Everyone, HttpStatusCode.OK),
        ("GET", "/o/{org}/soa", Readers, HttpStatusCode.OK),
        ("GET", "/o/{org}/soa/{control}", Readers, HttpStatusCode.OK),
        ("GET", "/o/{org}/levels", Readers, HttpStatusCode.OK),
        ("GET", "/o/{org}/path", Readers, HttpStatusCode.OK),
        ("GET", "/o/{org}/path/company", [Admin], HttpStatusCode.OK),
        ("GET", "/o/{org}/rule-values", Readers, HttpStatusCode.OK),
        ("GET", "/api/v1/organizations/{org}/soa", Readers, HttpStatusCode.OK),
        ("GET", "/api/v1/organizations/{org}/soa/{control}", Readers, HttpStatusCode.OK),
        // The matrix's body carries no decision, so a permitted caller sets 未決定 on an undecided control: 200, nothing changes.
        ("PUT", "/api/v1/organizations/{org}/soa/{control}", RiskManagers, HttpStatusCode.OK),
        ("GET", "/api/v1/organizations/{org}/levels", Readers, HttpStatusCode.OK),
        ("GET", "/api/v1/organizations/{org}/top10-change", Readers, HttpStatusCode.NoContent),
        ("GET", "/api/v1/organizations/{org}/rule-values", Readers, HttpStatusCode.OK),
        // The matrix's body names no rule value, so a permitted caller is refused by validation: 400, nothing changes.
        ("PUT", "/api/v1/organizations/{org}/rule-values", RiskManagers, HttpStatusCode.BadRequest),
        ("GET", "/o/{org}/quick/assess", RiskManagers, HttpStatusCode.OK),
        ("GET", "/o/{org}/quick/generate", RiskManagers, HttpStatusCode.OK),
        ("GET", "/api/v1/organizations/{org}/documents", Readers, HttpStatusCode.OK),
        ("GET", "/api/v1/organizations/{org}/documents/{id:guid}", Readers, HttpStatusCode.OK),
        ("GET", "/api/v1/organizations/{org}/documents/export", Readers, HttpStatusCode.OK),
        ("GET", "/api/v1/organizations/{org}/documents/check", Readers, HttpStatusCode.OK),
        ("GET", "/api/v1/organizations/{org}", Everyone, HttpStatusCode.OK),
        ("GET", "/api/v1/organizations/{org}/assets", Readers, HttpStatusCode.OK),
        ("GET", "/api/v1/organizations/{org}/assets/{id:guid}", Readers, HttpStatusCode.OK),
        ("POST", "/api/v1/organizations/{org}/assets", AssetWriters, HttpStatusCode.BadRequest),
        ("PUT", "/api/v1/organizations/{org}/assets/{id:guid}", AssetWriters, HttpStatusCode.BadRequest),
        ("DELETE", "/api/v1/organizations/{org}/assets/{id:guid}", AssetWriters, HttpStatusCode.NoContent),
        ("GET", "/api/v1/organizations/{org}/risks", Readers, HttpStatusCode.OK),
        ("GET", "/api/v1/organizations/{org}/risks/{id:guid}", Readers, HttpStatusCode.OK),
        ("POST", "/api/v1/organizations/{org}/risks", RiskManagers, HttpStatusCode.BadRequest),
        ("PUT", "/api/v1/organizations/{org}/risks/{id:guid}", RiskManagers, HttpStatusCode.BadRequest),
        ("DELETE", "/api/v1/organizations/{org}/risks/{id:guid}", RiskManagers, HttpStatusCode.NoContent),
        ("GET", "/api/v1/organizations/{org}/treatments", Readers, HttpStatusCode.OK),
        ("GET", "/api/v1/organizations/{org}/treatments/{id:guid}", Readers, HttpStatusCode.OK),
        ("POST", "/api/v1/organizations/{org}/treatments", RiskManagers, HttpStatusCode.BadRequest),
        ("PUT", "/api/v1/organizations/{org}/treatments/{id:guid}", RiskManagers, HttpStatusCode.BadRequest),
        ("DELETE", "/api/v1/organizations/{org}/treatments/{id:guid}", RiskManagers, HttpStatusCode.NoContent),
        ("GET", "/o/{org}/scs", Readers, HttpStatusCode.OK),
        ("GET", "/o/{org}/scs/{criterion}", Readers, HttpStatusCode.OK),
        ("GET", "/o/{org}/scs/gaps", Readers, HttpStatusCode.OK),
        ("GET", "/o/{org}/scs/checks", Readers, HttpStatusCode.OK),
        ("GET", "/api/v1/organizations/{org}/scs", Readers, HttpStatusCode.OK),
        ("GET", "/api/v1/organizations/{org}/scs/{criterion}", Readers, HttpStatusCode.OK),
        // No ★3 assessment is started in the matrix's world, so a permitted caller finds no year to answer in: 404, nothing changes.
        ("PUT", "/api/v1/organizations/{org}/scs/{criterion}", RiskManagers, HttpStatusCode.NotFound),
        ("POST", "/api/v1/organizations/{org}/scs/{criterion}/review", Reviewers, HttpStatusCode.NotFound),
        ("POST", "/api/v1/organizations/{org}/assets/import", RiskManagers, HttpStatusCode.BadRequest),
        ("GET", "/api/v1/organizations/{org}/assets/export", Readers, HttpStatusCode.OK),
        ("POST", "/api/v1/organizations/{org}/documents", RiskManagers, HttpStatusCode.BadRequest),
        ("PUT", "/api/v1/organizations/{org}/documents/{id:guid}", RiskManagers, HttpStatusCode.BadRequest),
        // Steps name a version the document does not have (Url), so a permitted caller gets 404 and no version moves.
        ("POST", "/api/v1/organizations/{org}/documents/{id:guid}/versions/{number:int}/submit", RiskManagers, HttpStatusCode.NotFound),
        ("POST", "/api/v1/organizations/{org}/documents/{id:guid}/versions/{number:int}/return", RiskManagers, HttpStatusCode.NotFound),
        ("POST", "/api/v1/organizations/{org}/documents/{id:guid}/versions/{number:int}/approve", RiskManagers, HttpStatusCode.NotFound),
        ("POST", "/api/v1/organizations/{org}/documents/{id:guid}/versions/{number:int}/publish", RiskManagers, HttpStatusCode.NotFound),
        ("GET", "/api/v1/organizations/{org}/documents/{id:guid}/versions", Readers, HttpStatusCode.OK),
        ("GET", "/api/v1/organizations/{org}/documents/{id:guid}/versions/{number:int}", Readers, HttpStatusCode.OK),
        ("GET", "/api/v1/organizations/{org}/documents/{id:guid}/compare", Readers, HttpStatusCode.OK),
        ("GET", "/api/v1/organizations/{org}/documents/{id:guid}/readers", Readers, HttpStatusCode.OK),
        ("GET", "/api/v1/organizations/{org}/procedures", Everyone, HttpStatusCode.OK),
        // The matrix's body names no version: 400 for everyone, nothing is acknowledged.
        ("POST", "/api/v1/organizations/{org}/procedures/{id:guid}/acknowledgement", Everyone, HttpStatusCode.BadRequest),
        ("GET", "/api/v1/organizations/{org}/roles", Readers, HttpStatusCode.OK),
        // The matrix's body has no rows: a permitted caller saves the table unchanged.
        ("PUT", "/api/v1/organizations/{org}/roles", RiskManagers, HttpStatusCode.OK),
        ("GET", "/api/v1/organizations/{org}/self-diagnosis/questions", Everyone, HttpStatusCode.OK),
        ("GET", "/api/v1/organizations/{org}/self-diagnosis", Everyone, HttpStatusCode.OK),
        ("GET", "/api/v1/organizations/{org}/self-diagnosis/responses", Everyone, HttpStatusCode.OK),
        // The matrix's body answers nothing: 400 naming the items, nothing recorded.
        ("POST", "/api/v1/organizations/{org}/self-diagnosis/responses", [Admin, Officer, Manager, Employee], HttpStatusCode.BadRequest),
        ("GET", "/api/v1/organizations/{org}/self-diagnosis/gaps", Readers, HttpStatusCode.OK),
        ("GET", "/api/v1/organizations/{org}/members", [Admin], HttpStatusCode.OK),
        ("GET", "/api/v1/organizations/{org}/invitations", [Admin], HttpStatusCode.OK),
        ("POST", "/api/v1/organizations/{org}/invitations", [Admin], HttpStatusCode.BadRequest),
        // The id is an asset's, no invitation's: 404 for the administrator, nothing withdrawn.
        ("DELETE", "/api/v1/organizations/{org}/invitations/{id:guid}", [Admin], HttpStatusCode.NotFound),
        ("GET", "/api/v1/organizations/{org}/audit", [Admin, Auditor], HttpStatusCode.OK),
        ("GET", "/api/v1/organizations/{org}/audit/verify", [Admin, Auditor], HttpStatusCode.OK),
        ("GET", "/api/v1/organizations/{org}/quick/threats", RiskManagers, HttpStatusCode.OK),
        // No topics named: 400 naming them, nothing generated or adopted.
        ("GET", "/api/v1/organizations/{org}/quick/standards", RiskManagers, HttpStatusCode.BadRequest),
        ("POST", "/api/v1/organizations/{org}/quick/standards", RiskManagers, HttpStatusCode.BadRequest),
        ("POST", "/api/v1/organizations/{org}/quick/scenarios", RiskManagers, HttpStatusCode.BadRequest),
        ("GET", "/api/v1/organizations/{org}/baseline/tailoring", Readers, HttpStatusCode.OK),
        // No holders named: the roles stay as they are.
        ("PUT", "/api/v1/organizations/{org}/baseline/holders", RiskManagers, HttpStatusCode.OK),
        // Adoption takes no input: a permitted caller adopts the chapters as drafts (the second finds nothing new); no other case answers differently for it.
        ("POST", "/api/v1/organizations/{org}/baseline/adoption", RiskManagers, HttpStatusCode.OK),
        ("GET", "/api/v1/organizations/{org}/inventories/{kind}", Readers, HttpStatusCode.OK),
        ("GET", "/api/v1/organizations/{org}/inventories/{kind}/{id:guid}", Readers, HttpStatusCode.OK),
        ("POST", "/api/v1/organizations/{org}/inventories/{kind}", RiskManagers, HttpStatusCode.BadRequest),
        ("PUT", "/api/v1/organizations/{org}/inventories/{kind}/{id:guid}", RiskManagers, HttpStatusCode.BadRequest),
        // The id is an asset's, no entry's: 404 for a permitted caller, so the one entry stays for the other cases.
        ("DELETE", "/api/v1/organizations/{org}/inventories/{kind}/{id:guid}", RiskManagers, HttpStatusCode.NotFound),
        // The body is JSON, no form with a file: 400 naming the file, nothing imported.
        ("POST", "/api/v1/organizations/{org}/inventories/{kind}/import", RiskManagers, HttpStatusCode.BadRequest),
        ("GET", "/api/v1/organizations/{org}/inventories/{kind}/export", Readers, HttpStatusCode.OK),
    ];

    private readonly World _world;

    public Authorization_matrix(World world) => _world = world;

    public static TheoryData<int, MemberRole> Cases()
    {
        var data = new TheoryData<int, MemberRole>();
        for (var i = 0; i < Endpoints.Length; i++)
        {
            foreach (var role in Everyone)
            {
                data.Add(i, role);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Own_organization_answers_by_role_and_foreign_is_404_without_its_data(int index, MemberRole role)
    {
        var (method, template, allowed, ok) = Endpoints[index];
        var api = template.StartsWith("/api", StringComparison.Ordinal);
        var client = api ? _world.ApiClient(role) : _world.PageClients[role];

        var own = await SendAsync(client, method, _world.Url(template, _world.Own, role, forDeletion: method == "DELETE"));
        var expected = allowed.Contains(role) ? ok : HttpStatusCode.Forbidden;
        Assert.True(expected == own.StatusCode, $"{method} {template} as {role}: expected {(int)expected}, got {(int)own.StatusCode}");

        var foreign = await SendAsync(client, method, _world.Url(template, _world.Foreign, role, forDeletion: method == "DELETE"));
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        var body = await foreign.Content.ReadAsStringAsync();
        Assert.DoesNotContain(World.ForeignSecret, body, StringComparison.Ordinal);
    }

    /// <summary>
    /// Page writes and named page handlers of an organization: (method, route, handler, roles allowed).
    /// Roles not allowed must get 403 and change nothing; every role gets 404 in a foreign organization.
    /// Allowed roles are not sent here (their success is each feature's own test), so no case changes data another reads.
    /// </summary>
    public static readonly (string Method, string Template, string Handler, MemberRole[] Allowed)[] Handlers =
    [
        ("POST", "/o/{org}/assets/import", "", RiskManagers),
        ("POST", "/o/{org}/assets/{id:guid}/delete", "", AssetWriters),
        ("POST", "/o/{org}/assets/{id}", "", AssetWriters),
        ("GET", "/o/{org}/inventories/{kind}", "Export", Readers),
        ("POST", "/o/{org}/inventories/{kind}/{id}", "", RiskManagers),
        ("POST", "/o/{org}/inventories/{kind}/{id:guid}/delete", "", RiskManagers),
        ("POST", "/o/{org}/inventories/{kind}/import", "", RiskManagers),
        ("POST", "/o/{org}/baseline/diagnosis", "", [Admin, Officer, Manager, Employee]),
        ("POST", "/o/{org}/baseline/tailor", "Holders", RiskManagers),
        ("POST", "/o/{org}/baseline/tailor", "Adopt", RiskManagers),
        ("POST", "/o/{org}/members", "Invite", [Admin]),
        ("POST", "/o/{org}/members", "Revoke", [Admin]),
        ("POST", "/o/{org}/members", "Update", [Admin]),
        ("POST", "/o/{org}/members", "Remove", [Admin]),
        ("POST", "/o/{org}", "AdoptThreat", RiskManagers),
        ("POST", "/o/{org}", "TopThreatsChecked", RiskManagers),
        ("POST", "/o/{org}/policy", "Start", RiskManagers),
        ("POST", "/o/{org}/policy", "AddForms", RiskManagers),
        ("POST", "/o/{org}/policy", "PublishTogether", RiskManagers),
        ("POST", "/o/{org}/path", "AddFiveRules", RiskManagers),
        ("POST", "/o/{org}/path", "StartBasicPolicy", RiskManagers),
        ("POST", "/o/{org}/path", "Declaration", [Admin]),
        ("POST", "/o/{org}/path/company", "", [Admin]),
        ("POST", "/o/{org}/policy/public", "Publish", [Admin]),
        ("POST", "/o/{org}/policy/public", "Revoke", [Admin]),
        ("POST", "/o/{org}/policy/roles", "", RiskManagers),
        ("POST", "/o/{org}/policy/{id}", "", RiskManagers),
        ("POST", "/o/{org}/policy/{id}", "Preview", RiskManagers),
        ("POST", "/o/{org}/policy/{id}", "PreviewFragment", RiskManagers),
        ("POST", "/o/{org}/policy/{id}", "Step", RiskManagers),
        ("POST", "/o/{org}/procedures", "", [Admin, Officer, Manager, Employee, Auditor]),
        ("POST", "/o/{org}/profile", "", [Admin]),
        ("POST", "/o/{org}/notifications", "", [Admin]),
        ("POST", "/o/{org}/quick/assess", "", RiskManagers),
        ("POST", "/o/{org}/quick/generate", "", RiskManagers),
        ("POST", "/o/{org}/risks/{id:guid}/delete", "", RiskManagers),
        ("POST", "/o/{org}/rule-values", "", RiskManagers),
        ("POST", "/o/{org}/risks/{id}", "", RiskManagers),
        ("POST", "/o/{org}/risks/{id}", "Tasks", RiskManagers),
        ("POST", "/o/{org}/risks/{id}", "Accept", RiskManagers),
        ("GET", "/o/{org}/soa", "Export", Readers),
        ("GET", "/o/{org}/soa", "Word", Readers),
        ("GET", "/o/{org}/soa", "Readiness", Readers),
        ("GET", "/o/{org}/soa", "ReadinessPdf", Readers),
        ("POST", "/o/{org}/soa", "Confirm", RiskManagers),
        ("POST", "/o/{org}/soa", "Generate", RiskManagers),
        ("GET", "/o/{org}/soa/{control}", "Evidence", Readers),
        ("POST", "/o/{org}/soa/{control}", "", RiskManagers),
        ("POST", "/o/{org}/soa/{control}", "Upload", RiskManagers),
        ("POST", "/o/{org}/soa/{control}", "Remove", RiskManagers),
        ("POST", "/o/{org}/treatments/{id}", "", RiskManagers),
        ("POST", "/o/{org}/treatments/{id}", "Delete", RiskManagers),
        ("POST", "/o/{org}/scs", "Start", RiskManagers),
        ("POST", "/o/{org}/scs", "Confirm", RiskManagers),
        ("POST", "/o/{org}/scs", "RequestAll", RiskManagers),
        ("POST", "/o/{org}/scs", "Opinion", [Expert]),
        ("POST", "/o/{org}/scs", "Representative", RiskManagers),
        ("GET", "/o/{org}/scs", "Workbook", Readers),
        ("GET", "/o/{org}/scs", "Word", Readers),
        ("GET", "/o/{org}/scs", "Pledge", Readers),
        ("GET", "/o/{org}/scs", "PledgePdf", Readers),
        ("POST", "/o/{org}/scs/{criterion}", "", RiskManagers),
        ("POST", "/o/{org}/scs/{criterion}", "Review", Reviewers),
        ("POST", "/o/{org}/scs/{criterion}", "Task", RiskManagers),
        ("POST", "/o/{org}/scs/{criterion}", "Upload", RiskManagers),
        ("POST", "/o/{org}/scs/{criterion}", "Remove", RiskManagers),
        ("GET", "/o/{org}/scs/{criterion}", "Evidence", Readers),
        ("POST", "/o/{org}/scs/gaps", "Task", RiskManagers),
        ("POST", "/o/{org}/scs/checks", "Complete", RiskManagers),
    ];

    /// <summary>Who may reach an endpoint outside any organization.</summary>
    public enum Access
    {
        Anyone,
        SignedIn,
        SiteAdministrator,
    }

    /// <summary>Every endpoint outside organizations: (method, route, handler, who may reach it).</summary>
    public static readonly (string Method, string Template, string Handler, Access Access)[] Outside =
    [
        ("GET", "/", "", Access.SignedIn),
        ("GET", "/account/2fa", "", Access.SignedIn),
        ("POST", "/account/2fa", "Enable", Access.SignedIn),
        ("POST", "/account/2fa", "Disable", Access.SignedIn),
        ("GET", "/account/denied", "", Access.Anyone),
        ("GET", "/account/notifications", "", Access.SignedIn),
        ("POST", "/account/notifications", "", Access.SignedIn),
        ("GET", "/account/external", "", Access.Anyone),
        ("GET", "/account/external", "Callback", Access.Anyone),
        ("POST", "/account/external", "", Access.Anyone),
        ("GET", "/account/password", "", Access.SignedIn),
        ("POST", "/account/password", "", Access.SignedIn),
        ("GET", "/account/signin", "", Access.Anyone),
        ("POST", "/account/signin", "", Access.Anyone),
        ("GET", "/account/signin-2fa", "", Access.Anyone),
        ("POST", "/account/signin-2fa", "", Access.Anyone),
        ("GET", "/account/signout", "", Access.SignedIn),
        ("POST", "/account/signout", "", Access.SignedIn),
        ("GET", "/account/tokens", "", Access.SignedIn),
        ("POST", "/account/tokens", "Create", Access.SignedIn),
        ("POST", "/account/tokens", "Revoke", Access.SignedIn),
        ("GET", "/api-reference/{documentName?}", "", Access.SignedIn),
        // Scalar's own script files (the same in every installation) are public; the page that reads the document is not.
        ("GET", "/api-reference/favicon.svg", "", Access.Anyone),
        ("GET", "/api-reference/scalar.aspnetcore.js", "", Access.Anyone),
        ("GET", "/api-reference/scalar.js", "", Access.Anyone),
        ("GET", "/api/v1/catalog/controls", "", Access.SignedIn),
        ("GET", "/api/v1/catalog/threats", "", Access.SignedIn),
        ("GET", "/api/v1/catalog/top10", "", Access.SignedIn),
        ("GET", "/api/v1/catalog/vulnerabilities", "", Access.SignedIn),
        ("GET", "/api/v1/organizations", "", Access.SignedIn),
        ("GET", "/catalog/controls", "", Access.SignedIn),
        ("GET", "/catalog/glossary", "", Access.SignedIn),
        ("GET", "/catalog/threats", "", Access.SignedIn),
        ("GET", "/catalog/top10", "", Access.SignedIn),
        ("GET", "/catalog/vulnerabilities", "", Access.SignedIn),
        ("POST", "/culture", "", Access.Anyone),
        ("GET", "/error", "", Access.Anyone),
        ("GET", "/health", "", Access.Anyone),
        ("GET", "/invitations/{token}", "", Access.Anyone),
        ("POST", "/invitations/{token}", "Accept", Access.Anyone),
        ("POST", "/invitations/{token}", "Register", Access.Anyone),
        ("GET", "/openapi/{documentName}.json", "", Access.Anyone),
        ("GET", "/orgs", "", Access.SignedIn),
        ("GET", "/scs/clients", "", Access.SignedIn),
        ("GET", "/p/{token}", "", Access.Anyone),
        ("GET", "/p/{token}", "Pdf", Access.Anyone),
        ("GET", "/orgs/new", "", Access.SiteAdministrator),
        ("POST", "/orgs/new", "", Access.SiteAdministrator),
        ("GET", "/orgs/archives", "", Access.SiteAdministrator),
        ("POST", "/orgs/archives", "Export", Access.SiteAdministrator),
        ("POST", "/orgs/archives", "Import", Access.SiteAdministrator),
        ("GET", "/setup", "", Access.Anyone),
        ("POST", "/setup", "", Access.Anyone),
        ("GET", "/status/{code:int}", "", Access.Anyone),
    ];

    public static TheoryData<int, MemberRole> HandlerCases()
    {
        var data = new TheoryData<int, MemberRole>();
        for (var i = 0; i < Handlers.Length; i++)
        {
            foreach (var role in Everyone)
            {
                data.Add(i, role);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(HandlerCases))]
    public async Task A_page_handler_refuses_roles_without_it_and_is_404_in_a_foreign_organization(int index, MemberRole role)
    {
        var (method, template, handler, allowed) = Handlers[index];
        var client = _world.PageClients[role];
        var token = await client.AntiforgeryTokenAsync("/account/tokens");
        Assert.False(string.IsNullOrEmpty(token));

        if (!allowed.Contains(role))
        {
            var own = await SendPageAsync(client, method, _world.Url(template, _world.Own, role, forDeletion: true), handler, token);
            Assert.True(own.StatusCode == HttpStatusCode.Forbidden, $"{method} {template}?handler={handler} as {role}: expected 403, got {(int)own.StatusCode}");
        }

        var foreign = await SendPageAsync(client, method, _world.Url(template, _world.Foreign, role, forDeletion: true), handler, token);
        Assert.True(foreign.StatusCode == HttpStatusCode.NotFound, $"{method} {template}?handler={handler} as {role} in a foreign organization: expected 404, got {(int)foreign.StatusCode}");
        Assert.DoesNotContain(World.ForeignSecret, await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public static TheoryData<int> OutsideCases()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < Outside.Length; i++)
        {
            data.Add(i);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OutsideCases))]
    public async Task An_endpoint_outside_organizations_turns_away_whoever_may_not_reach_it(int index)
    {
        var (method, template, handler, access) = Outside[index];
        var url = template.Replace("{documentName}", "v1", StringComparison.Ordinal).Replace("{documentName?}", "", StringComparison.Ordinal).Replace("{code:int}", "404", StringComparison.Ordinal);
        var anonymous = await SendPageAsync(_world.Host.Browser(), method, url, handler, token: null);
        var turnedAway = anonymous.StatusCode == HttpStatusCode.Unauthorized
            || (anonymous.StatusCode == HttpStatusCode.Redirect && anonymous.Headers.Location!.OriginalString.Contains("/account/signin?ReturnUrl=", StringComparison.Ordinal));
        Assert.True(turnedAway == (access != Access.Anyone), $"{method} {url} anonymously answered {(int)anonymous.StatusCode} {anonymous.Headers.Location}");

        if (access == Access.SiteAdministrator)
        {
            var member = _world.PageClients[Admin];
            var token = await member.AntiforgeryTokenAsync("/account/tokens");
            var refused = await SendPageAsync(member, method, url, handler, token);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
    }

    [Fact]
    public async Task Every_endpoint_and_page_handler_of_the_application_is_in_the_matrix()
    {
        var listed = Endpoints.Select(e => new AppEndpoint(e.Method, e.Template, ""))
            .Concat(Handlers.Select(e => new AppEndpoint(e.Method, e.Template, e.Handler)))
            .Concat(Outside.Select(e => new AppEndpoint(e.Method, e.Template, e.Handler)))
            .ToHashSet();

        var missing = (await AppEndpoints.AllAsync(_world.Host.Services)).Where(e => !listed.Contains(e)).ToList();

        Assert.True(missing.Count == 0, "Not in the authorization matrix: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task The_matrix_lists_no_endpoint_the_application_does_not_have()
    {
        var all = (await AppEndpoints.AllAsync(_world.Host.Services)).ToHashSet();
        var listed = Endpoints.Select(e => new AppEndpoint(e.Method, e.Template, ""))
            .Concat(Handlers.Select(e => new AppEndpoint(e.Method, e.Template, e.Handler)))
            .Concat(Outside.Select(e => new AppEndpoint(e.Method, e.Template, e.Handler)));

        var stale = listed.Where(e => !all.Contains(e)).ToList();

        Assert.True(stale.Count == 0, "In the matrix but not in the application: " + string.Join(", ", stale));
    }

    private static Task<HttpResponseMessage> SendPageAsync(HttpClient client, string method, string url, string handler, string? token)
    {
        if (handler.Length > 0)
        {
            url += (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "handler=" + handler;
        }

        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method == "POST")
        {
            request.Content = new FormUrlEncodedContent(token is null ? [] : [KeyValuePair.Create("__RequestVerificationToken", token)]);
        }

        return client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string url)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (url.StartsWith("/api/", StringComparison.Ordinal) && url.EndsWith("/assets/import", StringComparison.Ordinal))
        {
            // The form the import takes, without its file: a permitted caller gets 400 naming the file, nothing is imported.
            request.Content = new MultipartFormDataContent { { new StringContent("-"), "note" } };
        }
        else if (method is "POST" or "PUT")
        {
            // An empty name: a permitted caller gets 400 from validation, so authorization is tested without changing data.
            request.Content = JsonContent.Create(new { name = "", title = "", riskStatement = "", assetId = Guid.Empty });
        }

        return client.SendAsync(request);
    }
}
