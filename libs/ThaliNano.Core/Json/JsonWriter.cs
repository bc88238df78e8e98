using System;
using System.IO;

namespace ThaliNano.Json
{
    /// <summary>
    /// Writes one compact JSON value as UTF-8 to a Stream through a reusable buffer; call Flush at the end. Misuse
    /// (a value where a property name is due, an unbalanced end, a second top-level value) throws
    /// InvalidOperationException. Strings are escaped minimally: '"', '\' and control characters (as \u00XX);
    /// other characters are written as UTF-8, and a lone surrogate as U+FFFD.
    /// </summary>
    public sealed class JsonWriter
    {
        public const int DefaultBufferSize = 256;
        public const int MinBufferSize = 16;

        private const string HexDigits = "0123456789abcdef";

        private readonly Stream _output;
        private readonly byte[] _buffer;
        private int _count;
        private bool[] _containerIsObject = new bool[8];
        private int _openCount;
        private bool _needsComma;
        private bool _nameWritten;
        private bool _complete;

        public JsonWriter(Stream output)
            : this(output, DefaultBufferSize)
        {
        }

        public JsonWriter(Stream output, int bufferSize)
        {
            ArgumentChecks.StreamAndBuffer(output, "output", bufferSize, MinBufferSize);
            _output = output;
            _buffer = new byte[bufferSize];
        }

        public void WriteStartObject()
        {
            BeginValue();
            Open(true);
            WriteByte('{');
        }

        public void WriteEndObject()
        {
            Close(true);
            WriteByte('}');
            EndValue();
        }

        public void WriteStartArray()
        {
            BeginValue();
            Open(false);
            WriteByte('[');
        }

        public void WriteEndArray()
        {
            Close(false);
            WriteByte(']');
            EndValue();
        }

        public void WritePropertyName(string name)
        {
            RequireNotNull(name, "name");
            BeginName();
            WriteQuoted(name);
            EndName();
        }

        public void WriteString(string value)
        {
            RequireNotNull(value, "value");
            BeginValue();
            WriteQuoted(value);
            EndValue();
        }

        public void WriteNumber(long value)
        {
            BeginValue();
            EnsureSpace(20);
            if (value < 0)
            {
                _buffer[_count++] = (byte)'-';
            }

            ulong magnitude = value < 0 ? (ulong)(-(value + 1)) + 1 : (ulong)value;
            int digits = 1;
            for (ulong rest = magnitude / 10; rest != 0; rest /= 10)
            {
                digits++;
            }

            for (int i = _count + digits - 1; i >= _count; i--)
            {
                _buffer[i] = (byte)('0' + (int)(magnitude % 10));
                magnitude /= 10;
            }

            _count += digits;
            EndValue();
        }

        /// <summary>Writes a number given as text, which must follow the JSON number grammar (ArgumentException if not).</summary>
        public void WriteNumberText(string number)
        {
            RequireNotNull(number, "number");
            int state = JsonNumberGrammar.Start;
            for (int i = 0; i < number.Length && state >= 0; i++)
            {
                state = JsonNumberGrammar.Next(state, number[i]);
            }

            if (!JsonNumberGrammar.IsComplete(state))
            {
                throw new ArgumentException("not a JSON number", "number");
            }

            BeginValue();
            for (int i = 0; i < number.Length; i++)
            {
                WriteByte(number[i]);
            }

            EndValue();
        }

        public void WriteBoolean(bool value)
        {
            BeginValue();
            WriteAscii(value ? "true" : "false");
            EndValue();
        }

        public void WriteNull()
        {
            BeginValue();
            WriteAscii("null");
            EndValue();
        }

        /// <summary>
        /// Writes one complete JSON value given as UTF-8, unchecked: for JSON a <see cref="JsonReader"/> has already
        /// validated, such as a stored document body.
        /// </summary>
        public void WriteRawValue(byte[] json, int offset, int count)
        {
            ArgumentChecks.Range(json, offset, count);
            if (count == 0)
            {
                throw new ArgumentException("a JSON value cannot be empty", "count");
            }

            BeginValue();
            WriteBytes(json, offset, count);
            EndValue();
        }

        /// <summary>
        /// Forgets everything written so far, buffered bytes included (flush first to keep them), so that the writer can
        /// write another top-level value to the same stream without a new writer and buffer.
        /// </summary>
        public void Reset()
        {
            _count = 0;
            _openCount = 0;
            _needsComma = false;
            _nameWritten = false;
            _complete = false;
        }

        /// <summary>Writes the buffered bytes to the stream and flushes it.</summary>
        public void Flush()
        {
            FlushBuffer();
            _output.Flush();
        }

        // A name as it stood between the quotes in input the reader validated: escapes are kept as they were.
        internal void WriteRawPropertyName(byte[] content, int offset, int count)
        {
            BeginName();
            WriteQuotedBytes(content, offset, count);
            EndName();
        }

        internal void WriteRawString(byte[] content, int offset, int count)
        {
            BeginValue();
            WriteQuotedBytes(content, offset, count);
            EndValue();
        }

        private void BeginValue()
        {
            if (_complete)
            {
                throw new InvalidOperationException("the top-level value is already complete");
            }

            if (_openCount == 0)
            {
                return;
            }

            if (_containerIsObject[_openCount - 1])
            {
                if (!_nameWritten)
                {
                    throw new InvalidOperationException("a property name is due, not a value");
                }

                _nameWritten = false;
            }
            else if (_needsComma)
            {
                WriteByte(',');
            }
        }

        private void EndValue()
        {
            if (_openCount == 0)
            {
                _complete = true;
            }
            else
            {
                _needsComma = true;
            }
        }

        private void BeginName()
        {
            if (_openCount == 0 || !_containerIsObject[_openCount - 1])
            {
                throw new InvalidOperationException("a property name can only be written inside an object");
            }

            if (_nameWritten)
            {
                throw new InvalidOperationException("a value is due after a property name");
            }

            if (_needsComma)
            {
                WriteByte(',');
            }
        }

        private void EndName()
        {
            WriteByte(':');
            _nameWritten = true;
        }

        private void Open(bool isObject)
        {
            if (_openCount == _containerIsObject.Length)
            {
                bool[] larger = new bool[_openCount * 2];
                Array.Copy(_containerIsObject, larger, _openCount);
                _containerIsObject = larger;
            }

            _containerIsObject[_openCount++] = isObject;
            _needsComma = false;
        }

        private void Close(bool isObject)
        {
            if (_openCount == 0 || _containerIsObject[_openCount - 1] != isObject)
            {
                throw new InvalidOperationException(isObject ? "no open object to end" : "no open array to end");
            }

            if (_nameWritten)
            {
                throw new InvalidOperationException("a property name has no value");
            }

            _openCount--;
        }

        private void WriteQuoted(string text)
        {
            WriteByte('"');
            for (int i = 0; i < text.Length; i++)
            {
                EnsureSpace(6);
                byte[] buffer = _buffer;
                int c = text[i];
                if (c < 0x80)
                {
                    if (c == '"' || c == '\\')
                    {
                        buffer[_count++] = (byte)'\\';
                        buffer[_count++] = (byte)c;
                    }
                    else if (c < 0x20)
                    {
                        buffer[_count++] = (byte)'\\';
                        buffer[_count++] = (byte)'u';
                        buffer[_count++] = (byte)'0';
                        buffer[_count++] = (byte)'0';
                        buffer[_count++] = (byte)HexDigits[c >> 4];
                        buffer[_count++] = (byte)HexDigits[c & 0xF];
                    }
                    else
                    {
                        buffer[_count++] = (byte)c;
                    }
                }
                else if (c < 0x800)
                {
                    buffer[_count++] = (byte)(0xC0 | (c >> 6));
                    buffer[_count++] = (byte)(0x80 | (c & 0x3F));
                }
                else if (c < 0xD800 || c > 0xDFFF)
                {
                    WriteThreeBytes(c);
                }
                else if (c <= 0xDBFF && i + 1 < text.Length && text[i + 1] >= 0xDC00 && text[i + 1] <= 0xDFFF)
                {
                    int codePoint = 0x10000 + ((c - 0xD800) << 10) + (text[++i] - 0xDC00);
                    buffer[_count++] = (byte)(0xF0 | (codePoint >> 18));
                    buffer[_count++] = (byte)(0x80 | ((codePoint >> 12) & 0x3F));
                    buffer[_count++] = (byte)(0x80 | ((codePoint >> 6) & 0x3F));
                    buffer[_count++] = (byte)(0x80 | (codePoint & 0x3F));
                }
                else
                {
                    WriteThreeBytes(0xFFFD);
                }
            }

            WriteByte('"');
        }

        private void WriteQuotedBytes(byte[] content, int offset, int count)
        {
            WriteByte('"');
            WriteBytes(content, offset, count);
            WriteByte('"');
        }

        private void WriteThreeBytes(int c)
        {
            _buffer[_count++] = (byte)(0xE0 | (c >> 12));
            _buffer[_count++] = (byte)(0x80 | ((c >> 6) & 0x3F));
            _buffer[_count++] = (byte)(0x80 | (c & 0x3F));
        }

        private void WriteAscii(string text)
        {
            EnsureSpace(text.Length);
            for (int i = 0; i < text.Length; i++)
            {
                _buffer[_count++] = (byte)text[i];
            }
        }

        private void WriteByte(int b)
        {
            if (_count == _buffer.Length)
            {
                FlushBuffer();
            }

            _buffer[_count++] = (byte)b;
        }

        private void WriteBytes(byte[] data, int offset, int count)
        {
            if (count > _buffer.Length - _count)
            {
                FlushBuffer();
                if (count > _buffer.Length)
                {
                    _output.Write(data, offset, count);
                    return;
                }
            }

            Array.Copy(data, offset, _buffer, _count, count);
            _count += count;
        }

        private void EnsureSpace(int count)
        {
            if (_buffer.Length - _count < count)
            {
                FlushBuffer();
            }
        }

        private void FlushBuffer()
        {
            if (_count > 0)
            {
                _output.Write(_buffer, 0, _count);
                _count = 0;
            }
        }

        private static void RequireNotNull(string value, string name)
        {
            if (value == null)
            {
                throw new ArgumentNullException(name);
            }
        }
    }
}
