using System.Security.Cryptography;
using Mamori.Domain.Organizations;

namespace Mamori.Domain.Assets;

/// <summary>
/// A register file whose rows were added to the assets, kept as it was uploaded. It is the import's
/// audit record: its one audit entry (who, when, file name, size, SHA-256, number of assets) stands
/// for every asset the file created, and the file itself shows each row's values.
/// </summary>
public sealed class RegisterImport : IBelongsToOrganization
{
    public RegisterImport(Guid organizationId, string fileName, byte[] content, DateTimeOffset importedAt, string importedBy)
    {
        Id = Guid.CreateVersion7();
        OrganizationId = organizationId;
        FileName = fileName;
        Content = content;
        Size = content.LongLength;
        Sha256 = HashOf(content);
        ImportedAt = importedAt.ToUniversalTime();
        ImportedBy = importedBy;
    }

    public Guid Id { get; private set; }

    public Guid OrganizationId { get; private set; }

    /// <summary>The name the file had on the user's side.</summary>
    public string FileName { get; private set; }

    public long Size { get; private set; }

    /// <summary>SHA-256 of <see cref="Content"/> (lower-case hex), sealed into the audit chain with the entry.</summary>
    public string Sha256 { get; private set; }

    /// <summary>How many assets the file added.</summary>
    public int AssetCount { get; private set; }

    public byte[] Content { get; private set; }

    public DateTimeOffset ImportedAt { get; private set; }

    public string ImportedBy { get; private set; }

    public static string HashOf(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Records how many assets were added, once they all are.</summary>
    public void Completed(int assetCount) =>
        AssetCount = assetCount >= 0 ? assetCount : throw new ArgumentOutOfRangeException(nameof(assetCount));
}
