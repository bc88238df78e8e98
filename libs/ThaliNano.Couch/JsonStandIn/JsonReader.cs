using System;
using System.IO;
using System.Text;

namespace ThaliNano.Json
{
    // STAND-IN until branch `json` lands (see JsonToken.cs): a strict RFC 8259 pull reader with the API the brief names.

    /// <summary>
    /// A strict pull reader of one JSON text in UTF-8, over a Stream (through a small buffer) or over bytes in memory.
    /// Every problem with the input is a <see cref="JsonException"/>; the current token's value stays readable until
    /// the next Read.
    /// </summary>
    internal sealed class JsonReader
    {
        public const int DefaultBufferSize = 256;

        private readonly Stream _stream;
        private readonly int _maxDepth;
        private readonly int _maxStringLength;
        private readonly int _maxNumberLength;
        private readonly byte[] _buffer;
        private int _pos;
        private int _end;
        private long _base;
        private byte[] _value = new byte[32];
        private int _valueLength;
        private JsonToken _token;
        private int _depth;
        private bool[] _isObject = new bool[8];
        private int _open;
        private bool _finished;
        private long _tokenStart;

        public JsonReader(Stream input)
            : this(input, DefaultBufferSize, null)
        {
        }

        public JsonReader(Stream input, int bufferSize, JsonLimits limits)
            : this(limits)
        {
            if (input == null)
            {
                throw new ArgumentNullException("input");
            }

            _stream = input;
            _buffer = new byte[bufferSize < 16 ? 16 : bufferSize];
        }

        public JsonReader(byte[] data, int offset, int count)
            : this(data, offset, count, null)
        {
        }

        public JsonReader(byte[] data, int offset, int count, JsonLimits limits)
            : this(limits)
        {
            if (data == null)
            {
                throw new ArgumentNullException("data");
            }

            if (offset < 0 || count < 0 || offset > data.Length - count)
            {
                throw new ArgumentOutOfRangeException("offset");
            }

            _buffer = data;
            _pos = offset;
            _end = offset + count;
            _base = -offset;
        }

        private JsonReader(JsonLimits limits)
        {
            _maxDepth = limits == null ? JsonLimits.DefaultMaxDepth : limits.MaxDepth;
            _maxStringLength = limits == null ? JsonLimits.DefaultMaxStringLength : limits.MaxStringLength;
            _maxNumberLength = limits == null ? JsonLimits.DefaultMaxNumberLength : limits.MaxNumberLength;
        }

        public JsonToken TokenType
        {
            get { return _token; }
        }

        /// <summary>How many objects and arrays enclose the current token (a container's own brackets are outside it).</summary>
        public int Depth
        {
            get { return _depth; }
        }

        /// <summary>Byte offset of the current token's first byte.</summary>
        public long Position
        {
            get { return _tokenStart; }
        }

        /// <summary>Moves to the next token; false once the top-level value is complete and only white space followed it.</summary>
        public bool Read()
        {
            if (_finished)
            {
                return false;
            }

            int b = SkipWhitespace();
            _tokenStart = _base + _pos;
            if (_open == 0)
            {
                if (_token != JsonToken.None)
                {
                    if (b >= 0)
                    {
                        throw Error("unexpected data after the top-level value");
                    }

                    _token = JsonToken.None;
                    _finished = true;
                    return false;
                }

                if (b < 0)
                {
                    throw Error("the input holds no JSON value");
                }

                ReadValue(b);
                return true;
            }

            bool inObject = _isObject[_open - 1];
            int close = inObject ? '}' : ']';
            if (_token == JsonToken.PropertyName)
            {
                if (b != ':')
                {
                    throw Error("expected ':' after a property name");
                }

                _pos++;
                b = SkipWhitespace();
                _tokenStart = _base + _pos;
                ReadValue(b);
                return true;
            }

            bool first = _token == JsonToken.StartObject || _token == JsonToken.StartArray;
            if (b == close)
            {
                _pos++;
                _open--;
                _depth = _open;
                _token = inObject ? JsonToken.EndObject : JsonToken.EndArray;
                return true;
            }

            if (!first)
            {
                if (b != ',')
                {
                    throw Error(inObject ? "expected ',' or '}' in an object" : "expected ',' or ']' in an array");
                }

                _pos++;
                b = SkipWhitespace();
                _tokenStart = _base + _pos;
            }

            if (inObject)
            {
                if (b != '"')
                {
                    throw Error("expected a property name in double quotes");
                }

                ReadString();
                _depth = _open;
                _token = JsonToken.PropertyName;
                return true;
            }

            ReadValue(b);
            return true;
        }

        /// <summary>Skips the current value: a whole object or array when on its start, the value of a property when on its name.</summary>
        public void Skip()
        {
            if (_token == JsonToken.PropertyName)
            {
                Read();
            }

            if (_token != JsonToken.StartObject && _token != JsonToken.StartArray)
            {
                return;
            }

            int depth = _depth;
            while (Read())
            {
                if ((_token == JsonToken.EndObject || _token == JsonToken.EndArray) && _depth == depth)
                {
                    return;
                }
            }
        }

        /// <summary>The value of a string or property name token.</summary>
        public string GetString()
        {
            if (_token != JsonToken.String && _token != JsonToken.PropertyName)
            {
                throw Error("expected a string");
            }

            return _valueLength == 0 ? string.Empty : Encoding.UTF8.GetString(_value, 0, _valueLength);
        }

        /// <summary>True when the current string or property name equals <paramref name="text"/>, without allocating.</summary>
        public bool ValueEquals(string text)
        {
            if (_token != JsonToken.String && _token != JsonToken.PropertyName)
            {
                return false;
            }

            int at = 0;
            for (int i = 0; i < text.Length; i++)
            {
                int c = text[i];
                if (c >= 0xD800 && c <= 0xDBFF && i + 1 < text.Length)
                {
                    c = 0x10000 + ((c - 0xD800) << 10) + (text[++i] - 0xDC00);
                }

                if (c < 0x80)
                {
                    if (at >= _valueLength || _value[at++] != c)
                    {
                        return false;
                    }

                    continue;
                }

                int n = c < 0x800 ? 2 : (c < 0x10000 ? 3 : 4);
                if (at + n > _valueLength)
                {
                    return false;
                }

                for (int k = n - 1; k >= 0; k--)
                {
                    int expected = k == 0
                        ? (n == 2 ? 0xC0 : (n == 3 ? 0xE0 : 0xF0)) | (c >> (6 * (n - 1)))
                        : 0x80 | ((c >> (6 * (n - 1 - k))) & 0x3F);
                    if (_value[at + k] != (byte)expected)
                    {
                        return false;
                    }
                }

                at += n;
            }

            return at == _valueLength;
        }

        /// <summary>The text of a number token, exactly as written.</summary>
        public string GetNumberText()
        {
            if (_token != JsonToken.Number)
            {
                throw Error("expected a number");
            }

            return Encoding.UTF8.GetString(_value, 0, _valueLength);
        }

        /// <summary>The value of a number token written as an integer that fits 64 bits.</summary>
        public long GetInt64()
        {
            if (_token != JsonToken.Number)
            {
                throw Error("expected a number");
            }

            int i = 0;
            bool negative = _value[0] == '-';
            if (negative)
            {
                i++;
            }

            // Accumulated negatively, so that long.MinValue fits.
            long result = 0;
            for (; i < _valueLength; i++)
            {
                int d = _value[i] - '0';
                if (d < 0 || d > 9)
                {
                    throw Error("expected an integer");
                }

                if (result < long.MinValue / 10 || (result == long.MinValue / 10 && d > 8))
                {
                    throw Error("integer out of range");
                }

                result = result * 10 - d;
            }

            if (!negative && result == long.MinValue)
            {
                throw Error("integer out of range");
            }

            return negative ? result : -result;
        }

        public bool GetBoolean()
        {
            if (_token != JsonToken.True && _token != JsonToken.False)
            {
                throw Error("expected true or false");
            }

            return _token == JsonToken.True;
        }

        private void ReadValue(int b)
        {
            _depth = _open;
            if (b == '{' || b == '[')
            {
                if (_open == _maxDepth)
                {
                    throw Error("nesting deeper than " + _maxDepth.ToString() + " levels");
                }

                if (_open == _isObject.Length)
                {
                    bool[] larger = new bool[_isObject.Length * 2];
                    Array.Copy(_isObject, larger, _open);
                    _isObject = larger;
                }

                _pos++;
                _isObject[_open++] = b == '{';
                _token = b == '{' ? JsonToken.StartObject : JsonToken.StartArray;
                return;
            }

            if (b == '"')
            {
                ReadString();
                _token = JsonToken.String;
                return;
            }

            if (b == '-' || (b >= '0' && b <= '9'))
            {
                ReadNumber();
                _token = JsonToken.Number;
                return;
            }

            if (b == 't')
            {
                ReadLiteral("true");
                _token = JsonToken.True;
                return;
            }

            if (b == 'f')
            {
                ReadLiteral("false");
                _token = JsonToken.False;
                return;
            }

            if (b == 'n')
            {
                ReadLiteral("null");
                _token = JsonToken.Null;
                return;
            }

            throw b < 0 ? Error("unexpected end of input") : Error("unexpected character '" + ((char)b).ToString() + "'");
        }

        private void ReadLiteral(string literal)
        {
            for (int i = 0; i < literal.Length; i++)
            {
                if (Peek() != literal[i])
                {
                    throw Error("invalid literal, expected " + literal);
                }

                _pos++;
            }
        }

        private void ReadNumber()
        {
            _valueLength = 0;
            // States: 0 start, 1 after '-', 2 after leading 0, 3 integer digits, 4 after '.', 5 fraction digits,
            // 6 after e/E, 7 after exponent sign, 8 exponent digits.
            int state = 0;
            while (true)
            {
                int c = Peek();
                int next = -1;
                bool digit = c >= '0' && c <= '9';
                switch (state)
                {
                    case 0:
                        next = c == '-' ? 1 : (c == '0' ? 2 : (digit ? 3 : -1));
                        break;
                    case 1:
                        next = c == '0' ? 2 : (digit ? 3 : -1);
                        break;
                    case 2:
                    case 3:
                        next = c == '.' ? 4 : (c == 'e' || c == 'E' ? 6 : (digit && state == 3 ? 3 : -2));
                        break;
                    case 4:
                    case 5:
                        next = digit ? 5 : (state == 5 ? (c == 'e' || c == 'E' ? 6 : -2) : -1);
                        break;
                    case 6:
                        next = c == '+' || c == '-' ? 7 : (digit ? 8 : -1);
                        break;
                    case 7:
                    case 8:
                        next = digit ? 8 : (state == 8 ? -2 : -1);
                        break;
                }

                if (next == -2)
                {
                    if (c >= '0' && c <= '9')
                    {
                        throw Error("leading zeros are not allowed in numbers");
                    }

                    return;
                }

                if (next == -1)
                {
                    throw Error("invalid number");
                }

                if (_valueLength >= _maxNumberLength)
                {
                    throw Error("number longer than " + _maxNumberLength.ToString() + " bytes");
                }

                Append((byte)c);
                _pos++;
                state = next;
            }
        }

        private void ReadString()
        {
            _pos++;
            _valueLength = 0;
            long start = _base + _pos;
            while (true)
            {
                int b = Peek();
                if (b < 0)
                {
                    throw Error("unterminated string");
                }

                if (_base + _pos - start > _maxStringLength)
                {
                    throw Error("string longer than " + _maxStringLength.ToString() + " bytes");
                }

                _pos++;
                if (b == '"')
                {
                    return;
                }

                if (b == '\\')
                {
                    ReadEscape();
                }
                else if (b < 0x20)
                {
                    throw Error("control character in a string must be escaped");
                }
                else if (b < 0x80)
                {
                    Append((byte)b);
                }
                else
                {
                    ReadUtf8(b);
                }
            }
        }

        private void ReadEscape()
        {
            int e = Peek();
            _pos++;
            switch (e)
            {
                case '"':
                case '\\':
                case '/':
                    Append((byte)e);
                    return;
                case 'b':
                    Append(8);
                    return;
                case 'f':
                    Append(12);
                    return;
                case 'n':
                    Append(10);
                    return;
                case 'r':
                    Append(13);
                    return;
                case 't':
                    Append(9);
                    return;
                case 'u':
                    int c = ReadHex4();
                    if (c >= 0xDC00 && c <= 0xDFFF)
                    {
                        throw Error("unpaired low surrogate escape");
                    }

                    if (c >= 0xD800 && c <= 0xDBFF)
                    {
                        if (Peek() != '\\')
                        {
                            throw Error("unpaired high surrogate escape");
                        }

                        _pos++;
                        if (Peek() != 'u')
                        {
                            throw Error("unpaired high surrogate escape");
                        }

                        _pos++;
                        int low = ReadHex4();
                        if (low < 0xDC00 || low > 0xDFFF)
                        {
                            throw Error("unpaired high surrogate escape");
                        }

                        c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                    }

                    AppendCodePoint(c);
                    return;
                default:
                    throw Error("invalid escape sequence");
            }
        }

        private int ReadHex4()
        {
            int v = 0;
            for (int i = 0; i < 4; i++)
            {
                int h = Peek();
                int d = h >= '0' && h <= '9' ? h - '0' : (h >= 'a' && h <= 'f' ? h - 'a' + 10 : (h >= 'A' && h <= 'F' ? h - 'A' + 10 : -1));
                if (d < 0)
                {
                    throw Error("invalid \\u escape");
                }

                _pos++;
                v = (v << 4) | d;
            }

            return v;
        }

        private void ReadUtf8(int lead)
        {
            int n;
            int min;
            int c;
            if (lead >= 0xC2 && lead <= 0xDF)
            {
                n = 1;
                min = 0x80;
                c = lead & 0x1F;
            }
            else if (lead >= 0xE0 && lead <= 0xEF)
            {
                n = 2;
                min = 0x800;
                c = lead & 0x0F;
            }
            else if (lead >= 0xF0 && lead <= 0xF4)
            {
                n = 3;
                min = 0x10000;
                c = lead & 0x07;
            }
            else
            {
                throw Error("invalid UTF-8");
            }

            for (int i = 0; i < n; i++)
            {
                int b = Peek();
                if (b < 0x80 || b > 0xBF)
                {
                    throw Error("invalid UTF-8");
                }

                _pos++;
                c = (c << 6) | (b & 0x3F);
            }

            if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
            {
                throw Error("invalid UTF-8");
            }

            AppendCodePoint(c);
        }

        private void AppendCodePoint(int c)
        {
            if (c < 0x80)
            {
                Append((byte)c);
            }
            else if (c < 0x800)
            {
                Append((byte)(0xC0 | (c >> 6)));
                Append((byte)(0x80 | (c & 0x3F)));
            }
            else if (c < 0x10000)
            {
                Append((byte)(0xE0 | (c >> 12)));
                Append((byte)(0x80 | ((c >> 6) & 0x3F)));
                Append((byte)(0x80 | (c & 0x3F)));
            }
            else
            {
                Append((byte)(0xF0 | (c >> 18)));
                Append((byte)(0x80 | ((c >> 12) & 0x3F)));
                Append((byte)(0x80 | ((c >> 6) & 0x3F)));
                Append((byte)(0x80 | (c & 0x3F)));
            }
        }

        private void Append(byte b)
        {
            if (_valueLength == _value.Length)
            {
                byte[] larger = new byte[_value.Length * 2];
                Array.Copy(_value, larger, _valueLength);
                _value = larger;
            }

            _value[_valueLength++] = b;
        }

        private int SkipWhitespace()
        {
            while (true)
            {
                int b = Peek();
                if (b != ' ' && b != '\t' && b != '\n' && b != '\r')
                {
                    return b;
                }

                _pos++;
            }
        }

        private int Peek()
        {
            if (_pos < _end)
            {
                return _buffer[_pos];
            }

            if (_stream == null)
            {
                return -1;
            }

            _base += _end;
            _pos = 0;
            _end = 0;
            int n = _stream.Read(_buffer, 0, _buffer.Length);
            if (n <= 0)
            {
                return -1;
            }

            _end = n;
            return _buffer[0];
        }

        private JsonException Error(string reason)
        {
            return new JsonException(reason, _base + _pos);
        }
    }
}
