using System.Text;

namespace Mamori.Import;

/// <summary>The columns of a register file Mamori understands.</summary>
public enum RegisterField
{
    BusinessCategory,
    Name,
    Notes,
    UserScope,
    RiskOwner,
    Department,
    MediaAndLocation,
    PersonalInformation,
    SensitivePersonalInformation,
    MyNumber,
    Confidentiality,
    Integrity,
    Availability,
    Importance,
    RetentionPeriod,
    RegisteredOn,
    ThreatLikelihood,
    VulnerabilityExposure,
    Likelihood,
    RiskValue,
}

/// <summary>
/// Maps column headers to fields: the seed's and IPA sheet's Japanese headers, and
/// English ones. Headers are compared after NFKC normalisation, without spaces and
/// case, so 「機密性 」, 「Confidentiality」 and 「ｃｏｎｆｉｄｅｎｔｉａｌｉｔｙ」 all match.
/// </summary>
public static class RegisterColumns
{
    private static readonly (RegisterField Field, string[] Headers)[] Aliases =
    [
        (RegisterField.BusinessCategory, ["業務分類", "Business category", "Category"]),
        (RegisterField.Name, ["情報資産名称", "情報資産名", "資産名", "Asset name", "Asset", "Name"]),
        (RegisterField.Notes, ["備考", "Notes", "Remarks", "Description"]),
        (RegisterField.UserScope, ["利用者範囲", "User scope", "Users"]),
        (RegisterField.RiskOwner, ["リスク所有者", "Risk owner", "Owner"]),
        (RegisterField.Department, ["管理部署", "Department", "Managing department"]),
        (RegisterField.MediaAndLocation, ["媒体・保存先", "媒体/保存先", "保存先", "Media and location", "Media", "Storage", "Location"]),
        (RegisterField.PersonalInformation, ["個人情報", "Personal information", "Personal info", "PII"]),
        (RegisterField.SensitivePersonalInformation, ["要配慮個人情報", "Sensitive personal information", "Sensitive PII"]),
        (RegisterField.MyNumber, ["特定個人情報", "Specific personal information", "My Number"]),
        (RegisterField.Confidentiality, ["機密性", "Confidentiality"]),
        (RegisterField.Integrity, ["完全性", "Integrity"]),
        (RegisterField.Availability, ["可用性", "Availability"]),
        (RegisterField.Importance, ["重要度", "Importance"]),
        (RegisterField.RetentionPeriod, ["保存期限", "Retention period", "Retention"]),
        (RegisterField.RegisteredOn, ["登録日", "Registered on", "Registration date", "Registered"]),
        (RegisterField.ThreatLikelihood, ["脅威の起こりやすさ", "脅威", "Threat likelihood", "Threat"]),
        (RegisterField.VulnerabilityExposure, ["脆弱性のつけ込みやすさ", "脆弱性", "Vulnerability exposure", "Vulnerability"]),
        (RegisterField.Likelihood, ["被害発生可能性", "Likelihood"]),
        (RegisterField.RiskValue, ["リスク値", "リスクレベル", "Risk value", "Risk level"]),
    ];

    private static readonly Dictionary<string, RegisterField> ByHeader =
        Aliases.SelectMany(a => a.Headers.Select(h => (Key: Normalize(h), a.Field)))
            .ToDictionary(x => x.Key, x => x.Field);

    /// <summary>Fields a register must have.</summary>
    public static IReadOnlyList<RegisterField> Required { get; } =
        [RegisterField.Name, RegisterField.Confidentiality, RegisterField.Integrity, RegisterField.Availability];

    /// <summary>Fields Mamori computes; a file may carry them (formulas included) and they are checked, not taken.</summary>
    public static bool IsComputed(RegisterField field) =>
        field is RegisterField.Importance or RegisterField.Likelihood or RegisterField.RiskValue;

    public static RegisterField? Match(string header) =>
        ByHeader.TryGetValue(Normalize(header), out var field) ? field : null;

    /// <summary>The Japanese header of a field, as Mamori writes it.</summary>
    public static string JapaneseHeader(RegisterField field) => Aliases.First(a => a.Field == field).Headers[0];

    /// <summary>The English header of a field, as Mamori writes it.</summary>
    public static string EnglishHeader(RegisterField field) =>
        Aliases.First(a => a.Field == field).Headers.First(h => h.All(char.IsAscii));

    private static string Normalize(string header)
    {
        var normalized = header.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(normalized.Length);
        foreach (var ch in normalized)
        {
            if (!char.IsWhiteSpace(ch) && ch is not '_' and not '-')
            {
                builder.Append(char.ToLowerInvariant(ch));
            }
        }

        return builder.ToString();
    }
}
