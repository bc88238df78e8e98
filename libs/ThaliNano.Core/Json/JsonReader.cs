using System;
using System.IO;
using ThaliNano.Text;

namespace ThaliNano.Json
{
    /// <summary>
    /// A strict pull reader of one RFC 8259 JSON text in UTF-8, over a Stream (through a small buffer that grows only
    /// to hold a single long token) or over bytes already in memory. Every problem with the input is reported as a
    /// <see cref="JsonException"/>; the values of the current token stay readable until the next Read.
    /// </summary>
    public sealed partial class JsonReader
    {
        public const int DefaultBufferSize = 256;
        public const int MinBufferSize = 16;

        // A token can run this many bytes past its limit before the limit is checked (an escaped surrogate pair).
        private const int TokenSlack = 16;

        private readonly Stream _stream;
        private readonly int _maxDepth;
        private readonly int _maxStringLength;
        private readonly int _maxNumberLength;
        private readonly int _maxBufferSize;
        private byte[] _buffer;
        private long _bufferBase;
        private int _pos;
        private int _end;
        private int _tokenStart;
        private int _valueStart;
        private int _valueLength;
        private JsonToken _tokenType;
        private int _tokenDepth;
        private bool[] _containerIsObject;
        private int _openCount;
        private bool _finished;

        public JsonReader(Stream input)
            : this(input, DefaultBufferSize, null)
        {
        }

        /// <param name="limits">null for the defaults of <see cref="JsonLimits"/>.</param>
        public JsonReader(Stream input, int bufferSize, JsonLimits limits)
            : this(limits, bufferSize)
        {
            ArgumentChecks.StreamAndBuffer(input, "input", bufferSize, MinBufferSize);
            _stream = input;
            _buffer = new byte[bufferSize];
        }

        /// <summary>Reads the JSON text in data[offset .. offset+count); positions are counted from offset.</summary>
        public JsonReader(byte[] data, int offset, int count)
            : this(data, offset, count, null)
        {
        }

        public JsonReader(byte[] data, int offset, int count, JsonLimits limits)
            : this(limits, 0)
        {
            ArgumentChecks.Range(data, offset, count);
            _buffer = data;
            _bufferBase = -offset;
            _pos = offset;
            _end = offset + count;
            _tokenStart = offset;
        }

        private JsonReader(JsonLimits limits, int bufferSize)
        {
            _maxDepth = limits == null ? JsonLimits.DefaultMaxDepth : limits.MaxDepth;
            _maxStringLength = limits == null ? JsonLimits.DefaultMaxStringLength : limits.MaxStringLength;
            _maxNumberLength = limits == null ? JsonLimits.DefaultMaxNumberLength : limits.MaxNumberLength;
            _maxBufferSize = WithSlack(_maxStringLength > _maxNumberLength ? _maxStringLength : _maxNumberLength);
            if (_maxBufferSize < bufferSize)
            {
                _maxBufferSize = bufferSize;
            }

            _containerIsObject = new bool[_maxDepth < 8 ? _maxDepth : 8];
        }

        public JsonToken TokenType
        {
            get { return _tokenType; }
        }

        /// <summary>How many objects and arrays enclose the current token (a container's own brackets are outside it).</summary>
        public int Depth
        {
            get { return _tokenDepth; }
        }

        /// <summary>Byte offset of the current token's first byte (the opening quote of a string or name).</summary>
        public long Position
        {
            get { return _bufferBase + _tokenStart; }
        }

        /// <summary>
        /// Moves to the next token; false once the top-level value is complete and only white space followed it.
        /// </summary>
        public bool Read()
        {
            if (_finished)
            {
                return false;
            }

            int b = PeekAfterWhitespace();
            if (_openCount == 0)
            {
                if (_tokenType != JsonToken.None)
                {
                    if (b >= 0)
                    {
                        throw Error("unexpected data after the top-level value");
                    }

                    _tokenType = JsonToken.None;
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

            if (b < 0)
            {
                throw Error("unexpected end of input");
            }

            bool inObject = _containerIsObject[_openCount - 1];
            switch (_tokenType)
            {
                case JsonToken.PropertyName:
                    if (b != ':')
                    {
                        throw Error("expected ':' after a property name");
                    }

                    _pos++;
                    ReadValue(PeekValueAfterWhitespace());
                    break;
                case JsonToken.StartObject:
                    if (b == '}')
                    {
                        Close();
                    }
                    else
                    {
                        ReadPropertyName(b);
                    }

                    break;
                case JsonToken.StartArray:
                    if (b == ']')
                    {
                        Close();
                    }
                    else
                    {
                        ReadValue(b);
                    }

                    break;
                default:
                    ReadAfterItem(b, inObject);
                    break;
            }

            return true;
        }

        private void ReadAfterItem(int b, bool inObject)
        {
            if (b == (inObject ? '}' : ']'))
            {
                Close();
                return;
            }

            if (b != ',')
            {
                throw Error(inObject ? "expected ',' or '}'" : "expected ',' or ']'");
            }

            _pos++;
            b = PeekValueAfterWhitespace();
            if (b == (inObject ? '}' : ']'))
            {
                throw Error("trailing comma");
            }

            if (inObject)
            {
                ReadPropertyName(b);
            }
            else
            {
                ReadValue(b);
            }
        }

        private void ReadPropertyName(int b)
        {
            if (b != '"')
            {
                throw Error("expected a property name in double quotes");
            }

            ScanString();
            _tokenType = JsonToken.PropertyName;
            _tokenDepth = _openCount;
        }

        private void ReadValue(int b)
        {
            _tokenDepth = _openCount;
            switch (b)
            {
                case '{':
                    Open(true);
                    _tokenType = JsonToken.StartObject;
                    return;
                case '[':
                    Open(false);
                    _tokenType = JsonToken.StartArray;
                    return;
                case '"':
                    ScanString();
                    _tokenType = JsonToken.String;
                    return;
                case 't':
                    ScanLiteral("true");
                    _tokenType = JsonToken.True;
                    return;
                case 'f':
                    ScanLiteral("false");
                    _tokenType = JsonToken.False;
                    return;
                case 'n':
                    ScanLiteral("null");
                    _tokenType = JsonToken.Null;
                    return;
            }

            if (b != '-' && (b < '0' || b > '9'))
            {
                throw Unexpected(b);
            }

            ScanNumber();
            _tokenType = JsonToken.Number;
        }

        private void Open(bool isObject)
        {
            if (_openCount == _maxDepth)
            {
                throw Error("nesting deeper than " + _maxDepth.ToString());
            }

            if (_openCount == _containerIsObject.Length)
            {
                int size = _openCount > _maxDepth / 2 ? _maxDepth : _openCount * 2;
                bool[] larger = new bool[size];
                Array.Copy(_containerIsObject, larger, _openCount);
                _containerIsObject = larger;
            }

            _containerIsObject[_openCount++] = isObject;
            _pos++;
        }

        private void Close()
        {
            _openCount--;
            _pos++;
            _tokenType = _containerIsObject[_openCount] ? JsonToken.EndObject : JsonToken.EndArray;
            _tokenDepth = _openCount;
        }

        private void ScanLiteral(string literal)
        {
            for (int i = 0; i < literal.Length; i++)
            {
                int b = PeekInToken();
                if (b != literal[i])
                {
                    throw b < 0 ? Error("unexpected end of input") : Error("invalid literal, expected '" + literal + "'");
                }

                _pos++;
            }
        }

        private void ScanNumber()
        {
            int state = JsonNumberGrammar.Start;
            while (true)
            {
                if (_pos - _tokenStart > _maxNumberLength)
                {
                    throw ErrorAt("number longer than " + _maxNumberLength.ToString() + " bytes", _tokenStart + _maxNumberLength);
                }

                int b = PeekInToken();
                int next = b < 0 ? JsonNumberGrammar.End : JsonNumberGrammar.Next(state, b);
                if (next == JsonNumberGrammar.End)
                {
                    break;
                }

                if (next == JsonNumberGrammar.Invalid)
                {
                    throw Error(JsonNumberGrammar.Problem(state));
                }

                state = next;
                _pos++;
            }

            if (!JsonNumberGrammar.IsComplete(state))
            {
                throw Error(JsonNumberGrammar.Problem(state));
            }

            _valueStart = _tokenStart;
            _valueLength = _pos - _tokenStart;
        }

        /// <summary>Skips white space; returns the next byte, which starts the next token, or -1 at the end of input.</summary>
        private int PeekAfterWhitespace()
        {
            while (true)
            {
                byte[] buffer = _buffer;
                int end = _end;
                int pos = _pos;
                while (pos < end)
                {
                    byte b = buffer[pos];
                    if (b != ' ' && b != '\n' && b != '\r' && b != '\t')
                    {
                        _pos = pos;
                        _tokenStart = pos;
                        return b;
                    }

                    pos++;
                }

                _pos = pos;
                _tokenStart = pos;
                if (!Fill())
                {
                    return -1;
                }
            }
        }

        private int PeekValueAfterWhitespace()
        {
            int b = PeekAfterWhitespace();
            if (b < 0)
            {
                throw Error("unexpected end of input");
            }

            return b;
        }

        /// <summary>The byte at the read position, reading more input while keeping the current token; -1 at the end.</summary>
        private int PeekInToken()
        {
            if (_pos == _end && !Fill())
            {
                return -1;
            }

            return _buffer[_pos];
        }

        private bool Fill()
        {
            if (_stream == null)
            {
                return false;
            }

            if (_tokenStart > 0)
            {
                int keep = _end - _tokenStart;
                Array.Copy(_buffer, _tokenStart, _buffer, 0, keep);
                _bufferBase += _tokenStart;
                _pos -= _tokenStart;
                _end = keep;
                _tokenStart = 0;
            }

            if (_end == _buffer.Length)
            {
                int size = _buffer.Length > _maxBufferSize / 2 ? _maxBufferSize : _buffer.Length * 2;
                byte[] larger = new byte[size];
                Array.Copy(_buffer, larger, _end);
                _buffer = larger;
            }

            int read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read <= 0)
            {
                return false;
            }

            _end += read;
            return true;
        }

        private static int WithSlack(int limit)
        {
            return limit > int.MaxValue - TokenSlack ? int.MaxValue : limit + TokenSlack;
        }

        private JsonException Error(string reason)
        {
            return new JsonException(reason, _bufferBase + _pos);
        }

        private JsonException ErrorAt(string reason, int index)
        {
            return new JsonException(reason, _bufferBase + index);
        }

        private JsonException Unexpected(int b)
        {
            if (b == 0xEF && _bufferBase + _pos == 0)
            {
                return Error("a byte order mark is not allowed");
            }

            if (b < 0x20 || b >= 0x7F)
            {
                return Error("unexpected byte " + ByteText(b));
            }

            return Error("unexpected character '" + ((char)b).ToString() + "'");
        }

        private static string ByteText(int b)
        {
            return "0x" + Hex.Encode(new byte[] { (byte)b });
        }
    }
}
