using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using Mamori.Catalogs;
using Mamori.Data;
using Mamori.Domain.Organizations;
using Mamori.Domain.Soa;
using Mamori.Resources;

namespace Mamori.Features.Soa;

/// <summary>
/// Stores a file as evidence for a control, with the organization's data: at most 5 MB, and only
/// the kinds an auditor opens (PDF, PNG, JPEG, Word, Excel, text), checked by content, not name.
/// </summary>
public static class AttachEvidence
{
    private static readonly FrozenDictionary<string, (string ContentType, Func<byte[], bool> Looks)> Kinds = new Dictionary<string, (string ContentType, Func<byte[], bool> Looks)>(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = ("application/pdf", b => Starts(b, "%PDF-"u8)),
        [".png"] = ("image/png", b => Starts(b, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])),
        [".jpg"] = ("image/jpeg", b => Starts(b, [0xFF, 0xD8, 0xFF])),
        [".jpeg"] = ("image/jpeg", b => Starts(b, [0xFF, 0xD8, 0xFF])),
        [".docx"] = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", b => Starts(b, "PK\u0003\u0004"u8)),
        [".xlsx"] = ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b => Starts(b, "PK\u0003\u0004"u8)),
        [".txt"] = ("text/plain; charset=utf-8", IsText),
        [".csv"] = ("text/csv; charset=utf-8", IsText),
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static async Task<(SoaEvidenceFile? File, string? Problem)> HandleAsync(
        MamoriDb db, Membership membership, Organization organization, string controlId, string fileName, byte[] content, string actor, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (!membership.CanEditDocuments || CatalogSet.Default.FindControl(controlId) is null)
        {
            return (null, null);
        }

        var (name, contentType, problem) = Inspect(fileName, content);
        if (problem is not null)
        {
            return (null, problem);
        }

        var file = new SoaEvidenceFile(organization.Id, controlId, name, contentType, content, now, actor);
        db.SoaEvidenceFiles.Add(file);
        await db.SaveChangesAsync(cancellationToken);
        return (file, null);
    }

    /// <summary>
    /// The name a file is kept under and its content type, or why it is refused (empty, over
    /// <see cref="SoaEvidenceFile.MaxBytes"/>, or not a kind it claims to be). Shared by every kind of evidence.
    /// </summary>
    public static (string Name, string ContentType, string? Problem) Inspect(string fileName, byte[] content)
    {
        var name = Path.GetFileName(fileName).Trim();
        if (content.Length == 0)
        {
            return (name, "", Messages.EvidenceEmpty);
        }

        if (content.Length > SoaEvidenceFile.MaxBytes)
        {
            return (name, "", string.Format(CultureInfo.CurrentCulture, Messages.EvidenceTooLarge, name, SoaEvidenceFile.MaxBytes / 1024 / 1024));
        }

        if (!Kinds.TryGetValue(Path.GetExtension(name), out var kind) || !kind.Looks(content))
        {
            return (name, "", string.Format(CultureInfo.CurrentCulture, Messages.EvidenceType, name));
        }

        return (name.Length > 200 ? name[^200..] : name, kind.ContentType, null);
    }

    private static bool Starts(byte[] content, ReadOnlySpan<byte> magic) => content.AsSpan().StartsWith(magic);

    private static bool IsText(byte[] content)
    {
        if (content.AsSpan().IndexOf((byte)0) >= 0)
        {
            return false;
        }

        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
