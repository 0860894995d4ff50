using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace Mamori.Import;

/// <summary>
/// Reads the rows of a worksheet part straight from its UTF-8 bytes: the same <see cref="SheetRow"/>s as
/// <see cref="XlsxSheetReader"/>'s XmlReader path, in about half the time (a 100,000-row register is
/// 128 MB of XML, and XmlReader's own node-by-node reading cost more than the rest of the reading thread).
/// </summary>
/// <remarks>
/// It reads a strict subset of XML 1.0 and checks it as XmlReader would. Whatever it does not read exactly
/// (another encoding, a DTD, CDATA, a comment or processing instruction, an unknown entity, malformed
/// markup, a limit of <see cref="ImportLimits"/> reached, a damaged zip…) makes it give up rather than
/// guess: it never throws for the content of the part, and the caller then reads the part again with
/// XmlReader, which gives today's rows or today's error. A row is handed out only once the node after it has
/// been read, as XmlReader does, so the caller never has a row that XmlReader would have refused first.
/// </remarks>
internal sealed class SheetScanner : IDisposable
{
    private const int ChunkBytes = 1 << 20;

    /// <summary>A tag or a text longer than this is far past a cell's 32,767 characters: XmlReader decides.</summary>
    private const int MaxTokenBytes = 16 << 20;

    /// <summary>Room after the data, so that the first 8 bytes of a name can always be read as one number.</summary>
    private const int Slack = 8;

    private const int SlotBits = 11;
    private const int MaxNames = 1 << (SlotBits - 2);
    private const int MaxAttributes = 64;
    private const int MaxDepth = 256;

    /// <summary>Control characters XML 1.0 does not allow, literally or as references.</summary>
    private static readonly byte[] Forbidden = [.. Enumerable.Range(0, 32).Where(b => b is not (9 or 10 or 13)).Select(b => (byte)b)];

    // '>' for "]]>", '\r' for line-end normalisation, 0xEF for U+FFFE and U+FFFF, which UTF-8 allows and XML does not.
    private static readonly SearchValues<byte> TextSpecial = SearchValues.Create([.. Forbidden, (byte)'&', (byte)'\r', (byte)'>', 0xEF]);

    // Attribute values: '<' is not allowed, and tabs and line ends become spaces.
    private static readonly SearchValues<byte> ValueSpecial = SearchValues.Create([.. Forbidden, (byte)'&', (byte)'<', (byte)'\t', (byte)'\n', (byte)'\r', 0xEF]);

    private static readonly SearchValues<byte> Whitespace = SearchValues.Create(" \t\n\r"u8);

    /// <summary>Characters of decoded text that TextSpecial's bytes or invalid UTF-8 (U+FFFD) become.</summary>
    private static readonly SearchValues<char> Suspect = SearchValues.Create([.. Forbidden.Select(b => (char)b), '&', '\r', '>', '\uFFFD', '\uFFFE', '\uFFFF']);

    /// <summary>Bytes of an attribute value that need no look: printable ASCII but '&amp;' and '&lt;'.</summary>
    private static readonly bool[] PlainValueByte = [.. Enumerable.Range(0, 256).Select(b => b is >= 0x20 and < 0x7F and not '&' and not '<')];

    /// <summary>0: not in a name; 1: may start a name; 2: may follow; 3: ':' between prefix and local name.</summary>
    private static readonly byte[] NameClass = NameClasses();

    private const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";

    private readonly Stream _part;
    private readonly List<string> _sharedStrings;
    private readonly ImportLimits _limits;
    private readonly int _maxColumns;
    private byte[] _buffer;
    private int _pos;
    private int _end;
    private bool _eof;
    private long _read;
    private long _offset;
    private bool _started;
    private bool _rootSeen;
    private bool _finished;

    // Qualified names of elements and attributes, each read once and known by its number after.
    private readonly Name[] _names = new Name[MaxNames];
    private readonly int[] _slots = new int[1 << SlotBits];
    private int _nameCount;
    private readonly int _xml;
    private readonly int _xmlns;
    private readonly int _r;
    private readonly int _t;
    private readonly int _space;
    private readonly int _lang;

    // Prefixes declared by the open elements; _scope changes whenever they do.
    private readonly List<int> _prefixes = [];
    private int _scope = 1;

    private readonly int[] _elementName = new int[MaxDepth];
    private readonly Context[] _elementContext = new Context[MaxDepth];
    private readonly int[] _elementPrefixes = new int[MaxDepth];
    private int _depth;

    private readonly int[] _attributeName = new int[MaxAttributes];
    private readonly int[] _attributeStart = new int[MaxAttributes];
    private readonly int[] _attributeEnd = new int[MaxAttributes];
    private readonly int[] _attributeKey = new int[MaxAttributes];

    // A row is handed out once the token after it is read: XmlReader's path reads the node after a row before it yields it.
    private SheetRow? _completed;
    private SheetRow? _held;
    private List<SheetCell> _cells = [];
    private int _rowNumber;
    private int _nextRowNumber = 1;
    private int _width;
    private int _nextColumn;
    private CellType _cellType;
    private bool _cellFormula;
    private string? _cellValue;
    private string? _cellInline;
    private string? _text;
    private string? _inlineFirst;
    private int _inlineParts;
    private readonly StringBuilder _inlineJoined = new();
    private char[] _chars = new char[1024];

    /// <param name="chunkBytes">How much is read at a time; tests make it small so that every token is cut somewhere.</param>
    public SheetScanner(Stream part, List<string> sharedStrings, ImportLimits limits, int chunkBytes = ChunkBytes)
    {
        _buffer = new byte[chunkBytes + Slack];
        _part = part;
        _sharedStrings = sharedStrings;
        _limits = limits;
        _maxColumns = Math.Min(16_384, limits.MaxColumns);
        _xml = Intern("xml"u8);
        _xmlns = Intern("xmlns"u8);
        _r = Intern("r"u8);
        _t = Intern("t"u8);
        _space = Intern("space"u8);
        _lang = Intern("lang"u8);
    }

    private enum Step
    {
        Ok,
        NeedMore,
        GiveUp,
        End,
    }

    /// <summary>What an open element is to the rows, as XmlReader's path treats it.</summary>
    private enum Context : byte
    {
        Generic,
        Row,
        Cell,
        Value,
        Inline,
        Run,
        Text,
        Skip,
    }

    private enum Kind : byte
    {
        Other,
        Row,
        C,
        V,
        Is,
        T,
        R,
        F,
    }

    private enum CellType : byte
    {
        Other,
        Shared,
        Inline,
    }

    /// <summary>True once the scanner has met something it does not read exactly; the rows it gave are still right.</summary>
    public bool GaveUp { get; private set; }

    /// <summary>Where in the part the token it gave up on starts (for tests and diagnostics).</summary>
    public long GaveUpAt { get; private set; } = -1;

    /// <summary>The next row, or null at the end of the part or when the scanner gave up (<see cref="GaveUp"/>).</summary>
    public SheetRow? Next()
    {
        while (!_finished)
        {
            switch (Token())
            {
                case Step.Ok:
                    var ready = _held;
                    _held = _completed;
                    _completed = null;
                    if (ready is not null)
                    {
                        return ready;
                    }

                    break;
                case Step.NeedMore when !_eof && Fill():
                    break;
                case Step.End:
                    _finished = true;
                    break;
                default:
                    _finished = true;
                    GaveUp = true;
                    GaveUpAt = _offset + _pos;
                    _held = null;
                    _completed = null;
                    break;
            }
        }

        var last = _held;
        _held = null;
        return last;
    }

    public void Dispose() => _part.Dispose();

    /// <summary>Keeps the unread bytes and reads the next chunk after them; false when it cannot (a damaged zip, a limit).</summary>
    private bool Fill()
    {
        var kept = _end - _pos;
        _offset += _pos;
        _buffer.AsSpan(_pos, kept).CopyTo(_buffer);
        _pos = 0;
        _end = kept;
        if (_end == _buffer.Length - Slack)
        {
            if (kept >= MaxTokenBytes)
            {
                return false;
            }

            Array.Resize(ref _buffer, (2 * (_buffer.Length - Slack)) + Slack);
        }

        var room = _buffer.AsSpan(_end, _buffer.Length - Slack - _end);
        int read;
        try
        {
            read = _part.ReadAtLeast(room, room.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
        {
            return false;
        }

        _read += read;
        _end += read;
        _eof = read < room.Length;
        // XmlReader counts characters against the limit; a part within it in bytes is within it in characters.
        return _read <= _limits.MaxExpandedBytes;
    }

    private Step Token()
    {
        if (!_started)
        {
            return Prolog();
        }

        if (_pos >= _end)
        {
            return !_eof ? Step.NeedMore : _depth == 0 && _rootSeen ? Step.End : Step.GiveUp;
        }

        return _buffer[_pos] == '<' ? Markup() : Text();
    }

    /// <summary>A UTF-8 byte order mark and an XML declaration that says nothing but version 1.0, UTF-8 and standalone.</summary>
    private Step Prolog()
    {
        var data = _buffer.AsSpan(0, _end);
        if (data.Length < 8 && !_eof)
        {
            return Step.NeedMore;
        }

        var start = data.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        var rest = data[start..];
        if (!rest.StartsWith("<?xml"u8))
        {
            _pos = start;
            _started = true;
            return Step.Ok;
        }

        var close = rest.IndexOf("?>"u8);
        if (close < 0)
        {
            return _eof ? Step.GiveUp : Step.NeedMore;
        }

        var declaration = rest[5..close];
        var i = 0;
        if (!Space(declaration, ref i) || !Pseudo(declaration, ref i, "version"u8, out var version) || !version.SequenceEqual("1.0"u8))
        {
            return Step.GiveUp;
        }

        var kept = i;
        if (Space(declaration, ref i) && declaration[i..].StartsWith("encoding"u8))
        {
            if (!Pseudo(declaration, ref i, "encoding"u8, out var encoding) || !Ascii.EqualsIgnoreCase(encoding, "utf-8"u8))
            {
                return Step.GiveUp;
            }

            kept = i;
        }

        i = kept;
        if (Space(declaration, ref i) && declaration[i..].StartsWith("standalone"u8))
        {
            if (!Pseudo(declaration, ref i, "standalone"u8, out var standalone) || !(standalone.SequenceEqual("yes"u8) || standalone.SequenceEqual("no"u8)))
            {
                return Step.GiveUp;
            }

            kept = i;
        }

        i = kept;
        Space(declaration, ref i);
        if (i != declaration.Length)
        {
            return Step.GiveUp;
        }

        _pos = start + close + 2;
        _started = true;
        return Step.Ok;
    }

    private static bool Space(ReadOnlySpan<byte> text, ref int i)
    {
        var start = i;
        while (i < text.Length && IsSpace(text[i]))
        {
            i++;
        }

        return i > start;
    }

    /// <summary>name = "value" in the XML declaration.</summary>
    private static bool Pseudo(ReadOnlySpan<byte> text, ref int i, ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (!text[i..].StartsWith(name))
        {
            return false;
        }

        i += name.Length;
        Space(text, ref i);
        if (i >= text.Length || text[i] != '=')
        {
            return false;
        }

        i++;
        Space(text, ref i);
        if (i >= text.Length || text[i] is not ((byte)'"' or (byte)'\''))
        {
            return false;
        }

        var close = text[(i + 1)..].IndexOf(text[i]);
        if (close < 0)
        {
            return false;
        }

        value = text.Slice(i + 1, close);
        i += close + 2;
        return true;
    }

    private Step Text()
    {
        var data = _buffer.AsSpan(_pos, _end - _pos);
        var length = data.IndexOf((byte)'<');
        if (length < 0)
        {
            if (!_eof)
            {
                return Step.NeedMore;
            }

            length = data.Length;
        }

        var text = data[..length];
        if (_depth == 0)
        {
            if (text.IndexOfAnyExcept(Whitespace) >= 0)
            {
                return Step.GiveUp;
            }
        }
        else if (_elementContext[_depth - 1] is Context.Value or Context.Text)
        {
            // Invalid UTF-8 decodes to U+FFFD: a string without any suspect character needs no other check.
            var decoded = Encoding.UTF8.GetString(text);
            if (decoded.AsSpan().ContainsAny(Suspect))
            {
                if (!Check(text, TextSpecial, out var plain))
                {
                    return Step.GiveUp;
                }

                decoded = plain ? decoded : Decode(text);
            }

            _text = decoded;
        }
        else if (!Check(text, TextSpecial, out _))
        {
            return Step.GiveUp;
        }

        _pos += length;
        return Step.Ok;
    }

    private Step Markup()
    {
        var p = _pos + 1;
        if (p >= _end)
        {
            return Step.NeedMore;
        }

        return _buffer[p] switch
        {
            (byte)'/' => EndTag(p + 1),
            (byte)'!' or (byte)'?' => Step.GiveUp,
            _ => StartTag(p),
        };
    }

    private Step StartTag(int p)
    {
        // Locals rather than fields: the loops below are most of the scanner's time.
        var buffer = _buffer;
        var end = _end;
        var nameStart = p;
        var step = ScanName(buffer, end, ref p);
        if (step != Step.Ok)
        {
            return step;
        }

        var name = Intern(nameStart, p - nameStart);
        var attributes = 0;
        bool empty;
        while (true)
        {
            var spaced = p;
            while (p < end && IsSpace(buffer[p]))
            {
                p++;
            }

            if (p >= end)
            {
                return Step.NeedMore;
            }

            var b = buffer[p];
            if (b == '>')
            {
                p++;
                empty = false;
                break;
            }

            if (b == '/')
            {
                if (p + 1 >= end)
                {
                    return Step.NeedMore;
                }

                if (buffer[p + 1] != '>')
                {
                    return Step.GiveUp;
                }

                p += 2;
                empty = true;
                break;
            }

            if (p == spaced || attributes == MaxAttributes)
            {
                return Step.GiveUp;
            }

            var attributeStart = p;
            step = ScanName(buffer, end, ref p);
            if (step != Step.Ok)
            {
                return step;
            }

            var attributeLength = p - attributeStart;
            while (p < end && IsSpace(buffer[p]))
            {
                p++;
            }

            if (p >= end)
            {
                return Step.NeedMore;
            }

            if (buffer[p] != '=')
            {
                return Step.GiveUp;
            }

            p++;
            while (p < end && IsSpace(buffer[p]))
            {
                p++;
            }

            if (p >= end)
            {
                return Step.NeedMore;
            }

            var quote = buffer[p];
            if (quote is not ((byte)'"' or (byte)'\''))
            {
                return Step.GiveUp;
            }

            // Values are mostly a few bytes ("A2", "inlineStr"): a plain loop finds their end sooner than a vector search.
            var close = p + 1;
            var limit = Math.Min(end, close + 16);
            while (close < limit && buffer[close] != quote)
            {
                close++;
            }

            if (close == limit)
            {
                var found = buffer.AsSpan(close, end - close).IndexOf(quote);
                if (found < 0)
                {
                    return Step.NeedMore;
                }

                close += found;
            }

            _attributeName[attributes] = Intern(attributeStart, attributeLength);
            _attributeStart[attributes] = p + 1;
            _attributeEnd[attributes] = close;
            attributes++;
            p = close + 1;
        }

        // The whole tag is read; until here nothing changed but the table of names, so a tag cut by the
        // end of the buffer is simply read again from its '<' once more bytes are there.
        if (name < 0 || _attributeName.AsSpan(0, attributes).Contains(-1))
        {
            return Step.GiveUp;
        }

        return Open(name, attributes, empty, p);
    }

    private Step Open(int name, int attributes, bool empty, int next)
    {
        if (_depth == MaxDepth)
        {
            return Step.GiveUp;
        }

        var declared = 0;
        var prefixed = false;
        for (var i = 0; i < attributes; i++)
        {
            var id = _attributeName[i];
            ref var attribute = ref _names[id];
            prefixed |= attribute.Prefix >= 0;
            var value = Value(i);
            if (!CheckValue(value, out var plain))
            {
                return Step.GiveUp;
            }

            if (id == _xmlns || attribute.Prefix == _xmlns)
            {
                // A namespace declaration: only the plain ones that XmlReader accepts as they are.
                var uri = Encoding.UTF8.GetString(value);
                if (!plain || uri == XmlNamespace || uri == XmlnsNamespace || (id != _xmlns && (uri.Length == 0 || attribute.Local == _xml || attribute.Local == _xmlns)))
                {
                    return Step.GiveUp;
                }

                if (id != _xmlns)
                {
                    _prefixes.Add(attribute.Local);
                    declared++;
                }

                _attributeKey[i] = ~attribute.Local;
            }
            else
            {
                _attributeKey[i] = attribute.Local;
            }

            // Two attributes with one local name may be one attribute through two prefixes: XmlReader decides.
            for (var j = 0; j < i; j++)
            {
                if (_attributeKey[j] == _attributeKey[i])
                {
                    return Step.GiveUp;
                }
            }
        }

        _elementPrefixes[_depth] = declared;
        if (declared > 0)
        {
            _scope++;
        }

        ref var element = ref _names[name];
        if (element.Prefix >= 0 && (element.Prefix == _xml || element.Prefix == _xmlns || !Declared(ref element)))
        {
            return Step.GiveUp;
        }

        for (var i = 0; i < attributes && prefixed; i++)
        {
            ref var attribute = ref _names[_attributeName[i]];
            if (attribute.Prefix < 0 || attribute.Prefix == _xmlns)
            {
                continue;
            }

            if (attribute.Prefix == _xml)
            {
                var value = Value(i);
                if (attribute.Local == _space ? !(value.SequenceEqual("preserve"u8) || value.SequenceEqual("default"u8)) : attribute.Local != _lang)
                {
                    return Step.GiveUp;
                }
            }
            else if (!Declared(ref attribute))
            {
                return Step.GiveUp;
            }
        }

        if (_depth == 0)
        {
            if (_rootSeen)
            {
                return Step.GiveUp;
            }

            _rootSeen = true;
        }

        var parent = _depth == 0 ? Context.Generic : _elementContext[_depth - 1];
        Context context;
        switch (parent)
        {
            case Context.Generic:
                context = element.Kind == Kind.Row ? Context.Row : Context.Generic;
                break;
            case Context.Row:
                context = element.Kind == Kind.C ? Context.Cell : Context.Skip;
                break;
            case Context.Cell:
                context = element.Kind switch { Kind.V => Context.Value, Kind.Is => Context.Inline, _ => Context.Skip };
                _cellFormula |= element.Kind == Kind.F;
                break;
            case Context.Inline or Context.Run:
                context = element.Kind switch { Kind.T => Context.Text, Kind.R => Context.Run, _ => Context.Skip };
                break;
            case Context.Skip:
                context = Context.Skip;
                break;
            default:
                // An element inside <v> or <t>: XmlReader's ReadElementContentAsString refuses it.
                return Step.GiveUp;
        }

        switch (context)
        {
            case Context.Row when !StartRow(attributes):
            case Context.Cell when !StartCell(attributes):
                return Step.GiveUp;
            case Context.Value or Context.Text:
                _text = null;
                break;
            case Context.Inline:
                _inlineParts = 0;
                _inlineFirst = null;
                break;
        }

        _elementName[_depth] = name;
        _elementContext[_depth] = context;
        _depth++;
        _pos = next;
        return empty ? Close() : Step.Ok;
    }

    private Step EndTag(int p)
    {
        if (_depth == 0)
        {
            return Step.GiveUp;
        }

        // The name must be the open element's, and end there.
        ref var open = ref _names[_elementName[_depth - 1]];
        var length = open.Length;
        if (p + length >= _end)
        {
            return Step.NeedMore;
        }

        if (open.Key != Key(p, length) || (length > 8 && !open.Bytes.AsSpan().SequenceEqual(_buffer.AsSpan(p, length))))
        {
            return Step.GiveUp;
        }

        p += length;
        if (NameClass[_buffer[p]] != 0)
        {
            return Step.GiveUp;
        }

        while (p < _end && IsSpace(_buffer[p]))
        {
            p++;
        }

        if (p >= _end)
        {
            return Step.NeedMore;
        }

        if (_buffer[p] != '>')
        {
            return Step.GiveUp;
        }

        _pos = p + 1;
        return Close();
    }

    /// <summary>Ends the innermost open element: what XmlReader's path does when it reads past it.</summary>
    private Step Close()
    {
        var depth = --_depth;
        if (_elementPrefixes[depth] > 0)
        {
            _prefixes.RemoveRange(_prefixes.Count - _elementPrefixes[depth], _elementPrefixes[depth]);
            _scope++;
        }

        switch (_elementContext[depth])
        {
            case Context.Row:
                _width = Math.Max(_width, _cells.Count);
                _completed = new SheetRow(_rowNumber, _cells);
                break;
            case Context.Cell:
                string text;
                switch (_cellType)
                {
                    case CellType.Shared:
                        if (!int.TryParse(_cellValue, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= _sharedStrings.Count)
                        {
                            return Step.GiveUp;
                        }

                        text = _sharedStrings[index];
                        break;
                    case CellType.Inline:
                        text = _cellInline ?? "";
                        break;
                    default:
                        text = _cellValue ?? "";
                        break;
                }

                _cells.Add(new SheetCell(text, _cellFormula));
                break;
            case Context.Value:
                _cellValue = _text ?? "";
                break;
            case Context.Text:
                if (_inlineParts == 0)
                {
                    _inlineFirst = _text ?? "";
                }
                else
                {
                    if (_inlineParts == 1)
                    {
                        _inlineJoined.Clear().Append(_inlineFirst);
                    }

                    _inlineJoined.Append(_text);
                }

                _inlineParts++;
                break;
            case Context.Inline:
                _cellInline = _inlineParts switch
                {
                    0 => "",
                    1 => _inlineFirst,
                    _ => _inlineJoined.ToString(),
                };
                break;
        }

        return Step.Ok;
    }

    /// <summary>A row's number (attribute r, or the one after the last), within the limits; false where XmlReader's path would throw.</summary>
    private bool StartRow(int attributes)
    {
        var number = _nextRowNumber;
        for (var i = 0; i < attributes; i++)
        {
            if (_attributeName[i] == _r && !Number(Value(i), out number))
            {
                return false;
            }
        }

        if (number < 1 || number > _limits.MaxRows)
        {
            return false;
        }

        _rowNumber = number;
        _nextRowNumber = number + 1;
        _cells = new List<SheetCell>(_width);
        _nextColumn = 0;
        return true;
    }

    /// <summary>A cell's column (its reference's letters, or the one after the last) and type; false where XmlReader's path would throw.</summary>
    private bool StartCell(int attributes)
    {
        var column = _nextColumn;
        var type = CellType.Other;
        for (var i = 0; i < attributes; i++)
        {
            var value = Value(i);
            if (_attributeName[i] == _r)
            {
                var letters = 0;
                var index = 0;
                while (letters < value.Length && value[letters] is >= (byte)'A' and <= (byte)'Z')
                {
                    if (letters == 3)
                    {
                        return false;
                    }

                    index = (index * 26) + (value[letters] - 'A' + 1);
                    letters++;
                }

                // A reference starting with a character reference is read by XmlReader, not here.
                if (letters == 0 || (letters < value.Length && value[letters] == '&'))
                {
                    return false;
                }

                column = index - 1;
            }
            else if (_attributeName[i] == _t)
            {
                if (value.Contains((byte)'&'))
                {
                    return false;
                }

                type = value.SequenceEqual("s"u8) ? CellType.Shared : value.SequenceEqual("inlineStr"u8) ? CellType.Inline : CellType.Other;
            }
        }

        if (column < 0 || column >= _maxColumns)
        {
            return false;
        }

        _nextColumn = column + 1;
        while (_cells.Count < column)
        {
            _cells.Add(default);
        }

        _cellType = type;
        _cellFormula = false;
        _cellValue = null;
        _cellInline = null;
        return true;
    }

    /// <summary>Digits only, as int.Parse with NumberStyles.None reads them.</summary>
    private static bool Number(ReadOnlySpan<byte> digits, out int number)
    {
        number = 0;
        if (digits.Length is 0 or > 10)
        {
            return false;
        }

        long value = 0;
        foreach (var digit in digits)
        {
            if (digit is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = (value * 10) + (digit - '0');
        }

        number = (int)value;
        return value <= int.MaxValue;
    }

    private ReadOnlySpan<byte> Value(int attribute) =>
        _buffer.AsSpan(_attributeStart[attribute], _attributeEnd[attribute] - _attributeStart[attribute]);

    /// <summary>Moves <paramref name="p"/> past a name: ASCII name characters, with at most one colon inside.</summary>
    private static Step ScanName(byte[] buffer, int end, ref int p)
    {
        if (p >= end)
        {
            return Step.NeedMore;
        }

        if (NameClass[buffer[p]] != 1)
        {
            return Step.GiveUp;
        }

        var colon = false;
        for (p++; ; p++)
        {
            if (p >= end)
            {
                return Step.NeedMore;
            }

            var kind = NameClass[buffer[p]];
            if (kind == 0)
            {
                return Step.Ok;
            }

            if (kind == 3)
            {
                // The local name after the colon starts as a name does.
                if (colon)
                {
                    return Step.GiveUp;
                }

                if (p + 1 >= end)
                {
                    return Step.NeedMore;
                }

                if (NameClass[buffer[p + 1]] != 1)
                {
                    return Step.GiveUp;
                }

                colon = true;
            }
        }
    }

    private bool Declared(ref Name name)
    {
        if (name.Scope == _scope)
        {
            return true;
        }

        if (!_prefixes.Contains(name.Prefix))
        {
            return false;
        }

        name.Scope = _scope;
        return true;
    }

    /// <summary>The number of the name at <paramref name="start"/> in the buffer, or -1 when there are too many names.</summary>
    private int Intern(int start, int length)
    {
        var key = Key(start, length);
        for (var slot = Slot(key, length); ; slot = (slot + 1) & (_slots.Length - 1))
        {
            var id = _slots[slot] - 1;
            if (id < 0)
            {
                return Add(_buffer.AsSpan(start, length));
            }

            ref var name = ref _names[id];
            if (name.Key == key && name.Length == length && (length <= 8 || name.Bytes.AsSpan().SequenceEqual(_buffer.AsSpan(start, length))))
            {
                return id;
            }
        }
    }

    private int Intern(ReadOnlySpan<byte> text)
    {
        var key = KeyOf(text);
        for (var slot = Slot(key, text.Length); ; slot = (slot + 1) & (_slots.Length - 1))
        {
            var id = _slots[slot] - 1;
            if (id < 0)
            {
                return Add(text);
            }

            if (_names[id].Length == text.Length && _names[id].Bytes.AsSpan().SequenceEqual(text))
            {
                return id;
            }
        }
    }

    private int Add(ReadOnlySpan<byte> text)
    {
        var colon = text.IndexOf((byte)':');
        var prefix = colon > 0 ? Intern(text[..colon]) : -1;
        var local = colon > 0 ? Intern(text[(colon + 1)..]) : -1;
        var count = _nameCount;
        if (count == MaxNames || (colon > 0 && (prefix < 0 || local < 0)))
        {
            return -1;
        }

        var key = KeyOf(text);
        _names[count] = new Name
        {
            Key = key,
            Length = text.Length,
            Bytes = text.ToArray(),
            Kind = colon > 0 ? _names[local].Kind : KindOf(text),
            Prefix = prefix,
            Local = colon > 0 ? local : count,
        };
        _nameCount = count + 1;
        var slot = Slot(key, text.Length);
        while (_slots[slot] != 0)
        {
            slot = (slot + 1) & (_slots.Length - 1);
        }

        _slots[slot] = count + 1;
        return count;
    }

    private static Kind KindOf(ReadOnlySpan<byte> local) => local switch
    {
        [(byte)'r', (byte)'o', (byte)'w'] => Kind.Row,
        [(byte)'c'] => Kind.C,
        [(byte)'v'] => Kind.V,
        [(byte)'i', (byte)'s'] => Kind.Is,
        [(byte)'t'] => Kind.T,
        [(byte)'r'] => Kind.R,
        [(byte)'f'] => Kind.F,
        _ => Kind.Other,
    };

    /// <summary>The first 8 bytes of a name as a number, the bytes past its end cleared.</summary>
    private ulong Key(int start, int length) =>
        BinaryPrimitives.ReadUInt64LittleEndian(_buffer.AsSpan(start, 8)) & (length >= 8 ? ulong.MaxValue : (1UL << (8 * length)) - 1);

    private static ulong KeyOf(ReadOnlySpan<byte> text)
    {
        Span<byte> first = stackalloc byte[8];
        first.Clear();
        text[..Math.Min(8, text.Length)].CopyTo(first);
        return BinaryPrimitives.ReadUInt64LittleEndian(first);
    }

    private static int Slot(ulong key, int length) => (int)(((key ^ (ulong)length) * 0x9E3779B97F4A7C15UL) >> (64 - SlotBits));

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r';

    private static bool CheckValue(ReadOnlySpan<byte> value, out bool plain)
    {
        if (value.Length <= 32)
        {
            foreach (var b in value)
            {
                if (!PlainValueByte[b])
                {
                    return Check(value, ValueSpecial, out plain);
                }
            }

            plain = true;
            return true;
        }

        return Check(value, ValueSpecial, out plain);
    }

    /// <summary>
    /// Whether text or an attribute value is what XmlReader accepts: valid UTF-8, characters XML allows, only the
    /// predefined entities and character references, no "]]>" in text. Plain: nothing for XmlReader to change in it.
    /// </summary>
    private static bool Check(ReadOnlySpan<byte> text, SearchValues<byte> special, out bool plain)
    {
        plain = true;
        var i = 0;
        while (true)
        {
            var found = text[i..].IndexOfAny(special);
            if (found < 0)
            {
                break;
            }

            i += found;
            switch (text[i])
            {
                case (byte)'&':
                    if (!Entity(text[i..], out var length, out _))
                    {
                        return false;
                    }

                    plain = false;
                    i += length;
                    break;
                case (byte)'\r' or (byte)'\t' or (byte)'\n':
                    plain = false;
                    i++;
                    break;
                case (byte)'>':
                    if (i >= 2 && text[i - 1] == ']' && text[i - 2] == ']')
                    {
                        return false;
                    }

                    i++;
                    break;
                case 0xEF:
                    if (i + 2 < text.Length && text[i + 1] == 0xBF && text[i + 2] >= 0xBE)
                    {
                        return false;
                    }

                    i++;
                    break;
                default:
                    return false;
            }
        }

        return Utf8.IsValid(text);
    }

    /// <summary>&amp;amp; &amp;lt; &amp;gt; &amp;quot; &amp;apos; or a character reference to a character XML allows.</summary>
    private static bool Entity(ReadOnlySpan<byte> text, out int length, out int character)
    {
        length = 0;
        character = 0;
        var semicolon = text[1..Math.Min(text.Length, 14)].IndexOf((byte)';');
        if (semicolon < 1)
        {
            return false;
        }

        var name = text.Slice(1, semicolon);
        length = semicolon + 2;
        if (name[0] != '#')
        {
            character = name switch
            {
                [(byte)'a', (byte)'m', (byte)'p'] => '&',
                [(byte)'l', (byte)'t'] => '<',
                [(byte)'g', (byte)'t'] => '>',
                [(byte)'q', (byte)'u', (byte)'o', (byte)'t'] => '"',
                [(byte)'a', (byte)'p', (byte)'o', (byte)'s'] => '\'',
                _ => -1,
            };
            return character > 0;
        }

        var hex = name.Length > 1 && name[1] == 'x';
        var digits = name[(hex ? 2 : 1)..];
        if (digits.IsEmpty)
        {
            return false;
        }

        foreach (var digit in digits)
        {
            var value = digit switch
            {
                >= (byte)'0' and <= (byte)'9' => digit - '0',
                >= (byte)'a' and <= (byte)'f' when hex => digit - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' when hex => digit - 'A' + 10,
                _ => -1,
            };
            if (value < 0)
            {
                return false;
            }

            character = (character * (hex ? 16 : 10)) + value;
            if (character > 0x10FFFF)
            {
                return false;
            }
        }

        return character is 0x9 or 0xA or 0xD or (>= 0x20 and <= 0xD7FF) or (>= 0xE000 and <= 0xFFFD) or (>= 0x10000 and <= 0x10FFFF);
    }

    /// <summary>Text with entities replaced and line ends normalised to '\n', as XmlReader gives it.</summary>
    private string Decode(ReadOnlySpan<byte> text)
    {
        if (_chars.Length < text.Length)
        {
            _chars = new char[Math.Max(text.Length, 2 * _chars.Length)];
        }

        var written = 0;
        var i = 0;
        while (i < text.Length)
        {
            var found = text[i..].IndexOfAny((byte)'&', (byte)'\r');
            var run = found < 0 ? text[i..] : text.Slice(i, found);
            written += Encoding.UTF8.GetChars(run, _chars.AsSpan(written));
            if (found < 0)
            {
                break;
            }

            i += found;
            if (text[i] == '\r')
            {
                _chars[written++] = '\n';
                i++;
                if (i < text.Length && text[i] == '\n')
                {
                    i++;
                }
            }
            else
            {
                Entity(text[i..], out var length, out var character);
                written += new Rune(character).EncodeToUtf16(_chars.AsSpan(written));
                i += length;
            }
        }

        return new string(_chars, 0, written);
    }

    private static byte[] NameClasses()
    {
        var classes = new byte[256];
        for (var b = 0; b < 256; b++)
        {
            classes[b] = b switch
            {
                (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or '_' => 1,
                (>= '0' and <= '9') or '.' or '-' => 2,
                ':' => 3,
                _ => 0,
            };
        }

        return classes;
    }

    private struct Name
    {
        public ulong Key;
        public int Length;
        public byte[] Bytes;
        public Kind Kind;
        public int Prefix;
        public int Local;

        /// <summary>The scope in which this name's prefix was last found declared.</summary>
        public int Scope;
    }
}
