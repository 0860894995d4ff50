using System.Reflection;

namespace Mamori.Features.Archive;

/// <summary>
/// The table of contents of an organization archive (manifest.json): what wrote it, whose data it holds,
/// and every other part of the archive with its size and SHA-256. docs/archive.md describes the format.
/// </summary>
public sealed record ArchiveManifest(
    string Format,
    int FormatVersion,
    string MamoriVersion,
    string SourceProvider,
    ArchivedOrganization Organization,
    DateTimeOffset ExportedAt,
    ArchivedAuditHead Audit,
    IReadOnlyList<ArchivePart> Parts)
{
    /// <summary>What <see cref="Format"/> says in every Mamori organization archive.</summary>
    public const string FormatName = "mamori-organization-archive";

    /// <summary>The version of the format this Mamori writes and the only one it reads.</summary>
    public const int CurrentVersion = 1;

    public const string PartName = "manifest.json";

    /// <summary>The part that lists the accounts the organization's rows name (e-mail and display name, never a password).</summary>
    public const string UsersPart = "users.json";

    public static string DataPart(string typeName) => $"data/{typeName}.json";

    public static string FilePart(string typeName, string key, string property) => $"files/{typeName}/{key}/{property}";

    /// <summary>This build's version, as the manifest records it.</summary>
    public static string ThisVersion { get; } =
        typeof(ArchiveManifest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}

public sealed record ArchivedOrganization(Guid Id, string Slug, string Name);

/// <summary>How many entries the organization's audit chain held and the hash of its last one, when exported.</summary>
public sealed record ArchivedAuditHead(long Entries, string Hash);

/// <param name="Rows">For a data part, how many rows it holds; null for a file.</param>
public sealed record ArchivePart(string Name, int? Rows, long Size, string Sha256);

/// <summary>An account named by the organization's rows: enough to find it, or make it, in another installation.</summary>
public sealed record ArchivedUser(string Id, string Email, string DisplayName);
