using System.Globalization;

namespace Mamori.Domain.Catalog;

/// <summary>ISO/IEC 27001:2022 Annex A の管理策のテーマ.</summary>
public enum ControlTheme
{
    /// <summary>5 組織的管理策</summary>
    Organizational,

    /// <summary>6 人的管理策</summary>
    People,

    /// <summary>7 物理的管理策</summary>
    Physical,

    /// <summary>8 技術的管理策</summary>
    Technological,
}

/// <summary>ISO/IEC 27002:2022 attributes of a control.</summary>
public sealed record ControlAttributes(
    IReadOnlyList<string> ControlTypes,
    IReadOnlyList<string> SecurityProperties,
    IReadOnlyList<string> CybersecurityConcepts,
    IReadOnlyList<string> OperationalCapabilities)
{
    /// <summary>The values of one attribute by its catalog name ("controlTypes", "securityProperties"…); none for an unknown name.</summary>
    public IReadOnlyList<string> ValuesOf(string kind) => kind switch
    {
        "controlTypes" => ControlTypes,
        "securityProperties" => SecurityProperties,
        "cybersecurityConcepts" => CybersecurityConcepts,
        "operationalCapabilities" => OperationalCapabilities,
        _ => [],
    };
}

/// <summary>A control of a framework (Annex A of ISO/IEC 27001:2022), with its JIS Q 27001:2023 title.</summary>
public sealed record Control(
    string Framework,
    string Id,
    string TitleJa,
    string TitleEn,
    ControlTheme Theme,
    ControlAttributes Attributes,
    IReadOnlyList<string> TitleJaAlternatives,
    bool NewIn2022)
{
    public string Title(CultureInfo culture) => culture.Pick(TitleJa, TitleEn);

    /// <summary>"8.5 セキュリティを保った認証", the way documents cite a control.</summary>
    public string Citation(CultureInfo culture) => $"{Id} {Title(culture)}";
}
