using System.Net;
using System.Net.Http.Json;
using Mamori.Domain;
using Mamori.Domain.Assets;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Domain.Risk;
using Mamori.Domain.Treatments;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Mamori.Web.Tests;

/// <summary>
/// Every organization endpoint × every role × own and foreign organization, with the exact
/// status expected, and no trace of the foreign organization in any answer.
/// </summary>
public sealed class Authorization_matrix : IClassFixture<Authorization_matrix.World>
{
    private const MemberRole Admin = MemberRole.Administrator;
    private const MemberRole Officer = MemberRole.SecurityOfficer;
    private const MemberRole Manager = MemberRole.DepartmentManager;
    private const MemberRole Employee = MemberRole.Employee;
    private const MemberRole Auditor = MemberRole.Auditor;

    private static readonly MemberRole[] Everyone = [Admin, Officer, Manager, Employee, Auditor];
    private static readonly MemberRole[] Readers = [Admin, Officer, Manager, Auditor];
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
        ("GET", "/o/{org}/risks", Readers, HttpStatusCode.OK),
        ("GET", "/o/{org}/risks/{id}", Readers, HttpStatusCode.OK),
        ("GET", "/o/{org}/risks/{id:guid}/delete", RiskManagers, HttpStatusCode.OK),
        ("GET", "/o/{org}/treatments", Readers, HttpStatusCode.OK),
        ("GET", "/o/{org}/treatments/{id}", Readers, HttpStatusCode.OK),
        ("GET", "/o/{org}/audit", [Admin, Auditor], HttpStatusCode.OK),
        ("GET", "/o/{org}/profile", [Admin], HttpStatusCode.OK),
        ("GET", "/o/{org}/members", [Admin], HttpStatusCode.OK),
        ("GET", "/o/{org}/policy", Readers, HttpStatusCode.OK),
        ("GET", "/o/{org}/policy/{id}", Readers, HttpStatusCode.OK),
        ("GET", "/o/{org}/policy/{id:guid}/versions/{number:int}", Readers, HttpStatusCode.OK),
        ("GET", "/o/{org}/policy/{id:guid}/compare", Readers, HttpStatusCode.OK),
        ("GET", "/o/{org}/policy/{id:guid}/readers", Readers, HttpStatusCode.OK),
        ("GET", "/o/{org}/policy/roles", Readers, HttpStatusCode.OK),
        ("GET", "/o/{org}/policy/export", Readers, HttpStatusCode.OK),
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
        ("GET", "/api/v1/organizations/{org}/soa", Readers, HttpStatusCode.OK),
        ("GET", "/api/v1/organizations/{org}/soa/{control}", Readers, HttpStatusCode.OK),
        // The matrix's body carries no decision, so a permitted caller sets 未決定 on an undecided control: 200, nothing changes.
        ("PUT", "/api/v1/organizations/{org}/soa/{control}", RiskManagers, HttpStatusCode.OK),
        ("GET", "/api/v1/organizations/{org}/levels", Readers, HttpStatusCode.OK),
        ("GET", "/o/{org}/quick/assess", RiskManagers, HttpStatusCode.OK),
        ("GET", "/o/{org}/quick/generate", RiskManagers, HttpStatusCode.OK),
        ("GET", "/api/v1/organizations/{org}/documents", Readers, HttpStatusCode.OK),
        ("GET", "/api/v1/organizations/{org}/documents/{id:guid}", Readers, HttpStatusCode.OK),
        ("GET", "/api/v1/organizations/{org}/documents/export", Readers, HttpStatusCode.OK),
        ("GET", "/api/v1/organizations/{org}/", Everyone, HttpStatusCode.OK),
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

    [Fact]
    public void Every_organization_endpoint_of_the_application_is_in_the_matrix()
    {
        var routes = _world.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(p => p.Contains("{org}", StringComparison.Ordinal))
            .Select(p => p.Replace("/o/{org}/", "/o/{org}/", StringComparison.Ordinal))
            .ToHashSet();
        var covered = Endpoints.Select(e => e.Template).ToHashSet();
        // Pages whose only difference is the handler (new, edit) share a route with a covered one.
        covered.UnionWith(["/o/{org}/assets/{id}", "/o/{org}/risks/{id}", "/o/{org}/treatments/{id}"]);

        var missing = routes.Where(r => !covered.Contains(r) && !covered.Contains(r.TrimEnd('/'))).ToList();
        Assert.True(missing.Count == 0, "Not in the authorization matrix: " + string.Join(", ", missing));
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string url)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PUT")
        {
            // An empty name: a permitted caller gets 400 from validation, so authorization is tested without changing data.
            request.Content = JsonContent.Create(new { name = "", title = "", riskStatement = "", assetId = Guid.Empty });
        }

        return client.SendAsync(request);
    }

    /// <summary>Two organizations, each with one member per role and one of everything per role to read or delete.</summary>
    public sealed class World : IAsyncLifetime
    {
        public const string ForeignSecret = "他社の極秘資産";

        public WebHost Host { get; } = new();

        public Dictionary<MemberRole, HttpClient> PageClients { get; } = [];

        public Organization Own { get; private set; } = null!;

        public Organization Foreign { get; private set; } = null!;

        private readonly Dictionary<MemberRole, string> _tokens = [];
        // One set to read and update, and one set that DELETE cases may remove, so no case depends on another's order.
        private readonly Dictionary<(Guid Org, MemberRole Role, bool ForDeletion), (Guid Asset, Guid Risk, Guid Task)> _ids = [];
        private readonly Dictionary<Guid, Guid> _documents = [];

        public HttpClient ApiClient(MemberRole role)
        {
            var client = Host.CreateClient();
            client.UseToken(_tokens[role]);
            return client;
        }

        public string Url(string template, Organization organization, MemberRole role, bool forDeletion)
        {
            var (asset, risk, task) = _ids[(organization.Id, role, forDeletion)];
            var id = template.Contains("/risks", StringComparison.Ordinal) ? risk
                : template.Contains("/treatments", StringComparison.Ordinal) ? task
                : template.Contains("/policy", StringComparison.Ordinal) || template.Contains("/documents", StringComparison.Ordinal) ? _documents[organization.Id]
                : asset;
            var url = template.Replace("{org}", organization.Slug, StringComparison.Ordinal)
                .Replace("{id:guid}", id.ToString(), StringComparison.Ordinal)
                .Replace("{id}", id.ToString(), StringComparison.Ordinal)
                .Replace("{number:int}", "1", StringComparison.Ordinal)
                .Replace("{control}", "8.13", StringComparison.Ordinal);
            return url.EndsWith("/compare", StringComparison.Ordinal) ? url + "?from=1&to=1"
                : url.EndsWith("/quick/assess", StringComparison.Ordinal) || url.EndsWith("/quick/generate", StringComparison.Ordinal) ? url + "?topics=ransomware"
                : url.EndsWith("/export", StringComparison.Ordinal) && url.Contains("policy", StringComparison.Ordinal) || url.EndsWith("/documents/export", StringComparison.Ordinal) ? url + "?format=md&drafts=true"
                : url;
        }

        public async Task InitializeAsync()
        {
            Own = await Host.OrganizationAsync("own");
            Foreign = await Host.OrganizationAsync("foreign");
            foreach (var organization in new[] { Own, Foreign })
            {
                await using var db = Host.Database.Open(organization.Id);
                foreach (var role in Everyone)
                {
                    var name = organization == Foreign ? $"{ForeignSecret}-{role}" : $"資産-{role}";
                    var asset = new InformationAsset(organization.Id, name, Rating.High, Rating.Low, Rating.Low) { Department = "営業部" };
                    var deletableAsset = new InformationAsset(organization.Id, name + "-削除用", Rating.High, Rating.Low, Rating.Low) { Department = "営業部" };
                    db.Assets.AddRange(asset, deletableAsset);
                    // Risks and tasks to delete hang off the asset that is never deleted, so no cascade removes them first.
                    var risk = SeedExamples.LaptopScenario(organization.Id, asset.Id);
                    var deletableRisk = SeedExamples.LaptopScenario(organization.Id, asset.Id);
                    db.RiskScenarios.AddRange(risk, deletableRisk);
                    var task = new TreatmentTask(organization.Id, $"{name}の対策") { RiskScenarioId = risk.Id };
                    var deletableTask = new TreatmentTask(organization.Id, $"{name}の対策-削除用");
                    db.TreatmentTasks.AddRange(task, deletableTask);
                    _ids[(organization.Id, role, false)] = (asset.Id, risk.Id, task.Id);
                    _ids[(organization.Id, role, true)] = (deletableAsset.Id, deletableRisk.Id, deletableTask.Id);
                }

                var document = new PolicyDocument(organization.Id, DocumentKind.Standard, "1", organization == Foreign ? ForeignSecret + "の基準" : "基準");
                db.PolicyDocuments.Add(document);
                db.DocumentVersions.Add(new DocumentVersion(organization.Id, document.Id, 1, organization == Foreign ? ForeignSecret : "本文", "作成者", DateTimeOffset.UtcNow));
                _documents[organization.Id] = document.Id;
                await db.SaveChangesAsync();
            }

            foreach (var role in Everyone)
            {
                var email = $"{role.ToString().ToLowerInvariant()}@own.example.jp";
                var user = await Host.UserAsync(email, Own, role, department: role == Manager ? "営業部" : "");
                PageClients[role] = await Host.SignedInAsync(email);
                _tokens[role] = await The_REST_API.TokenAsync(Host, user);
            }
        }

        public Task DisposeAsync()
        {
            Host.Dispose();
            return Task.CompletedTask;
        }
    }
}
