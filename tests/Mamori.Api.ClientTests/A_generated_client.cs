using System.IO.Compression;
using System.Text;
using Mamori.Api.Client.Api.V1.Organizations.Item;
using Mamori.Api.Client.Models;
using Mamori.Features.Policies;
using Microsoft.Kiota.Abstractions;

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

    private static MultipartBody Register(string rows)
    {
        const string header = "業務分類,情報資産名称,備考,利用者範囲,リスク所有者,管理部署,媒体・保存先,機密性,完全性,可用性,重要度,被害発生可能性,リスクレベル\n";
        var body = new MultipartBody();
        body.AddOrReplacePart("file", "text/csv", new MemoryStream(Encoding.UTF8.GetBytes(header + rows)), "register.csv");
        return body;
    }

    [Fact]
    public async Task Imports_a_register_file_and_refuses_one_with_a_bad_row_naming_it()
    {
        var imported = await Acme.Assets.Import.PostAsync(Register("人事,API取込の社員名簿,,人事部,人事部長,人事部,人事担当者のPC,3,3,2,3,3,9\n"));
        var refused = await Assert.ThrowsAsync<ProblemDetails>(() =>
            Acme.Assets.Import.PostAsync(Register("経理,API取込の請求書,,経理部,経理部長,経理部,経理担当者のPC,3,3,2,3,2,6\n経理,API取込の誤り,,経理部,経理部長,経理部,経理担当者のPC,4,3,2,3,2,6\n")));

        Assert.Equal(1, imported!.Imported);
        Assert.Contains((await Acme.Assets.GetAsync(q => q.QueryParameters.Q = "API取込"))!.Items!, a => a.Name == "API取込の社員名簿");
        Assert.Equal(422, refused.ResponseStatusCode);
        Assert.Contains("problems", refused.AdditionalData.Keys);
        Assert.DoesNotContain((await Acme.Assets.GetAsync(q => q.QueryParameters.Q = "API取込"))!.Items!, a => a.Name == "API取込の請求書");
    }

    [Fact]
    public async Task Answers_the_self_diagnosis_and_reads_the_score_the_choices_add_up_to()
    {
        var questions = await Acme.SelfDiagnosis.Questions.GetAsync();
        var done = questions!.Choices!.Single(c => c.Answer == "Done");
        var answers = new DiagnosisAnswersRequest_answers();
        foreach (var question in questions.Questions!)
        {
            answers.AdditionalData[question.Number!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)] = "Done";
        }

        var response = await Acme.SelfDiagnosis.Responses.PostAsync(new DiagnosisAnswersRequest { Department = "総務部", Respondent = "api@example.jp", Answers = answers });

        Assert.Equal(questions.Questions!.Count * done.Points, response!.Score);
        Assert.Contains((await Acme.SelfDiagnosis.Responses.GetAsync())!.Items!, r => r.Id == response.Id);
    }

    [Fact]
    public async Task Writes_a_standard_and_takes_it_through_review_and_approval_to_publication()
    {
        var saved = await Acme.Documents.PostAsync(new SaveDocumentRequest
        {
            Kind = DocumentKind.Standard,
            Number = "API-1",
            Title = "APIで書いた対策基準",
            Body = "## 目的\n\n持ち出す機器を管理する。",
            Summary = "新規制定",
        });
        var document = saved!.Document!.Id!.Value;
        var draft = saved.Draft!.Number!.Value;

        await Acme.Documents[document].Versions[draft].Submit.PostAsync();
        await Acme.Documents[document].Versions[draft].Approve.PostAsync();
        var published = await Acme.Documents[document].Versions[draft].Publish.PostAsync();

        Assert.Equal("Published", published!.Status);
        Assert.Contains((await Acme.Documents[document].Versions.GetAsync())!.Versions!.Items!, v => v.Number == draft && v.Status == "Published");
    }
}
