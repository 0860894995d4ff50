using Mamori.Resources;

namespace Mamori.Import;

/// <summary>Reads a register file by its kind: .xlsx, or CSV/TSV text.</summary>
public static class SheetReader
{
    public static IEnumerable<SheetRow> Read(Stream stream, string fileName)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        return extension switch
        {
            ".xlsx" => XlsxSheetReader.Read(stream),
            ".csv" or ".tsv" or ".txt" => CsvSheetReader.Read(stream),
            _ => throw new UnreadableFileException(string.Format(System.Globalization.CultureInfo.CurrentCulture, Messages.FileKindUnsupported, extension)),
        };
    }
}
