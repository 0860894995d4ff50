namespace Mamori.Tests.Support;

/// <summary>The seed's register (seed ch.9, リスク分析) as rows of a file.</summary>
public static class SeedRegister
{
    public static readonly string[] Header =
        ["業務分類", "情報資産名称", "備考", "利用者範囲", "リスク所有者", "管理部署", "媒体・保存先", "機密性", "完全性", "可用性", "重要度", "被害発生可能性", "リスクレベル"];

    public static readonly string[][] Rows =
    [
        ["人事", "社員名簿", "社員基本情報", "人事部", "人事部長", "人事部", "人事担当者のPC", "3", "3", "2", "3", "3", "9"],
        ["経理", "当社宛請求書", "過去3年分", "経理部", "経理部長", "経理部", "経理担当者のPC", "3", "3", "2", "3", "2", "6"],
        ["営業", "顧客リスト", "得意先", "営業部", "営業部長", "営業部", "営業担当者のPC", "3", "3", "3", "3", "2", "6"],
    ];

    public static string Csv(IEnumerable<string[]>? rows = null, string[]? header = null) =>
        string.Join("\n", new[] { header ?? Header }.Concat(rows ?? Rows).Select(r => string.Join(',', r))) + "\n";

    public static IReadOnlyList<IReadOnlyList<string?>> Sheet(IEnumerable<string[]>? rows = null) =>
        new[] { Header }.Concat(rows ?? Rows).Select(r => (IReadOnlyList<string?>)r).ToList();
}
