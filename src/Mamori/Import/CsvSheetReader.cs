using System.Text;
using Sylvan.Data.Csv;

namespace Mamori.Import;

/// <summary>
/// Reads a CSV file as Japanese users produce it: UTF-8 with or without a BOM, or
/// Shift_JIS (CP932) as Excel saves "CSV" on a Japanese Windows machine.
/// </summary>
public static class CsvSheetReader
{
    /// <summary>UTF-8, failing on bytes that are not valid in it.</summary>
    public static Encoding Utf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>CP932, failing on bytes that are not valid in it.</summary>
    public static Encoding ShiftJis { get; } = CreateShiftJis();

    /// <summary>The rows of a file <see cref="ImportGuard.CheckText"/> has checked, in the encoding it found.</summary>
    public static IEnumerable<SheetRow> Read(Stream stream, Encoding encoding)
    {
        using var text = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        using var csv = CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = false });
        // Decoding errors and broken quoting come out of Read as exceptions, which the guard turns into a message.
        while (csv.Read())
        {
            var cells = new SheetCell[csv.RowFieldCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = new SheetCell(csv.GetString(i), IsFormula: false);
            }

            yield return new SheetRow(csv.RowNumber, cells);
        }
    }

    private static Encoding CreateShiftJis()
    {
        // .NET ships only Unicode encodings until the code-page provider is registered.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }
}
