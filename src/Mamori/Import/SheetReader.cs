using Mamori.Resources;

namespace Mamori.Import;

/// <summary>Reads a register file by its kind: .xlsx, or CSV/TSV text, each checked by <see cref="ImportGuard"/> first.</summary>
public static class SheetReader
{
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
