using Mamori.Catalogs;
using Mamori.Domain.Catalog;

namespace Mamori.Tests.Catalogs;

public class The_Annex_A_catalog
{
    private static readonly CatalogSet Catalogs = CatalogSet.Default;

    [Fact]
    public void Has_93_controls_37_8_14_34_by_theme()
    {
        Assert.Equal(93, Catalogs.Controls.Count);
        Assert.Equal(37, Catalogs.Controls.Count(c => c.Theme == ControlTheme.Organizational));
        Assert.Equal(8, Catalogs.Controls.Count(c => c.Theme == ControlTheme.People));
        Assert.Equal(14, Catalogs.Controls.Count(c => c.Theme == ControlTheme.Physical));
        Assert.Equal(34, Catalogs.Controls.Count(c => c.Theme == ControlTheme.Technological));
    }

    [Fact]
    public void Numbers_each_theme_without_gaps()
    {
        foreach (var (clause, count) in new[] { (5, 37), (6, 8), (7, 14), (8, 34) })
        {
            var expected = Enumerable.Range(1, count).Select(n => $"{clause}.{n}");
            Assert.Equal(expected, Catalogs.Controls.Where(c => c.Id.StartsWith($"{clause}.", StringComparison.Ordinal)).Select(c => c.Id));
        }
    }

    // The seed's list garbles these titles; the catalog must carry the JIS Q 27001:2023 ones.
    [Theory]
    [InlineData("5.3", "職務の分離", "組織の分権", "Segregation of duties")]
    [InlineData("5.11", "資産の返却", "資産の漏洩", "Return of assets")]
    [InlineData("5.13", "情報のラベル付け", "情報のホールドバック", "Labelling of information")]
    [InlineData("8.10", "情報の削除", "情報の漏洩", "Information deletion")]
    [InlineData("8.17", "クロックの同期", "クロウ crow の監視", "Clock synchronization")]
    [InlineData("8.23", "ウェブ・フィルタリング", "ウェブ・フィッシング", "Web filtering")]
    [InlineData("8.24", "暗号の使用", "番号の使用", "Use of cryptography")]
    [InlineData("8.5", "セキュリティを保った認証", "セキュリティを伴った認証", "Secure authentication")]
    [InlineData("7.9", "構外にある資産のセキュリティ", "機内にある装置および装置のセキュリティ", "Security of assets off-premises")]
    public void Carries_the_official_titles_not_the_seeds_transcription_errors(string id, string titleJa, string seedTitle, string titleEn)
    {
        var control = Catalogs.FindControl(id)!;
        Assert.Equal(titleJa, control.TitleJa);
        Assert.NotEqual(seedTitle, control.TitleJa);
        Assert.Equal(titleEn, control.TitleEn);
    }

    [Fact]
    public void Gives_every_control_its_attributes_with_labels()
    {
        Assert.All(Catalogs.Controls, control =>
        {
            Assert.NotEmpty(control.Attributes.ControlTypes);
            Assert.NotEmpty(control.Attributes.SecurityProperties);
            Assert.NotEmpty(control.Attributes.CybersecurityConcepts);
            Assert.NotEmpty(control.Attributes.OperationalCapabilities);
            foreach (var (kind, values) in new[]
            {
                ("controlTypes", control.Attributes.ControlTypes),
                ("securityProperties", control.Attributes.SecurityProperties),
                ("cybersecurityConcepts", control.Attributes.CybersecurityConcepts),
                ("operationalCapabilities", control.Attributes.OperationalCapabilities),
            })
            {
                Assert.All(values, v => Assert.NotEqual(v, Catalogs.AttributeLabelOf(kind, v).Ja));
            }
        });
    }

    [Theory]
    [InlineData("5.7", new[] { "preventive", "detective", "corrective" }, new[] { "identify", "detect", "respond" })]
    [InlineData("8.13", new[] { "corrective" }, new[] { "recover" })]
    [InlineData("7.4", new[] { "preventive", "detective" }, new[] { "protect", "detect" })]
    public void Has_the_ISO_27002_attributes(string id, string[] types, string[] concepts)
    {
        var control = Catalogs.FindControl(id)!;
        Assert.Equal(types, control.Attributes.ControlTypes);
        Assert.Equal(concepts, control.Attributes.CybersecurityConcepts);
    }

    [Fact]
    public void Marks_the_eleven_controls_new_in_2022()
    {
        Assert.Equal(
            ["5.7", "5.23", "5.30", "7.4", "8.9", "8.10", "8.11", "8.12", "8.16", "8.23", "8.28"],
            Catalogs.Controls.Where(c => c.NewIn2022).Select(c => c.Id));
    }
}

public class The_threat_and_vulnerability_catalogs
{
    private static readonly CatalogSet Catalogs = CatalogSet.Default;

    [Fact]
    public void Every_threat_has_an_origin_and_controls()
    {
        Assert.All(Catalogs.Threats, t =>
        {
            Assert.NotEqual(ThreatOrigins.None, t.Origins);
            Assert.NotEmpty(t.ControlIds);
            Assert.All(t.ControlIds, id => Assert.NotNull(Catalogs.FindControl(id)));
        });
    }

    [Theory]
    [InlineData("地震", "E")]
    [InlineData("火災", "A/D/E")]
    [InlineData("使用時のミス", "A")]
    [InlineData("媒体や文書の盗難", "D")]
    public void Threats_carry_the_seeds_origins(string titleJa, string origins) =>
        Assert.Equal(origins, Catalogs.FindThreatByJapaneseTitle(titleJa)!.OriginCodes);

    [Fact]
    public void Covers_all_six_asset_types()
    {
        foreach (var type in Enum.GetValues<AssetType>())
        {
            Assert.Contains(Catalogs.Vulnerabilities, v => v.AssetType == type);
        }
    }

    // Every row of the seed's 脆弱性の識別例 tables (seed ch.8): 類型, 脅威の例, 脆弱性.
    public static TheoryData<AssetType, string, string> SeedRows => new()
    {
        { AssetType.Hardware, "システムの保守に関する違反", "記憶媒体の不十分な保守/不適当な設置" },
        { AssetType.Hardware, "機器や媒体の破壊", "定期的な交換計画の欠如" },
        { AssetType.Hardware, "粉塵（ダスト）、腐食、凍結", "湿気、ホコリ、汚れに対する影響の受けやすさ" },
        { AssetType.Hardware, "使用時のミス", "有効な構成変更管理の欠如" },
        { AssetType.Hardware, "電力供給の停止", "電圧の変化に対する影響の受けやすさ" },
        { AssetType.Hardware, "気象現象", "温度変化に対する影響の受けやすさ" },
        { AssetType.Hardware, "媒体や文書の盗難", "保護されない保管" },
        { AssetType.Hardware, "媒体や文書の盗難", "廃棄時の注意の欠如" },
        { AssetType.Hardware, "媒体や文書の盗難", "管理されないコピー作成" },
        { AssetType.Software, "不正アクセス", "監査証跡の欠如" },
        { AssetType.Software, "不正アクセス", "アクセス権の誤った割り当て" },
        { AssetType.Software, "使用時のミス", "複雑なユーザーインタフェース" },
        { AssetType.Software, "使用時のミス", "文書化の欠如" },
        { AssetType.Software, "不正アクセス", "ユーザーの識別および認証メカニズムの欠如" },
        { AssetType.Software, "不正アクセス", "不十分なパスワード管理" },
        { AssetType.Software, "データの違法な処理", "不要なサービスが実行可能" },
        { AssetType.Software, "ソフトウェアの誤作動", "効果的な変更管理の欠如" },
        { AssetType.Software, "恐怖、攻撃、妨害行為", "管理されていないソフトウェアのダウンロードおよび使用" },
        { AssetType.Software, "装置又はシステムの故障", "バックアップコピーの欠如" },
    };

    [Theory]
    [MemberData(nameof(SeedRows))]
    public void Contains_every_row_of_the_seeds_vulnerability_tables(AssetType type, string seedThreat, string vulnerabilityJa)
    {
        // The seed's 「恐怖、攻撃、妨害行為」 is a garbled label; its row is ISO/IEC 27005's tampering with software.
        var threat = seedThreat == "恐怖、攻撃、妨害行為"
            ? Catalogs.FindThreat("tampering-with-software")
            : Catalogs.FindThreatByJapaneseTitle(seedThreat);
        Assert.NotNull(threat);

        var vulnerability = Assert.Single(Catalogs.Vulnerabilities, v => v.TitleJa == vulnerabilityJa);
        Assert.Equal(type, vulnerability.AssetType);
        Assert.Contains(threat.Id, vulnerability.ThreatIds);
    }
}

public class The_top_10_catalog
{
    private static readonly CatalogSet Catalogs = CatalogSet.Default;

    [Fact]
    public void Has_2024_2025_and_2026_each_ranked_one_to_ten()
    {
        Assert.Equal([2024, 2025, 2026], Catalogs.TopThreatYears);
        foreach (var year in Catalogs.TopThreatYears)
        {
            Assert.Equal(Enumerable.Range(1, 10), Catalogs.TopThreatsOf(year).Select(t => t.Rank));
        }
    }

    [Theory]
    [InlineData(2024, 1, "ランサムウェアによる被害", "ransomware")]
    [InlineData(2024, 3, "内部不正による情報漏えい等の被害", "insider")]
    [InlineData(2025, 1, "ランサム攻撃による被害", "ransomware")]
    [InlineData(2025, 6, "リモートワーク等の環境や仕組みを狙った攻撃", "remote-work")]
    [InlineData(2026, 3, "AIの利用をめぐるサイバーリスク", "ai-risk")]
    [InlineData(2026, 10, "ビジネスメール詐欺", "bec")]
    public void Ranks_as_IPA_published(int year, int rank, string titleJa, string topic)
    {
        var entry = Catalogs.TopThreatsOf(year).Single(t => t.Rank == rank);
        Assert.Equal(titleJa, entry.TitleJa);
        Assert.Equal(topic, entry.TopicId);
    }

    [Fact]
    public void Links_a_topic_across_years()
    {
        var insider = Catalogs.TopThreats.Where(t => t.TopicId == "insider").Select(t => (t.Year, t.Rank));
        Assert.Equal([(2024, 3), (2025, 4), (2026, 7)], insider);
    }
}
