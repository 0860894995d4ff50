namespace Mamori.Domain.Assets;

/// <summary>The kinds of personal information an asset may hold (個人情報の種類).</summary>
[Flags]
public enum PersonalInformationKinds
{
    None = 0,

    /// <summary>個人情報</summary>
    Personal = 1,

    /// <summary>要配慮個人情報</summary>
    Sensitive = 2,

    /// <summary>特定個人情報 (マイナンバーを含む個人情報)</summary>
    MyNumber = 4,
}
