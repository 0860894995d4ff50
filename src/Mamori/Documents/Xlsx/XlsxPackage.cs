using System.Buffers.Binary;
using System.Text;
using System.Xml.Linq;
using DocumentFormat.OpenXml;

namespace Mamori.Documents.Xlsx;

/// <summary>
/// A forward-only .xlsx package: parts go one after another straight into a zip.
/// <see cref="DocumentFormat.OpenXml.Packaging.SpreadsheetDocument"/> sits on System.IO.Packaging,
/// which keeps every part it writes in memory until the package is closed
/// (dotnet/Open-XML-SDK#807), so a 100,000-row sheet would be held whole; here no part is.
/// The zip is written here rather than by <see cref="System.IO.Compression.ZipArchive"/>, which
/// offers neither a compression level between Fastest and Optimal nor an entry deflated
/// beforehand, on another thread (<see cref="AddDeflated"/>).
/// </summary>
internal sealed class XlsxPackage : IDisposable
{
    public const string WorkbookPath = "xl/workbook.xml";
    public const string StylesPath = "xl/styles.xml";

    private static readonly XNamespace ContentTypesNamespace = "http://schemas.openxmlformats.org/package/2006/content-types";
    private static readonly XNamespace RelationshipsNamespace = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string OfficeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string SpreadsheetContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml";

    private const uint LocalHeaderSignature = 0x04034b50;
    private const uint CentralHeaderSignature = 0x02014b50;
    private const uint EndOfCentralDirectorySignature = 0x06054b50;
    private const ushort VersionNeeded = 20;
    private const ushort Deflated = 8;
    private const ushort Utf8Names = 1 << 11;

    // 1980-01-01 00:00, the earliest DOS date: the same bytes for the same workbook.
    private const ushort DosTime = 0;
    private const ushort DosDate = (1 << 5) | 1;

    private readonly Stream _output;
    private readonly List<Entry> _entries = [];
    private (Entry Entry, DeflatedPart Part)? _open;
    private bool _disposed;

    /// <param name="output">A seekable stream: each entry's header is completed once its part is written.</param>
    public XlsxPackage(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!output.CanSeek)
        {
            throw new ArgumentException("The package is written to a seekable stream.", nameof(output));
        }

        _output = output;
    }

    /// <summary>The path of the n-th worksheet (1-based) and its relationship id in the workbook.</summary>
    public static string WorksheetPath(int sheet) => $"xl/worksheets/sheet{sheet}.xml";

    public static string WorksheetRelationshipId(int sheet) => $"rId{sheet}";

    /// <summary>Content types, the package relationships and the workbook's relationships for a workbook of <paramref name="sheetCount"/> sheets.</summary>
    public void WriteSkeleton(int sheetCount)
    {
        var sheets = Enumerable.Range(1, sheetCount).ToList();
        WriteXml("[Content_Types].xml", new XElement(
            ContentTypesNamespace + "Types",
            new XElement(ContentTypesNamespace + "Default", new XAttribute("Extension", "rels"), new XAttribute("ContentType", "application/vnd.openxmlformats-package.relationships+xml")),
            new XElement(ContentTypesNamespace + "Default", new XAttribute("Extension", "xml"), new XAttribute("ContentType", "application/xml")),
            Override(WorkbookPath, "sheet.main+xml"),
            Override(StylesPath, "styles+xml"),
            sheets.Select(s => Override(WorksheetPath(s), "worksheet+xml"))));

        WriteXml("_rels/.rels", Relationships(("rId1", "officeDocument", WorkbookPath)));

        // Targets in the workbook's relationships are relative to xl/.
        WriteXml("xl/_rels/workbook.xml.rels", Relationships(
            [.. sheets.Select(s => (WorksheetRelationshipId(s), "worksheet", WorksheetPath(s)["xl/".Length..])),
             ($"rId{sheetCount + 1}", "styles", StylesPath["xl/".Length..])]));
    }

    /// <summary>Opens a part for writing; dispose it before opening the next one.</summary>
    public Stream CreatePart(string path)
    {
        CloseOpenPart();
        var entry = StartEntry(path, crc: 0, compressedLength: 0, uncompressedLength: 0);
        var part = new DeflatedPart(_output);
        _open = (entry, part);
        return part;
    }

    /// <summary>Adds a part deflated beforehand: <paramref name="part"/> was written into <paramref name="compressed"/>, which is read from its start.</summary>
    public void AddDeflated(string path, DeflatedPart part, Stream compressed)
    {
        CloseOpenPart();
        if (!part.Finished)
        {
            throw new InvalidOperationException($"The part {path} is still being written.");
        }

        StartEntry(path, part.Crc, part.CompressedLength, part.UncompressedLength);
        compressed.Position = 0;
        compressed.CopyTo(_output);
        if (compressed.Length != part.CompressedLength)
        {
            throw new InvalidOperationException($"The part {path} holds {compressed.Length} compressed bytes, not {part.CompressedLength}.");
        }
    }

    /// <summary>Writes a small part built as an SDK element tree.</summary>
    public void WriteElement(string path, OpenXmlElement root)
    {
        using var stream = CreatePart(path);
        using var writer = OpenXmlWriter.Create(stream);
        writer.WriteStartDocument(true);
        writer.WriteElement(root);
    }

    /// <summary>Writes the central directory, which makes the zip complete.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_open is { Part.Finished: false })
        {
            // Disposed while a part failed mid-way: the output is unusable, and throwing here would hide why.
            return;
        }

        CloseOpenPart();
        var start = _output.Position;
        Span<byte> header = stackalloc byte[46];
        foreach (var entry in _entries)
        {
            var name = Encoding.UTF8.GetBytes(entry.Path);
            BinaryPrimitives.WriteUInt32LittleEndian(header, CentralHeaderSignature);
            BinaryPrimitives.WriteUInt16LittleEndian(header[4..], VersionNeeded);
            WriteCommonFields(header[6..], entry.Flags, entry.Crc, entry.CompressedLength, entry.UncompressedLength, name.Length);
            // Comment length, disk, internal and external attributes: all zero.
            header[32..42].Clear();
            BinaryPrimitives.WriteUInt32LittleEndian(header[42..], Zip32(entry.Offset));
            _output.Write(header);
            _output.Write(name);
        }

        var end = _output.Position;
        Span<byte> record = stackalloc byte[22];
        record.Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(record, EndOfCentralDirectorySignature);
        BinaryPrimitives.WriteUInt16LittleEndian(record[8..], checked((ushort)_entries.Count));
        BinaryPrimitives.WriteUInt16LittleEndian(record[10..], checked((ushort)_entries.Count));
        BinaryPrimitives.WriteUInt32LittleEndian(record[12..], Zip32(end - start));
        BinaryPrimitives.WriteUInt32LittleEndian(record[16..], Zip32(start));
        _output.Write(record);
        _output.Flush();
    }

    private Entry StartEntry(string path, uint crc, long compressedLength, long uncompressedLength)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var name = Encoding.UTF8.GetBytes(path);
        var entry = new Entry(path, Ascii.IsValid(path) ? (ushort)0 : Utf8Names, _output.Position) { Crc = crc, CompressedLength = compressedLength, UncompressedLength = uncompressedLength };
        Span<byte> header = stackalloc byte[30];
        BinaryPrimitives.WriteUInt32LittleEndian(header, LocalHeaderSignature);
        WriteCommonFields(header[4..], entry.Flags, crc, compressedLength, uncompressedLength, name.Length);
        _output.Write(header);
        _output.Write(name);
        _entries.Add(entry);
        return entry;
    }

    /// <summary>Completes the entry of the part last opened, whose sizes and CRC are known only now.</summary>
    private void CloseOpenPart()
    {
        if (_open is not var (entry, part))
        {
            return;
        }

        if (!part.Finished)
        {
            throw new InvalidOperationException($"The part {entry.Path} is still open.");
        }

        _open = null;
        entry.Crc = part.Crc;
        entry.CompressedLength = part.CompressedLength;
        entry.UncompressedLength = part.UncompressedLength;
        var end = _output.Position;
        Span<byte> sizes = stackalloc byte[12];
        BinaryPrimitives.WriteUInt32LittleEndian(sizes, entry.Crc);
        BinaryPrimitives.WriteUInt32LittleEndian(sizes[4..], Zip32(entry.CompressedLength));
        BinaryPrimitives.WriteUInt32LittleEndian(sizes[8..], Zip32(entry.UncompressedLength));
        _output.Position = entry.Offset + 14;
        _output.Write(sizes);
        _output.Position = end;
    }

    /// <summary>Version needed … extra field length: the 26 bytes local and central headers share.</summary>
    private static void WriteCommonFields(Span<byte> fields, ushort flags, uint crc, long compressedLength, long uncompressedLength, int nameLength)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(fields, VersionNeeded);
        BinaryPrimitives.WriteUInt16LittleEndian(fields[2..], flags);
        BinaryPrimitives.WriteUInt16LittleEndian(fields[4..], Deflated);
        BinaryPrimitives.WriteUInt16LittleEndian(fields[6..], DosTime);
        BinaryPrimitives.WriteUInt16LittleEndian(fields[8..], DosDate);
        BinaryPrimitives.WriteUInt32LittleEndian(fields[10..], crc);
        BinaryPrimitives.WriteUInt32LittleEndian(fields[14..], Zip32(compressedLength));
        BinaryPrimitives.WriteUInt32LittleEndian(fields[18..], Zip32(uncompressedLength));
        BinaryPrimitives.WriteUInt16LittleEndian(fields[22..], checked((ushort)nameLength));
        BinaryPrimitives.WriteUInt16LittleEndian(fields[24..], 0);
    }

    // Excel's 1,048,576 rows keep a sheet far below 4 GiB, so Zip64 is not written.
    private static uint Zip32(long value) =>
        value <= uint.MaxValue ? (uint)value : throw new InvalidOperationException("The workbook exceeds 4 GiB, which this writer does not support (no Zip64).");

    private sealed class Entry(string path, ushort flags, long offset)
    {
        public string Path { get; } = path;

        public ushort Flags { get; } = flags;

        public long Offset { get; } = offset;

        public uint Crc { get; set; }

        public long CompressedLength { get; set; }

        public long UncompressedLength { get; set; }
    }

    private void WriteXml(string path, XElement root)
    {
        using var stream = CreatePart(path);
        new XDocument(new XDeclaration("1.0", "UTF-8", "yes"), root).Save(stream, SaveOptions.DisableFormatting);
    }

    private static XElement Override(string path, string kind) =>
        new(ContentTypesNamespace + "Override", new XAttribute("PartName", "/" + path), new XAttribute("ContentType", $"{SpreadsheetContentType}.{kind}"));

    private static XElement Relationships(params (string Id, string Type, string Target)[] relationships) =>
        new(RelationshipsNamespace + "Relationships", relationships.Select(r => new XElement(
            RelationshipsNamespace + "Relationship",
            new XAttribute("Id", r.Id),
            new XAttribute("Type", $"{OfficeRelationships}/{r.Type}"),
            new XAttribute("Target", r.Target))));
}
