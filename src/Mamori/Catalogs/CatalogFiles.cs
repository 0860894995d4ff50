namespace Mamori.Catalogs;

// The shapes of the YAML files in catalogs/, as their JSON schemas in catalogs/schema/ describe them.
// Only the loader uses these; the rest of the product sees the domain records.

internal sealed class AnnexAFile
{
    public int Version { get; set; }
    public string Framework { get; set; } = "";
    public string FrameworkJa { get; set; } = "";
    public List<ThemeEntry> Themes { get; set; } = [];
    public Dictionary<string, Dictionary<string, LabelEntry>> AttributeLabels { get; set; } = [];
    public List<ControlEntry> Controls { get; set; } = [];

    internal sealed class ThemeEntry
    {
        public string Id { get; set; } = "";
        public string Clause { get; set; } = "";
        public string TitleJa { get; set; } = "";
        public string TitleEn { get; set; } = "";
    }

    internal sealed class LabelEntry
    {
        public string Ja { get; set; } = "";
        public string En { get; set; } = "";
    }

    internal sealed class ControlEntry
    {
        public string Id { get; set; } = "";
        public string Theme { get; set; } = "";
        public string TitleEn { get; set; } = "";
        public string TitleJa { get; set; } = "";
        public List<string> TitleJaAlternatives { get; set; } = [];
        public bool NewIn2022 { get; set; }
        public AttributesEntry Attributes { get; set; } = new();
    }

    internal sealed class AttributesEntry
    {
        public List<string> ControlTypes { get; set; } = [];
        public List<string> SecurityProperties { get; set; } = [];
        public List<string> CybersecurityConcepts { get; set; } = [];
        public List<string> OperationalCapabilities { get; set; } = [];
    }
}

internal sealed class ThreatsFile
{
    public int Version { get; set; }
    public string Source { get; set; } = "";
    public List<CategoryEntry> Categories { get; set; } = [];
    public List<ThreatEntry> Threats { get; set; } = [];

    internal sealed class CategoryEntry
    {
        public string Id { get; set; } = "";
        public string TitleJa { get; set; } = "";
        public string TitleEn { get; set; } = "";
    }

    internal sealed class ThreatEntry
    {
        public string Id { get; set; } = "";
        public string Category { get; set; } = "";
        public string TitleJa { get; set; } = "";
        public string TitleEn { get; set; } = "";
        public List<string> AliasesJa { get; set; } = [];
        public List<string> Origins { get; set; } = [];
        public List<string> Controls { get; set; } = [];
    }
}

internal sealed class VulnerabilitiesFile
{
    public int Version { get; set; }
    public List<AssetTypeEntry> AssetTypes { get; set; } = [];
    public List<VulnerabilityEntry> Vulnerabilities { get; set; } = [];

    internal sealed class AssetTypeEntry
    {
        public string Id { get; set; } = "";
        public string TitleJa { get; set; } = "";
        public string TitleEn { get; set; } = "";
    }

    internal sealed class VulnerabilityEntry
    {
        public string Id { get; set; } = "";
        public string AssetType { get; set; } = "";
        public string TitleJa { get; set; } = "";
        public string TitleEn { get; set; } = "";
        public List<string> Threats { get; set; } = [];
        public List<string> Controls { get; set; } = [];
        public bool FromSeed { get; set; }
    }
}

internal sealed class Top10File
{
    public int Version { get; set; }
    public List<TopicEntry> Topics { get; set; } = [];
    public List<ListEntry> Lists { get; set; } = [];

    internal sealed class TopicEntry
    {
        public string Id { get; set; } = "";
        public string TitleJa { get; set; } = "";
        public string TitleEn { get; set; } = "";
        public List<string> Threats { get; set; } = [];
        public List<string> Controls { get; set; } = [];
    }

    internal sealed class ListEntry
    {
        public int Year { get; set; }
        public string Audience { get; set; } = "";
        public string? PublishedOn { get; set; }
        public List<RankEntry> Entries { get; set; } = [];
    }

    internal sealed class RankEntry
    {
        public int Rank { get; set; }
        public string Topic { get; set; } = "";
        public string TitleJa { get; set; } = "";
        public string TitleEn { get; set; } = "";
        public bool FirstSelected { get; set; }
    }
}
