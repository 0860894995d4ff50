using System.Globalization;
using Mamori.Domain;
using Mamori.Domain.Policies;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Mamori.Catalogs;

/// <summary>
/// One part of the 従業員ハンドブック: the documents with one of <paramref name="SourceKeys"/> or
/// titled <paramref name="Title"/>, or, with an <paramref name="Audience"/>, every procedure for it.
/// </summary>
public sealed record HandbookPart(string Id, IReadOnlyList<string> SourceKeys, string Title, string? Audience);

/// <summary>What the 従業員ハンドブック holds (catalogs/handbook.yaml), in one language.</summary>
public sealed class HandbookCatalog
{
    private static readonly Lazy<HandbookCatalog> Japanese = new(() => Load(Language.Japanese, CatalogSet.ReadEmbedded));
    private static readonly Lazy<HandbookCatalog> English = new(() => Load(Language.English, CatalogSet.ReadEmbedded));

    private HandbookCatalog(string introduction, IReadOnlyList<HandbookPart> parts)
    {
        Introduction = introduction;
        Parts = parts;
    }

    public static HandbookCatalog For(CultureInfo culture) => culture.Pick(Japanese, English).Value;

    /// <summary>A few plain sentences for the reader, on the page after the cover.</summary>
    public string Introduction { get; }

    public IReadOnlyList<HandbookPart> Parts { get; }

    public static HandbookCatalog Load(CultureInfo culture, Func<string, string> readFile)
    {
        var file = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build()
            .Deserialize<HandbookFile>(readFile("handbook.yaml"));
        var errors = file.Parts
            .Where(p => p.Audience is { } audience ? !Audiences.All.Contains(audience) : p.SourceKeys.Count == 0 && p.TitleJa.Length == 0)
            .Select(p => $"handbook.yaml: the part '{p.Id}' names no documents.")
            .ToList();
        if (errors.Count > 0)
        {
            throw new CatalogException(errors);
        }

        return new HandbookCatalog(
            culture.Pick(file.IntroJa, file.IntroEn).Trim(),
            file.Parts.Select(p => new HandbookPart(p.Id, p.SourceKeys, culture.Pick(p.TitleJa, p.TitleEn), p.Audience)).ToList());
    }

    private sealed class HandbookFile
    {
        public int Version { get; set; }

        public string IntroJa { get; set; } = "";

        public string IntroEn { get; set; } = "";

        public List<PartEntry> Parts { get; set; } = [];
    }

    private sealed class PartEntry
    {
        public string Id { get; set; } = "";

        public List<string> SourceKeys { get; set; } = [];

        public string TitleJa { get; set; } = "";

        public string TitleEn { get; set; } = "";

        public string? Audience { get; set; }
    }
}
