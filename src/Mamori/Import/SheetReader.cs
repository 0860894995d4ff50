using Mamori.Resources;

namespace Mamori.Import;

/// <summary>Reads a register file by its kind: .xlsx, or CSV/TSV text, each checked by <see cref="ImportGuard"/> first.</summary>
public static class SheetReader
{
    /// <summary>The extensions a register file may have; an upload with any other is refused before it is read.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".xlsx", ".csv", ".tsv", ".txt"];

    /// <summary>Whether the name a client gave (used as given: nothing is removed first) ends in one of <see cref="Extensions"/>.</summary>
    public static bool Reads(string? clientFileName)
    {
        var name = clientFileName ?? "";
        var dot = name.LastIndexOf('.');
        return dot >= 0 && Extensions.Contains(name[dot..], StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The name a client gave, to keep as the import's record: its last path segment without control
    /// characters (which PostgreSQL text refuses and logs should not carry). Never used as a path.
    /// </summary>
    public static string CleanName(string? clientFileName)
    {
        var name = string.Concat((clientFileName ?? "").Where(c => !char.IsControl(c)));
        return name[(name.LastIndexOfAny(['/', '\\']) + 1)..].Trim();
    }

    public static IEnumerable<SheetRow> Read(Stream stream, string fileName) => Read(stream, fileName, ImportLimits.Default);

    public static IEnumerable<SheetRow> Read(Stream stream, string fileName, ImportLimits limits)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        switch (extension)
        {
            case ".xlsx":
                ImportGuard.CheckXlsx(stream, limits);
                return ImportGuard.Rows(XlsxSheetReader.Read(stream, limits), limits, Messages.FileNotReadableXlsx);
            case ".csv" or ".tsv" or ".txt":
                return ImportGuard.Rows(CsvSheetReader.Read(stream, ImportGuard.CheckText(stream, limits)), limits, Messages.FileNotReadableCsv);
        }

        throw new UnreadableFileException(string.Format(System.Globalization.CultureInfo.CurrentCulture, Messages.FileKindUnsupported, extension));
    }
}
