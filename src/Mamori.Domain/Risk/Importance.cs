namespace Mamori.Domain.Risk;

/// <summary>資産の重要度: the IPA rule that derives an asset's importance from its ratings.</summary>
public static class Importance
{
    /// <summary>
    /// 重要度 = max(機密性, 完全性, 可用性), raised to 3 when the asset holds personal
    /// information of any kind (IPA 中小企業の情報セキュリティ対策ガイドライン, リスク分析シート).
    /// </summary>
    public static Rating Of(Rating confidentiality, Rating integrity, Rating availability, bool holdsPersonalInformation) =>
        holdsPersonalInformation
            ? Rating.High
            : Rating.Max(confidentiality, Rating.Max(integrity, availability));
}
