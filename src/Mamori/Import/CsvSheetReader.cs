using System.Text;
using Mamori.Resources;
using Sylvan.Data.Csv;

namespace Mamori.Import;

/// <summary>
/// Reads a CSV file as Japanese users produce it: UTF-8 with or without a BOM, or
/// Shift_JIS (CP932) as Excel saves "CSV" on a Japanese Windows machine.
/// </summary>
public static class CsvSheetReader
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>CP932, failing on bytes that are not valid in it.</summary>
    public static Encoding ShiftJis { get; } = CreateShiftJis();

    public static IEnumerable<SheetRow> Read(Stream stream)
    {
        var encoding = DetectEncoding(stream);
        using var text = new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        using var csv = CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = false });
        while (true)
        {
            bool more;
            try
            {
                more = csv.Read();
            }
            catch (Exception e) when (e is DecoderFallbackException or CsvFormatException)
            {
                throw new UnreadableFileException(Messages.FileNotReadableCsv, e);
            }

            if (!more)
            {
                yield break;
            }

            var cells = new SheetCell[csv.RowFieldCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = new SheetCell(csv.GetString(i), IsFormula: false);
            }

            yield return new SheetRow(csv.RowNumber, cells);
        }
    }

    /// <summary>UTF-8 when the bytes are valid UTF-8 (or start with its BOM), otherwise CP932; the stream is rewound.</summary>
    public static Encoding DetectEncoding(Stream stream)
    {
        if (!stream.CanSeek)
        {
            throw new ArgumentException("The CSV stream must be seekable to detect its encoding.", nameof(stream));
        }

        var start = stream.Position;
        Span<byte> bom = stackalloc byte[3];
        var read = stream.ReadAtLeast(bom, 3, throwOnEndOfStream: false);
        if (read == 3 && bom[0] == 0xEF && bom[1] == 0xBB && bom[2] == 0xBF)
        {
            return StrictUtf8; // position stays after the BOM
        }

        stream.Position = start;
        var encoding = Decodes(stream, StrictUtf8) ? StrictUtf8
            : Decodes(stream, ShiftJis) ? ShiftJis
            : throw new UnreadableFileException(Messages.FileEncodingUnknown);
        stream.Position = start;
        return encoding;
    }

    private static Encoding CreateShiftJis()
    {
        // .NET ships only Unicode encodings until the code-page provider is registered.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    private static bool Decodes(Stream stream, Encoding encoding)
    {
        var start = stream.Position;
        var decoder = encoding.GetDecoder();
        var bytes = new byte[64 * 1024];
        var chars = new char[encoding.GetMaxCharCount(bytes.Length)];
        try
        {
            int n;
            while ((n = stream.Read(bytes, 0, bytes.Length)) > 0)
            {
                decoder.GetChars(bytes, 0, n, chars, 0, flush: false);
            }

            decoder.GetChars(bytes, 0, 0, chars, 0, flush: true);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        finally
        {
            stream.Position = start;
        }
    }
}
