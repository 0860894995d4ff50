using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Mamori.Resources;

namespace Mamori.Features.Archive;

/// <summary>
/// An archive opened and checked before anything is written: a zip that can be read to its end, a
/// manifest of a known format version, and every part it lists present with its size and SHA-256.
/// A part changed, shortened, missing or not listed is refused by name.
/// </summary>
internal sealed class ArchiveContents
{
    private readonly Dictionary<string, byte[]> _parts;

    private ArchiveContents(ArchiveManifest manifest, Dictionary<string, byte[]> parts) => (Manifest, _parts) = (manifest, parts);

    public ArchiveManifest Manifest { get; }

    /// <summary>A part the manifest lists (checked), or null when it lists none of that name.</summary>
    public byte[]? Part(string name) => _parts.GetValueOrDefault(name);

    public static async Task<(ArchiveContents? Contents, string? Problem)> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        try
        {
            await using var zip = await ZipArchive.CreateAsync(stream, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken);
            var entries = zip.Entries.ToDictionary(e => e.FullName, StringComparer.Ordinal);
            if (!entries.TryGetValue(ArchiveManifest.PartName, out var manifestEntry))
            {
                return (null, ArchiveText.NotAnArchive);
            }

            ArchiveManifest? manifest;
            try
            {
                manifest = JsonSerializer.Deserialize<ArchiveManifest>(await ReadEntryAsync(manifestEntry, cancellationToken), ArchiveTables.Json);
            }
            catch (JsonException)
            {
                manifest = null;
            }

            if (manifest is null || manifest.Format != ArchiveManifest.FormatName || manifest.Parts is null || manifest.Organization is null)
            {
                return (null, Problem(ArchiveText.PartUnreadable, ArchiveManifest.PartName));
            }

            if (manifest.FormatVersion != ArchiveManifest.CurrentVersion)
            {
                return (null, string.Format(CultureInfo.CurrentCulture, ArchiveText.UnknownFormatVersion, manifest.FormatVersion, ArchiveManifest.CurrentVersion, manifest.MamoriVersion));
            }

            var parts = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var part in manifest.Parts)
            {
                if (!entries.TryGetValue(part.Name, out var entry))
                {
                    return (null, Problem(ArchiveText.PartMissing, part.Name));
                }

                byte[] content;
                try
                {
                    content = await ReadEntryAsync(entry, cancellationToken);
                }
                catch (InvalidDataException)
                {
                    return (null, Problem(ArchiveText.PartUnreadable, part.Name));
                }

                if (content.LongLength != part.Size)
                {
                    return (null, string.Format(CultureInfo.CurrentCulture, ArchiveText.PartWrongSize, part.Name, content.LongLength, part.Size));
                }

                if (Convert.ToHexStringLower(SHA256.HashData(content)) != part.Sha256)
                {
                    return (null, Problem(ArchiveText.PartChanged, part.Name));
                }

                parts[part.Name] = content;
            }

            if (entries.Keys.FirstOrDefault(name => name != ArchiveManifest.PartName && !parts.ContainsKey(name)) is { } unlisted)
            {
                return (null, Problem(ArchiveText.PartNotListed, unlisted));
            }

            return (new ArchiveContents(manifest, parts), null);
        }
        catch (InvalidDataException)
        {
            // The zip's directory is at its end: a file cut short loses it, and with it every part's place.
            return (null, string.Format(CultureInfo.CurrentCulture, ArchiveText.ArchiveIncomplete, stream.CanSeek ? stream.Length : 0));
        }
    }

    private static string Problem(string format, string part) => string.Format(CultureInfo.CurrentCulture, format, part);

    private static async Task<byte[]> ReadEntryAsync(ZipArchiveEntry entry, CancellationToken cancellationToken)
    {
        await using var stream = await entry.OpenAsync(cancellationToken);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
