using Mamori.Domain;
using Mamori.Domain.Assets;
using Mamori.Domain.Organizations;
using Mamori.Domain.Policies;
using Mamori.Domain.Risk;
using Mamori.Domain.Treatments;

namespace Mamori.Web.Tests;

public sealed partial class Authorization_matrix
{
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
        private readonly Dictionary<Guid, Guid> _imports = [];
        private readonly Dictionary<Guid, Guid> _inventoryItems = [];

        public HttpClient ApiClient(MemberRole role)
        {
            var client = Host.CreateClient();
            client.UseToken(_tokens[role]);
            return client;
        }

        public string Url(string template, Organization organization, MemberRole role, bool forDeletion)
        {
            var (asset, risk, task) = _ids[(organization.Id, role, forDeletion)];
            var id = template.Contains("/audit/imports", StringComparison.Ordinal) ? _imports[organization.Id]
                : template.Contains("/inventories", StringComparison.Ordinal) && !(forDeletion && template.StartsWith("/api/", StringComparison.Ordinal)) ? _inventoryItems[organization.Id]
                : template.Contains("/risks", StringComparison.Ordinal) ? risk
                : template.Contains("/treatments", StringComparison.Ordinal) ? task
                : template.Contains("/policy", StringComparison.Ordinal) || template.Contains("/documents", StringComparison.Ordinal) ? _documents[organization.Id]
                : asset;
            var url = template.Replace("{org}", organization.Slug, StringComparison.Ordinal)
                .Replace("{id:guid}", id.ToString(), StringComparison.Ordinal)
                .Replace("{id}", id.ToString(), StringComparison.Ordinal)
                .Replace("{number:int}", IsLifecycleStep(template) ? "99" : "1", StringComparison.Ordinal)
                .Replace("{control}", "8.13", StringComparison.Ordinal)
                .Replace("{criterion}", "4-1-3-4", StringComparison.Ordinal)
                .Replace("{kind}", "devices", StringComparison.Ordinal);
            return url.EndsWith("/compare", StringComparison.Ordinal) ? url + "?from=1&to=1"
                : url.EndsWith("/quick/assess", StringComparison.Ordinal) || url.EndsWith("/quick/generate", StringComparison.Ordinal) ? url + "?topics=ransomware"
                : url.EndsWith("/export", StringComparison.Ordinal) && url.Contains("policy", StringComparison.Ordinal) || url.EndsWith("/documents/export", StringComparison.Ordinal) ? url + "?format=md&drafts=true"
                : url;
        }

        private static bool IsLifecycleStep(string template) =>
            new[] { "/submit", "/return", "/approve", "/publish" }.Any(s => template.EndsWith(s, StringComparison.Ordinal));

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
                var import = new RegisterImport(organization.Id, "台帳.csv", System.Text.Encoding.UTF8.GetBytes(organization == Foreign ? ForeignSecret : "台帳"), DateTimeOffset.UtcNow, "system");
                import.Completed(0);
                db.RegisterImports.Add(import);
                _imports[organization.Id] = import.Id;
                var device = new Domain.Inventories.InventoryItem(organization.Id, Domain.Inventories.InventoryKind.Devices, organization == Foreign ? ForeignSecret + "のPC" : "PC");
                db.InventoryItems.Add(device);
                _inventoryItems[organization.Id] = device.Id;
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
