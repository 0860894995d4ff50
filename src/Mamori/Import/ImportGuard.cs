using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using Mamori.Resources;

namespace Mamori.Import;

/// <summary>How much an imported file may hold; the defaults are Excel's own sheet limits and a 100 MB file.</summary>
public sealed record ImportLimits
{
    public static ImportLimits Default { get; } = new();

    public long MaxFileBytes { get; init; } = 100L * 1024 * 1024;

    /// <summary>Parts inside an .xlsx; a register workbook has a few dozen.</summary>
    public int MaxParts { get; init; } = 1_000;

    /// <summary>All parts of an .xlsx together once decompressed.</summary>
    public long MaxExpandedBytes { get; init; } = 512L * 1024 * 1024;

    public int MaxRows { get; init; } = 1_048_576;

    public int MaxColumns { get; init; } = 16_384;

    public int MaxCellCharacters { get; init; } = 32_767;
}

/// <summary>
/// Checks a file before and while a reader parses it, so that a hostile or broken file is
/// refused with a message and never reaches the readers' internals: zip bombs, too many
/// parts, macros, external links, DTDs (entity expansion), huge sheets and cells, binary
/// or UTF-16 text, anything that is not the kind its name claims, and any failure of the
/// reader itself. Everything refused is an <see cref="UnreadableFileException"/>.
/// </summary>
public static class ImportGuard
{
    /// <summary>Content types and part names that make a workbook run code or reach outside itself.</summary>
    private static readonly string[] MacroMarkers = ["vbaProject", "macroEnabled", "vbaData", "activeX"];
    private static readonly string[] ExternalMarkers = ["externalLink", "connections", "queryTable"];

    /// <summary>The whole file, refused by its size before it is read when the stream knows it, or as soon as it passes the limit.</summary>
    public static async Task<byte[]> ReadAllAsync(Stream stream, ImportLimits limits, CancellationToken cancellationToken = default)
    {
        CheckSize(stream, limits);
        // Sized to the file when its length is known: growing by doubling and copying out held three times the file.
        using var content = new MemoryStream(stream.CanSeek ? (int)(stream.Length - stream.Position) : 0);
        var buffer = new byte[81_920];
        for (int read; (read = await stream.ReadAsync(buffer, cancellationToken)) > 0 && content.Length <= limits.MaxFileBytes;)
        {
            content.Write(buffer, 0, read);
        }

        return content.Length <= limits.MaxFileBytes
            ? content.Length == content.Capacity ? content.GetBuffer() : content.ToArray()
            : throw new UnreadableFileException(Format(Messages.GuardFileTooLarge, Megabytes(content.Length), Megabytes(limits.MaxFileBytes)));
    }

    /// <summary>
    /// A CSV/TSV file: its size first (before a byte is decoded), then no UTF-16 and no binary content, and
    /// its encoding: UTF-8 after a BOM or when every byte decodes as UTF-8, else Shift_JIS (CP932) when
    /// every byte decodes as that, else refused. The stream is rewound (to after the BOM when there is one).
    /// </summary>
    public static Encoding CheckText(Stream stream, ImportLimits limits)
    {
        CheckSize(stream, limits);
        var start = stream.Position;
        var buffer = new byte[64 * 1024];
        var chars = new char[buffer.Length + 2];
        Decoder?[] decoders = [CsvSheetReader.Utf8.GetDecoder(), CsvSheetReader.ShiftJis.GetDecoder()];
        var bom = false;
        int read;
        for (var first = true; (read = stream.Read(buffer, 0, buffer.Length)) > 0; first = false)
        {
            if (first && read >= 2 && (buffer[0], buffer[1]) is (0xFF, 0xFE) or (0xFE, 0xFF))
            {
                throw new UnreadableFileException(Messages.GuardUtf16);
            }

            bom |= first && buffer.AsSpan(0, read).StartsWith("\uFEFF"u8);
            if (Array.IndexOf(buffer, (byte)0, 0, read) >= 0)
            {
                throw new UnreadableFileException(Messages.GuardBinaryText);
            }

            Decode(decoders, buffer, read, chars);
        }

        Decode(decoders, buffer, 0, chars);
        stream.Position = start + (bom ? 3 : 0);
        return bom || decoders[0] is not null ? CsvSheetReader.Utf8
            : decoders[1] is not null ? CsvSheetReader.ShiftJis
            : throw new UnreadableFileException(Messages.FileEncodingUnknown);
    }

    /// <summary>
    /// An .xlsx file: the zip, its parts' names and sizes, its worksheets and shared strings searched for
    /// a DTD and its other XML parts parsed. <see cref="ZipArchive"/> never inflates more than a part
    /// declares (a part that understates its size arrives cut short, and is refused as broken), so the
    /// declared sizes bound what any reader inflates. The stream is rewound.
    /// </summary>
    internal static void CheckXlsx(Stream stream, ImportLimits limits)
    {
        CheckSize(stream, limits);
        var start = stream.Position;
        Span<byte> magic = stackalloc byte[4];
        if (stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) < 4 || !magic.SequenceEqual("PK\u0003\u0004"u8))
        {
            throw new UnreadableFileException(Messages.GuardNotZip);
        }

        stream.Position = start;
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            CheckParts(zip.Entries, limits);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new UnreadableFileException(Messages.FileNotReadableXlsx, e);
        }
        finally
        {
            stream.Position = start;
        }
    }

    /// <summary>
    /// The rows a reader yields, checked against the limits; any failure of the reader other
    /// than its own refusals becomes <paramref name="unreadable"/>, so a damaged file is a message, never a crash.
    /// </summary>
    public static IEnumerable<SheetRow> Rows(IEnumerable<SheetRow> rows, ImportLimits limits, string unreadable)
    {
        using var enumerator = rows.GetEnumerator();
        var count = 0;
        while (true)
        {
            try
            {
                if (!enumerator.MoveNext())
                {
                    yield break;
                }
            }
            catch (Sylvan.Data.Csv.CsvRecordTooLargeException e)
            {
                // The CSV reader's buffer ends before the row does: a cell or a row far beyond what a register holds.
                throw new UnreadableFileException(Format(Messages.GuardCsvRowTooLong, e.RowNumber), e);
            }
            catch (Exception e) when (e is not UnreadableFileException and not OperationCanceledException and not OutOfMemoryException)
            {
                throw new UnreadableFileException(unreadable, e);
            }

            var row = enumerator.Current;
            count++;
            if (count > limits.MaxRows || row.RowNumber > limits.MaxRows)
            {
                throw new UnreadableFileException(Format(Messages.GuardTooManyRows, Math.Max(count, row.RowNumber), limits.MaxRows));
            }

            if (row.Cells.Count > limits.MaxColumns)
            {
                throw new UnreadableFileException(Format(Messages.GuardTooManyColumns, row.RowNumber, limits.MaxColumns));
            }

            if (row.Cells.Any(c => c.Text.Length > limits.MaxCellCharacters))
            {
                throw new UnreadableFileException(Format(Messages.GuardCellTooLong, row.RowNumber, limits.MaxCellCharacters));
            }

            yield return row;
        }
    }

    /// <summary>How every part is parsed: a DTD is parsed only so that it shows up as a node and is refused before any entity is used.</summary>
    internal static XmlReaderSettings XmlSettings(ImportLimits limits) => new()
    {
        DtdProcessing = DtdProcessing.Parse,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        MaxCharactersInDocument = limits.MaxExpandedBytes,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    internal static string Format(string format, params object[] values) => string.Format(CultureInfo.CurrentCulture, format, values);

    public static void CheckSize(Stream stream, ImportLimits limits)
    {
        if (stream.CanSeek && stream.Length - stream.Position > limits.MaxFileBytes)
        {
            throw new UnreadableFileException(Format(Messages.GuardFileTooLarge, Megabytes(stream.Length - stream.Position), Megabytes(limits.MaxFileBytes)));
        }
    }

    private static void CheckParts(IReadOnlyCollection<ZipArchiveEntry> entries, ImportLimits limits)
    {
        if (entries.Count > limits.MaxParts)
        {
            throw new UnreadableFileException(Format(Messages.GuardTooManyParts, entries.Count, limits.MaxParts));
        }

        if (entries.Sum(e => e.Length) > limits.MaxExpandedBytes)
        {
            throw new UnreadableFileException(Format(Messages.GuardExpandsTooMuch, Megabytes(limits.MaxExpandedBytes)));
        }

        if (entries.All(e => e.FullName != "[Content_Types].xml"))
        {
            throw new UnreadableFileException(Messages.FileNotReadableXlsx);
        }

        foreach (var entry in entries)
        {
            var name = entry.FullName;
            RefuseMarkers(name);
            if (name.StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase) || name.Equals("xl/sharedStrings.xml", StringComparison.OrdinalIgnoreCase))
            {
                // Nearly all of the file: searched for a DTD only; the reader parses the imported sheet and its strings.
                using var content = entry.Open();
                RefuseDoctype(content);
            }
            else if (name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase))
            {
                CheckXml(entry, limits);
            }
        }
    }

    private static void RefuseMarkers(string text)
    {
        if (MacroMarkers.Any(m => text.Contains(m, StringComparison.OrdinalIgnoreCase)))
        {
            throw new UnreadableFileException(Messages.GuardMacros);
        }

        if (ExternalMarkers.Any(m => text.Contains(m, StringComparison.OrdinalIgnoreCase)))
        {
            throw new UnreadableFileException(Messages.GuardExternalLinks);
        }
    }

    /// <summary>Reads the part to its end, refusing it if it declares a DTD.</summary>
    private static void RefuseDoctype(Stream content)
    {
        var marker = "<!DOCTYPE"u8;
        var buffer = new byte[64 * 1024];
        var kept = 0;
        int read;
        while ((read = content.Read(buffer, kept, buffer.Length - kept)) > 0)
        {
            var filled = kept + read;
            if (buffer.AsSpan(0, filled).IndexOf(marker) >= 0)
            {
                throw new UnreadableFileException(Messages.GuardDtd);
            }

            // The marker may straddle two reads: the tail of this one starts the next.
            kept = Math.Min(marker.Length - 1, filled);
            buffer.AsSpan(filled - kept, kept).CopyTo(buffer);
        }
    }

    private static void CheckXml(ZipArchiveEntry entry, ImportLimits limits)
    {
        var workbookLinks = entry.FullName.Equals("xl/_rels/workbook.xml.rels", StringComparison.OrdinalIgnoreCase);
        var contentTypes = entry.FullName == "[Content_Types].xml";
        try
        {
            using var reader = XmlReader.Create(entry.Open(), XmlSettings(limits));
            while (reader.Read())
            {
                if (reader.NodeType is XmlNodeType.DocumentType or XmlNodeType.EntityReference)
                {
                    throw new UnreadableFileException(Messages.GuardDtd);
                }

                if (reader.NodeType == XmlNodeType.Element && contentTypes)
                {
                    RefuseMarkers(reader.GetAttribute("ContentType") ?? "");
                }

                if (reader.NodeType == XmlNodeType.Element && workbookLinks && string.Equals(reader.GetAttribute("TargetMode"), "External", StringComparison.OrdinalIgnoreCase))
                {
                    throw new UnreadableFileException(Messages.GuardExternalLinks);
                }
            }
        }
        catch (XmlException e)
        {
            throw new UnreadableFileException(Format(Messages.GuardXmlBroken, entry.FullName), e);
        }
    }

    /// <summary>Feeds the bytes to each decoder still going (flushing them when there are none), dropping those they do not decode.</summary>
    private static void Decode(Decoder?[] decoders, byte[] bytes, int count, char[] chars)
    {
        for (var i = 0; i < decoders.Length; i++)
        {
            try
            {
                decoders[i]?.GetChars(bytes, 0, count, chars, 0, flush: count == 0);
            }
            catch (DecoderFallbackException)
            {
                decoders[i] = null;
            }
        }
    }

    private static long Megabytes(long bytes) => (bytes + (1024 * 1024) - 1) / (1024 * 1024);
}
