using System.Text.RegularExpressions;
using Mamori.Domain.Risk;

namespace Mamori.Domain.Organizations;

/// <summary>A company (or other body) whose policy set Mamori keeps. Its data is never visible to another.</summary>
public sealed partial class Organization
{
    private string _slug = "";
    private string _name = "";

    public Organization(string slug, string name, DateTimeOffset createdAt)
    {
        Id = Guid.CreateVersion7();
        Slug = slug;
        Name = name;
        CreatedAt = createdAt.ToUniversalTime();
        RiskBands = RiskBandScheme.Ipa;
    }

    public Guid Id { get; private set; }

    /// <summary>A short lower-case name used in URLs and on the command line, e.g. <c>yamada-shoji</c>.</summary>
    public string Slug
    {
        get => _slug;
        private set => _slug = IsValidSlug(value)
            ? value
            : throw new ArgumentException($"'{value}' is not a valid organization slug.", nameof(value));
    }

    public string Name
    {
        get => _name;
        set => _name = string.IsNullOrWhiteSpace(value)
            ? throw new ArgumentException("An organization needs a name.", nameof(value))
            : value.Trim();
    }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>How this organization bands its risk values; IPA's by default.</summary>
    public RiskBandScheme RiskBands { get; set; }

    /// <summary>代表者 (for the 基本方針's signature), e.g. 「代表取締役 山田太郎」.</summary>
    public string Representative { get; set; } = "";

    /// <summary>業種</summary>
    public string Industry { get; set; } = "";

    /// <summary>従業員数</summary>
    public int? EmployeeCount { get; set; }

    /// <summary>クラウドサービスを利用している</summary>
    public bool UsesCloudServices { get; set; }

    /// <summary>テレワークを行っている</summary>
    public bool Teleworks { get; set; }

    /// <summary>個人情報を取り扱う</summary>
    public bool HandlesPersonalInformation { get; set; }

    /// <summary>マイナンバー（特定個人情報）を取り扱う</summary>
    public bool HandlesMyNumber { get; set; }

    /// <summary>公開 Web サイトや EC サイトを運営している</summary>
    public bool HasPublicWebsite { get; set; }

    /// <summary>取引先から ISMS 認証（ISO/IEC 27001）の取得を求められている: Mamori then recommends Lv.3.</summary>
    public bool CustomersRequireIsmsCertification { get; set; }

    /// <summary>取引先から SCS 評価制度（サプライチェーン強化に向けたセキュリティ対策評価制度）の★3 以上を求められている.</summary>
    public bool CustomersRequireScsLevel3 { get; set; }

    /// <summary>The day the organization declared SECURITY ACTION ★2 on IPA's site; null until it records it.</summary>
    public DateOnly? SecurityActionDeclaredOn { get; set; }

    /// <summary>The self-declaration id (自己宣言 ID) IPA gave the organization for that declaration.</summary>
    public string? SecurityActionId { get; set; }

    /// <summary>
    /// The 規程の基準値 the organization chose (deadlines, lengths, frequencies, labels…), by key of
    /// catalogs/rule-values.yaml; a key that is absent takes the catalog's default. Every document
    /// of the policy set reads them as {{ rules.KEY }}.
    /// </summary>
    public Dictionary<string, string> RuleValues { get; private set; } = [];

    /// <summary>
    /// The year of IPA's 10大脅威 its Lv.1 standards were built from, or last checked against; null
    /// when it has none (or had them before this was kept, when it is derived from their dates).
    /// </summary>
    public int? TopThreatsYear { get; set; }

    /// <summary>
    /// The unguessable token of the public page of its published 基本方針 (/p/{token}); null while
    /// the basic policy is not published on the web.
    /// </summary>
    public string? PublicPolicyToken { get; set; }

    /// <summary>Incremented on every change, so two people editing at once cannot overwrite each other.</summary>
    public int Version { get; set; }

    /// <summary>2–63 characters of a–z, 0–9 and hyphens, starting with a letter or digit.</summary>
    public static bool IsValidSlug(string? slug) => slug is not null && SlugPattern().IsMatch(slug);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,62}$")]
    private static partial Regex SlugPattern();
}
