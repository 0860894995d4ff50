using Mamori.Data;
using Mamori.Documents.Xlsx;
using Mamori.Domain;
using Mamori.Domain.Assets;
using Mamori.Domain.Organizations;
using Mamori.Domain.Risk;
using Mamori.Domain.Treatments;
using Mamori.Features.Assets;

namespace Mamori.Bench;

/// <summary>
/// The benchmark's data, made from a fixed seed so that two runs measure the same thing:
/// registers of Japanese asset names across departments, ratings, risk scenarios and treatments.
/// </summary>
public static class BenchData
{
    public const int Seed = 20260401;

    private static readonly string[] Departments =
        ["総務部", "人事部", "経理部", "営業部", "開発部", "製造部", "品質管理部", "情報システム部", "法務部", "購買部", "物流部", "カスタマーサポート部"];

    private static readonly string[] Categories =
        ["人事", "給与", "経理", "営業", "顧客管理", "製造", "品質保証", "研究開発", "情報システム", "総務", "法務", "購買"];

    private static readonly string[] Items =
        ["顧客名簿", "見積書", "請求書", "契約書", "給与明細", "人事評価記録", "設計図面", "ソースコード", "社員名簿", "取引先台帳",
         "業務日報", "会議議事録", "入退室記録", "アクセスログ", "製品仕様書", "検査成績書", "発注書", "健康診断結果", "マイナンバー台帳", "バックアップテープ"];

    private static readonly string[] Places =
        ["東京本社", "大阪支店", "名古屋支店", "福岡営業所", "札幌営業所", "仙台工場", "横浜物流センター", "広島営業所"];

    private static readonly string[] Media =
        ["紙（施錠キャビネット）", "ファイルサーバ", "クラウドストレージ", "ノートPC", "USBメモリ", "基幹システム", "メール", "外付けHDD"];

    private static readonly string[] Scopes = ["全社員", "部内", "役員のみ", "担当者のみ", "委託先を含む"];

    private static readonly string[] Retention = ["1年", "3年", "5年", "7年", "10年", "永年"];

    private static readonly string[] Threats =
        ["ランサムウェアによる被害", "標的型攻撃による機密情報の窃取", "内部不正による情報漏えい", "不注意による情報漏えい", "ノートPCの盗難・紛失", "サプライチェーンの弱点を悪用した攻撃"];

    private static readonly string[] Vulnerabilities =
        ["バックアップが同じネットワーク上にある", "パッチ適用が遅れている", "持ち出しの記録がない", "アクセス権の見直しをしていない", "ディスクが暗号化されていない"];

    private static readonly (string Id, string Measure)[] Controls =
        [("8.13", "毎日バックアップを取り、オフラインで保管する"), ("8.8", "月次でパッチを適用する"), ("5.15", "四半期ごとにアクセス権を棚卸しする"),
         ("8.24", "ディスクを暗号化する"), ("6.3", "年1回、全社員に教育を行う"), ("7.10", "持ち出しを台帳で管理する")];

    /// <summary>The <paramref name="count"/> assets of one register, always the same for the same count.</summary>
    public static IEnumerable<InformationAsset> Assets(Guid organizationId, int count)
    {
        var random = new Random(Seed);
        var registeredFrom = new DateOnly(2020, 4, 1);
        for (var i = 0; i < count; i++)
        {
            var department = Departments[random.Next(Departments.Length)];
            var name = $"{Places[random.Next(Places.Length)]}_{Items[random.Next(Items.Length)]}_{i + 1:D6}";
            var asset = new InformationAsset(organizationId, name, Rate(random), Rate(random), Rate(random))
            {
                BusinessCategory = Categories[random.Next(Categories.Length)],
                Department = department,
                RiskOwner = $"{department}長",
                UserScope = Scopes[random.Next(Scopes.Length)],
                MediaAndLocation = Media[random.Next(Media.Length)],
                RetentionPeriod = Retention[random.Next(Retention.Length)],
                RegisteredOn = registeredFrom.AddDays(random.Next(2000)),
                Notes = random.Next(4) == 0 ? "年次棚卸しで確認済み" : "",
                PersonalInformation = random.Next(5) switch
                {
                    0 => PersonalInformationKinds.Personal,
                    1 when random.Next(4) == 0 => PersonalInformationKinds.Personal | PersonalInformationKinds.Sensitive,
                    _ => PersonalInformationKinds.None,
                },
            };
            if (random.Next(10) < 7)
            {
                asset.AssessLikelihood(Rate(random), Rate(random));
            }

            yield return asset;
        }
    }

    /// <summary>The register as the xlsx Mamori exports (and reads back), with <paramref name="count"/> rows.</summary>
    public static async Task WriteRegisterAsync(string path, int count)
    {
        await using var file = File.Create(path);
        await RegisterWorkbook.WriteAsync(file, Assets(Guid.Empty, count).ToAsyncEnumerable(), RiskBandScheme.Ipa, Language.Japanese);
    }

    /// <summary>
    /// A database with the organization the HTTP measures read (<paramref name="assets"/> assets imported
    /// through the product's importer, a risk scenario for every tenth asset, treatments for a third of
    /// those) and two small neighbours, so that isolation filters have other rows to skip.
    /// </summary>
    public static async Task<Organization> FillAsync(MamoriDatabase database, string registerPath, int assets, TimeProvider time)
    {
        await database.MigrateAsync();
        var main = await CreateOrganizationAsync(database, "bench", "株式会社ベンチマーク商事", time);
        await CreateOrganizationAsync(database, "neighbour-a", "有限会社となり工業", time);
        await CreateOrganizationAsync(database, "neighbour-b", "合同会社むこう運輸", time);

        await WriteRegisterAsync(registerPath, assets);
        var imported = await ImportAssets.HandleAsync(database, main.Id, registerPath, time);
        if (!imported.Succeeded)
        {
            throw new InvalidOperationException("The generated register did not import: " + imported.Problems[0].Message);
        }

        await using var db = database.Open(main.Id, new Actor("bench", time));
        var random = new Random(Seed + 1);
        var assetIds = db.Assets.OrderBy(a => a.Name).Select(a => a.Id).ToList();
        for (var i = 0; i < assetIds.Count; i += 10)
        {
            var scenario = new RiskScenario(main.Id, assetIds[i], Threats[random.Next(Threats.Length)] + "により業務が停止する")
            {
                BusinessValue = "取引先への納期を守るために必要",
                Threat = random.Next(10) == 0 ? null : new ScenarioThreat(null, Threats[random.Next(Threats.Length)]),
                ThreatLikelihood = Rate(random),
                VulnerabilityExposure = Rate(random),
                ResidualLikelihood = Rating.Low,
                Owner = Departments[random.Next(Departments.Length)] + "長",
                Treatment = (RiskTreatment)random.Next(Enum.GetValues<RiskTreatment>().Length),
            };
            if (random.Next(5) > 0)
            {
                scenario.Vulnerabilities.Add(new ScenarioVulnerability(null, Vulnerabilities[random.Next(Vulnerabilities.Length)]));
            }

            if (random.Next(3) > 0)
            {
                var (id, measure) = Controls[random.Next(Controls.Length)];
                scenario.Controls.Add(new ScenarioControl(id, measure));
            }

            db.RiskScenarios.Add(scenario);
            if (random.Next(3) == 0)
            {
                db.TreatmentTasks.Add(new TreatmentTask(main.Id, $"{scenario.Controls.FirstOrDefault()?.Measure ?? "対策を検討する"}（{i / 10 + 1}）")
                {
                    RiskScenarioId = scenario.Id,
                    Owner = scenario.Owner,
                    DueOn = new DateOnly(2026, 1, 1).AddDays(random.Next(365)),
                });
            }
        }

        await db.SaveChangesAsync();
        return main;
    }

    internal static async Task<Organization> CreateOrganizationAsync(MamoriDatabase database, string slug, string name, TimeProvider time)
    {
        await using var db = database.Open(null, new Actor("bench", time));
        var organization = new Organization(slug, name, time.GetUtcNow());
        db.Organizations.Add(organization);
        await db.SaveChangesAsync();
        return organization;
    }

    private static Rating Rate(Random random) => Rating.From(random.Next(1, 4));
}
