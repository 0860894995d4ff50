using System.Buffers;
using System.Globalization;
using System.Text.Unicode;

namespace Mamori.Documents.Xlsx;

/// <summary>
/// UTF-8 XML written into a buffer and on to a stream: markup as given, text escaped as
/// <see cref="System.Xml.XmlWriter"/> escapes element content.
/// </summary>
internal sealed class SheetMarkup(Stream stream)
{
    // What text cannot carry as it is: markup characters, carriage returns (a reader turns them into
    // line feeds anyway), and the characters XML cannot hold at all (XmlConvert.IsXmlChar).
    // Lone surrogates are the remaining ones; the UTF-8 encoder replaces them.
    private static readonly SearchValues<char> Special = SearchValues.Create(
        "<>&\r\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\uFFFE\uFFFF");

    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _length;

    /// <summary>Bytes that are already markup.</summary>
    public void Raw(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _buffer.Length - _length)
        {
            Flush();
            if (bytes.Length > _buffer.Length)
            {
                stream.Write(bytes);
                return;
            }
        }

        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>A string that is already markup.</summary>
    public void Markup(ReadOnlySpan<char> xml) => Encode(xml);

    public void Integer(int value)
    {
        Reserve(11);
        value.TryFormat(_buffer.AsSpan(_length), out var written, default, CultureInfo.InvariantCulture);
        _length += written;
    }

    public void Integer(uint value)
    {
        Reserve(10);
        value.TryFormat(_buffer.AsSpan(_length), out var written, default, CultureInfo.InvariantCulture);
        _length += written;
    }

    /// <summary>
    /// Text as element content: &amp;, &lt; and &gt; escaped, line breaks as line feeds, and what XML
    /// cannot hold (control characters other than tab and line breaks, U+FFFE, U+FFFF, lone
    /// surrogates) as U+FFFD.
    /// </summary>
    public void Text(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            var special = text.IndexOfAny(Special);
            if (special < 0)
            {
                Encode(text);
                return;
            }

            Encode(text[..special]);
            var next = special + 1;
            switch (text[special])
            {
                case '<':
                    Raw("&lt;"u8);
                    break;
                case '>':
                    Raw("&gt;"u8);
                    break;
                case '&':
                    Raw("&amp;"u8);
                    break;
                case '\r':
                    Raw("\n"u8);
                    if (next < text.Length && text[next] == '\n')
                    {
                        next++;
                    }

                    break;
                default:
                    Raw("\uFFFD"u8);
                    break;
            }

            text = text[next..];
        }
    }

    public void Flush()
    {
        if (_length > 0)
        {
            stream.Write(_buffer, 0, _length);
            _length = 0;
        }
    }

    private void Encode(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            var status = Utf8.FromUtf16(text, _buffer.AsSpan(_length), out var read, out var written, replaceInvalidSequences: true);
            _length += written;
            text = text[read..];
            if (status == OperationStatus.DestinationTooSmall)
            {
                Flush();
            }
        }
    }

    private void Reserve(int bytes)
    {
        if (_buffer.Length - _length < bytes)
        {
            Flush();
        }
    }
}
