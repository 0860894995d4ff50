using System.Globalization;

namespace Mamori.Domain.Catalog;

/// <summary>A text of the SCS catalog in both languages.</summary>
public sealed record ScsText(string Ja, string En)
{
    public string In(CultureInfo culture) => culture.Pick(Ja, En);
}

/// <summary>A ★ level the SCS catalog holds, with the date of the IPA criteria file it follows ("2026-03-27").</summary>
public sealed record ScsLevel(int Level, string Version);

/// <summary>
/// The register (台帳) that answers a "a way to know X" criterion of the SCS scheme: the asset
/// register, or one of the small inventories.
/// </summary>
public enum ScsRegister
{
    /// <summary>The information asset register (情報資産台帳).</summary>
    Assets,

    /// <summary>PCs, servers and their OS and software.</summary>
    Devices,

    /// <summary>Networks and network devices.</summary>
    Networks,

    /// <summary>External services that hold confidential information, and the partners' systems the company connects to.</summary>
    ExternalServices,

    /// <summary>Administrator ids and who holds them.</summary>
    AdminIds,
}

/// <summary>
/// A category of the サプライチェーン強化に向けたセキュリティ対策評価制度 (SCS): 1 ガバナンスの整備 … 7 インシデントからの復旧.
/// </summary>
/// <param name="Level">The lowest ★ level whose catalog file defines it (3 for the ★3 file).</param>
public sealed record ScsCategory(string Id, ScsText Title, int Level);

/// <summary>A requirement (要求事項) of the SCS scheme, e.g. 1-2-1, in its category.</summary>
/// <param name="Level">The lowest ★ level that asks for it.</param>
public sealed record ScsRequirement(string Id, string CategoryId, ScsText Title, int Level);

/// <summary>
/// A criterion (評価基準) of the SCS scheme, e.g. 1-2-1-1, in Mamori's own words: what it asks, what it means
/// for a small company, what evidence satisfies it, and where Mamori already covers it.
/// </summary>
/// <param name="Level">The lowest ★ level that asks for it; a ★N assessment uses every criterion of level N or below.</param>
/// <param name="Yearly">The criterion asks for a check at least once a year: Mamori turns it into a recurring review.</param>
/// <param name="AnnexA">ISO/IEC 27001:2022 Annex A controls ("5.2") that cover the same ground.</param>
/// <param name="SelfDiagnosis">Numbers (1–25) of the 自社診断 items that answer part of it.</param>
/// <param name="Measures">
/// Mamori's chapters and measures that meet it, each "catalog:id": baseline:&lt;chapter&gt; (Lv.2 chapter),
/// standard:&lt;Annex A id&gt; (Lv.3 control standard), quick:&lt;topic&gt; (Lv.1 standard of a threat topic),
/// form:&lt;form id&gt;, template:&lt;basic-policy|roles&gt;.
/// </param>
/// <param name="RuleValue">The key in catalogs/rule-values.yaml that carries the criterion's number, if it has one.</param>
/// <param name="MoreRuleValues">Further rule values the criterion's number depends on (a CVSS threshold besides the deadline).</param>
/// <param name="Register">The register that is its evidence, for a "a way to know X" criterion.</param>
public sealed record ScsCriterion(
    string Id,
    string RequirementId,
    string CategoryId,
    int Level,
    ScsText Text,
    ScsText Meaning,
    ScsText Evidence,
    bool Yearly,
    IReadOnlyList<string> AnnexA,
    IReadOnlyList<int> SelfDiagnosis,
    IReadOnlyList<string> Measures,
    string? RuleValue,
    IReadOnlyList<string> MoreRuleValues,
    ScsRegister? Register)
{
    /// <summary>Every rule value the criterion reads, the main one first.</summary>
    public IReadOnlyList<string> RuleValues => RuleValue is null ? MoreRuleValues : [RuleValue, .. MoreRuleValues];
}
