using System.IO.Compression;
using Mamori.Api.Client.Api.V1.Organizations.Item;
using Mamori.Api.Client.Models;
using Mamori.Features.Policies;

namespace Mamori.Api.ClientTests;

/// <summary>
/// The client Kiota generates from the OpenAPI document, compiled and calling a live server with a
/// personal access token. Each test is one thing a script does, on data of its own; a new endpoint gets
/// a test here once openapi.json has it.
/// </summary>
public sealed class A_generated_client(LiveServer server) : IClassFixture<LiveServer>
{
    private WithOrgItemRequestBuilder Acme => server.Client.Api.V1.Organizations[LiveServer.Slug];

    private async Task<AssetDto> AssetAsync(string name)
    {
        var asset = await Acme.Assets.PostAsync(new SaveAssetRequest
        {
            BusinessCategory = "営業",
            Name = name,
            Confidentiality = 3,
            Integrity = 2,
            Availability = 2,
            Likelihood = 2,
        });
        return asset!;
    }

    [Fact]
    public async Task Lists_the_organizations_of_the_tokens_user_with_the_role()
    {
        var organizations = await server.Client.Api.V1.Organizations.GetAsync();

        var acme = Assert.Single(organizations!);
        Assert.Equal((LiveServer.Slug, "SecurityOfficer"), (acme.Slug, acme.Role));
    }

    [Fact]
    public async Task Creates_an_asset_and_reads_it_back()
    {
        var created = await AssetAsync("顧客リスト");

        var read = await Acme.Assets[created.Id!.Value].GetAsync();

        Assert.Equal(("顧客リスト", 3, 6, "high"), (read!.Name, read.Importance, read.RiskValue, read.Band));
        var page = await Acme.Assets.GetAsync(q => q.QueryParameters.Q = "顧客リスト");
        Assert.Contains(page!.Items!, a => a.Id == created.Id);
    }

    [Fact]
    public async Task Reads_a_refused_asset_as_a_validation_problem_naming_the_field()
    {
        var problem = await Assert.ThrowsAsync<HttpValidationProblemDetails>(() =>
            Acme.Assets.PostAsync(new SaveAssetRequest { Name = "評価が範囲外の資産", Confidentiality = 4, Integrity = 3, Availability = 3 }));

        Assert.Equal(400, problem.ResponseStatusCode);
        Assert.Contains("confidentiality", problem.Errors!.AdditionalData.Keys);
    }

    [Fact]
    public async Task Reads_an_unknown_asset_as_a_404_problem()
    {
        var problem = await Assert.ThrowsAsync<ProblemDetails>(() => Acme.Assets[Guid.NewGuid()].GetAsync());

        Assert.Equal((404, 404), (problem.ResponseStatusCode, problem.Status));
    }

    [Fact]
    public async Task Creates_a_risk_scenario_on_an_asset()
    {
        var asset = await AssetAsync("ノートPC内の情報");

        var risk = await Acme.Risks.PostAsync(new SaveRiskScenarioRequest
        {
            AssetId = asset.Id,
            ThreatId = "theft-of-equipment",
            ThreatDescription = "社外への持ち出し",
            RiskStatement = "盗難による情報漏えい",
            VulnerabilityIds = ["sw-poor-password-management"],
            Controls = [new SaveRiskScenarioControlInput { ControlId = "8.5", Measure = "複雑なパスワードの設定" }],
            ThreatLikelihood = 3,
            VulnerabilityExposure = 3,
            Treatment = RiskTreatment.Reduce,
        });

        Assert.Equal((asset.Id, "ノートPC内の情報", "theft-of-equipment"), (risk!.AssetId, risk.AssetName, risk.ThreatId));
        var risks = await Acme.Risks.GetAsync();
        Assert.Contains(risks!, r => r.Id == risk.Id && r.Controls!.Single().ControlId == "8.5");
    }

    [Fact]
    public async Task Reads_the_statement_of_applicability_with_every_control()
    {
        var soa = await Acme.Soa.GetAsync();

        Assert.Equal(93, soa!.Controls);
        Assert.Equal(93, soa.Rows!.Count);
        var row = await Acme.Soa["5.1"].GetAsync();
        Assert.Equal("5.1", row!.ControlId);
    }

    [Fact]
    public async Task Exports_the_draft_policy_set_as_a_zip_of_Markdown_files()
    {
        await using (var db = server.Host.Database.Open(server.Organization.Id))
        {
            await StartPolicySet.HandleAsync(db, server.Organization, "api@example.jp", System.Globalization.CultureInfo.GetCultureInfo("ja-JP"), DateTimeOffset.UtcNow);
        }

        await using var export = await Acme.Documents.Export.GetAsync(q =>
        {
            q.QueryParameters.Format = "md";
            q.QueryParameters.Drafts = true;
        });

        using var zip = new ZipArchive(export!, ZipArchiveMode.Read);
        Assert.Contains(zip.Entries, e => e.FullName.EndsWith(".md", StringComparison.Ordinal));
    }
}
