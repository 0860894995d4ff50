using System.Globalization;
using System.IO.Compression;
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

    /// <summary>All parts of an .xlsx together once decompressed, counted as they are read, not as the zip declares.</summary>
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

    public static void CheckSize(Stream stream, ImportLimits limits)
    {
        if (stream.CanSeek && stream.Length - stream.Position > limits.MaxFileBytes)
        {
            throw new UnreadableFileException(Format(Messages.GuardFileTooLarge, Megabytes(stream.Length - stream.Position), Megabytes(limits.MaxFileBytes)));
        }
    }

    /// <summary>A CSV/TSV file: size first (before a byte is decoded), then no UTF-16 and no binary content. The stream is rewound.</summary>
    public static void CheckText(Stream stream, ImportLimits limits)
    {
        CheckSize(stream, limits);
        var start = stream.Position;
        var buffer = new byte[64 * 1024];
        var first = true;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (first && read >= 2 && ((buffer[0] == 0xFF && buffer[1] == 0xFE) || (buffer[0] == 0xFE && buffer[1] == 0xFF)))
            {
                throw new UnreadableFileException(Messages.GuardUtf16);
            }

            first = false;
            if (Array.IndexOf(buffer, (byte)0, 0, read) >= 0)
            {
                throw new UnreadableFileException(Messages.GuardBinaryText);
            }
        }

        stream.Position = start;
    }

    /// <summary>
    /// An .xlsx file: the zip and every part in it, inflated once and counted as it is read (the sizes a
    /// zip declares can lie). The stream is rewound.
    /// </summary>
    internal static void CheckXlsx(Stream stream, ImportLimits limits)
    {
        CheckSize(stream, limits);
        var start = stream.Position;
        Span<byte> magic = stackalloc byte[4];
        if (stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) < 4 || magic[0] != (byte)'P' || magic[1] != (byte)'K' || magic[2] != 3 || magic[3] != 4)
        {
            throw new UnreadableFileException(Messages.GuardNotZip);
        }

        stream.Position = start;
        try
        {
            InZip(() =>
            {
                using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
                CheckParts(zip, limits);
            });
        }
        finally
        {
            stream.Position = start;
        }
    }

    /// <summary>A damaged zip found while reading it is a file that cannot be read.</summary>
    private static void InZip(Action read)
    {
        try
        {
            read();
        }
        catch (InvalidDataException e)
        {
            throw new UnreadableFileException(Messages.FileNotReadableXlsx, e);
        }
        catch (IOException e)
        {
            throw new UnreadableFileException(Messages.FileNotReadableXlsx, e);
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
            catch (UnreadableFileException e) when (e.InnerException is Sylvan.Data.Csv.CsvRecordTooLargeException tooLarge)
            {
                // The CSV reader's buffer ends before the row does: a cell or a row far beyond what a register holds.
                throw new UnreadableFileException(Format(Messages.GuardCsvRowTooLong, tooLarge.RowNumber), e);
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

            if (row.Cells.Any(c => c.Text?.Length > limits.MaxCellCharacters))
            {
                throw new UnreadableFileException(Format(Messages.GuardCellTooLong, row.RowNumber, limits.MaxCellCharacters));
            }

            yield return row;
        }
    }

    private static void CheckParts(ZipArchive zip, ImportLimits limits)
    {
        var entries = zip.Entries;
        if (entries.Count > limits.MaxParts)
        {
            throw new UnreadableFileException(Format(Messages.GuardTooManyParts, entries.Count, limits.MaxParts));
        }

        // The sizes a zip declares can lie, so they only refuse early; the real count is taken while reading.
        if (entries.Sum(e => Math.Max(0, e.Length)) > limits.MaxExpandedBytes)
        {
            throw new UnreadableFileException(Format(Messages.GuardExpandsTooMuch, Megabytes(limits.MaxExpandedBytes)));
        }

        if (entries.All(e => e.FullName != "[Content_Types].xml"))
        {
            throw new UnreadableFileException(Messages.FileNotReadableXlsx);
        }

        foreach (var entry in entries)
        {
            if (MacroMarkers.Any(m => entry.FullName.Contains(m, StringComparison.OrdinalIgnoreCase)))
            {
                throw new UnreadableFileException(Messages.GuardMacros);
            }

            if (ExternalMarkers.Any(m => entry.FullName.Contains(m, StringComparison.OrdinalIgnoreCase)))
            {
                throw new UnreadableFileException(Messages.GuardExternalLinks);
            }
        }

        var budget = new ExpansionBudget(limits.MaxExpandedBytes);
        foreach (var entry in entries)
        {
            using var content = new CountingStream(entry.Open(), budget);
            if (IsWorksheet(entry.FullName))
            {
                // Nearly all of the file: searched for a DTD only, the reader parses the imported one.
                RefuseDoctype(content);
            }
            else if (entry.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || entry.FullName.EndsWith(".rels", StringComparison.OrdinalIgnoreCase))
            {
                CheckXml(entry.FullName, content, limits);
            }
            else
            {
                content.CopyTo(Stream.Null);
            }
        }
    }

    internal static bool IsWorksheet(string name) =>
        name.StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads the part to its end (counting it against the budget), refusing it if it declares a DTD.</summary>
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

    /// <summary>"XFD7" is within Excel's columns; "XFE7", "AAAA1" and a reference without letters are not.</summary>
    internal static bool WithinColumns(string reference, ImportLimits limits) => WithinColumns(reference, limits.MaxColumns);

    internal static string Refusal(string message, params object[] values) => Format(message, values);

    private static void CheckXml(string name, Stream content, ImportLimits limits)
    {
        var workbookLinks = name.Equals("xl/_rels/workbook.xml.rels", StringComparison.OrdinalIgnoreCase);
        var contentTypes = name == "[Content_Types].xml";
        try
        {
            using var reader = XmlReader.Create(content, XmlSettings(limits));
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.DocumentType or XmlNodeType.EntityReference:
                        throw new UnreadableFileException(Messages.GuardDtd);
                    case XmlNodeType.Text or XmlNodeType.CDATA when reader.Value.Length > limits.MaxCellCharacters && name.Contains("sharedStrings", StringComparison.OrdinalIgnoreCase):
                        throw new UnreadableFileException(Format(Messages.GuardTextTooLong, limits.MaxCellCharacters));
                    case XmlNodeType.Element when contentTypes:
                        var type = reader.GetAttribute("ContentType") ?? "";
                        if (MacroMarkers.Any(m => type.Contains(m, StringComparison.OrdinalIgnoreCase)))
                        {
                            throw new UnreadableFileException(Messages.GuardMacros);
                        }

                        if (ExternalMarkers.Any(m => type.Contains(m, StringComparison.OrdinalIgnoreCase)))
                        {
                            throw new UnreadableFileException(Messages.GuardExternalLinks);
                        }

                        break;
                    case XmlNodeType.Element when workbookLinks:
                        if (string.Equals(reader.GetAttribute("TargetMode"), "External", StringComparison.OrdinalIgnoreCase))
                        {
                            throw new UnreadableFileException(Messages.GuardExternalLinks);
                        }

                        break;
                }
            }
        }
        catch (XmlException e)
        {
            throw new UnreadableFileException(Format(Messages.GuardXmlBroken, name), e);
        }
    }

    /// <summary>"XFD7" is within 16,384 columns; "XFE7", "AAAA1" and a reference without letters are not.</summary>
    private static bool WithinColumns(string reference, int maxColumns)
    {
        var column = 0;
        var letters = 0;
        foreach (var ch in reference)
        {
            if (ch is < 'A' or > 'Z')
            {
                break;
            }

            if (++letters > 3)
            {
                return false;
            }

            column = (column * 26) + (ch - 'A' + 1);
        }

        return letters > 0 && column <= maxColumns;
    }

    private static long Megabytes(long bytes) => (bytes + (1024 * 1024) - 1) / (1024 * 1024);

    private static string Format(string format, params object[] values) => string.Format(CultureInfo.CurrentCulture, format, values);

    /// <summary>The decompressed bytes left for the whole file.</summary>
    private sealed class ExpansionBudget(long bytes)
    {
        private long _spent;

        public void Spend(int spent)
        {
            _spent += spent;
            if (_spent > bytes)
            {
                throw new UnreadableFileException(Format(Messages.GuardExpandsTooMuch, Megabytes(bytes)));
            }
        }
    }

    /// <summary>Counts what is decompressed and stops at the budget, whatever the zip's headers claim.</summary>
    private sealed class CountingStream(Stream inner, ExpansionBudget budget) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            budget.Spend(read);
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
