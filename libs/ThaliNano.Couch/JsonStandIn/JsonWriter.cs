using System;
using System.IO;

namespace ThaliNano.Json
{
    // STAND-IN until branch `json` lands (see JsonToken.cs): a JSON writer with the API the brief names.

    /// <summary>
    /// Writes one JSON text to a Stream: commas and colons are placed automatically; strings are escaped (quote,
    /// backslash, control characters) and encoded as UTF-8. Each call writes its bytes to the stream at once.
    /// </summary>
    internal sealed class JsonWriter
    {
        private readonly Stream _stream;
        private readonly byte[] _scratch = new byte[64];
        private int _count;
        private bool[] _hasItems = new bool[8];
        private int _depth;
        private bool _afterName;

        public JsonWriter(Stream output)
        {
            if (output == null)
            {
                throw new ArgumentNullException("output");
            }

            _stream = output;
        }

        public void WriteStartObject()
        {
            BeforeValue();
            Put('{');
            Push();
            Emit();
        }

        public void WriteEndObject()
        {
            Pop();
            Put('}');
            Emit();
        }

        public void WriteStartArray()
        {
            BeforeValue();
            Put('[');
            Push();
            Emit();
        }

        public void WriteEndArray()
        {
            Pop();
            Put(']');
            Emit();
        }

        public void WritePropertyName(string name)
        {
            if (_depth > 0)
            {
                if (_hasItems[_depth - 1])
                {
                    Put(',');
                }

                _hasItems[_depth - 1] = true;
            }

            PutString(name);
            Put(':');
            _afterName = true;
            Emit();
        }

        public void WriteString(string value)
        {
            if (value == null)
            {
                WriteNull();
                return;
            }

            BeforeValue();
            PutString(value);
            Emit();
        }

        public void WriteNumber(long value)
        {
            WriteNumberText(value.ToString());
        }

        /// <summary>Writes a number given as valid JSON number text (not checked).</summary>
        public void WriteNumberText(string text)
        {
            BeforeValue();
            for (int i = 0; i < text.Length; i++)
            {
                Put(text[i]);
            }

            Emit();
        }

        public void WriteBoolean(bool value)
        {
            BeforeValue();
            PutAscii(value ? "true" : "false");
            Emit();
        }

        public void WriteNull()
        {
            BeforeValue();
            PutAscii("null");
            Emit();
        }

        /// <summary>Writes bytes that already are one complete JSON value (not checked).</summary>
        public void WriteRawValue(byte[] value, int offset, int count)
        {
            BeforeValue();
            Emit();
            _stream.Write(value, offset, count);
        }

        private void BeforeValue()
        {
            if (_afterName)
            {
                _afterName = false;
                return;
            }

            if (_depth > 0)
            {
                if (_hasItems[_depth - 1])
                {
                    Put(',');
                }

                _hasItems[_depth - 1] = true;
            }
        }

        private void Push()
        {
            if (_depth == _hasItems.Length)
            {
                bool[] larger = new bool[_depth * 2];
                Array.Copy(_hasItems, larger, _depth);
                _hasItems = larger;
            }

            _hasItems[_depth++] = false;
        }

        private void Pop()
        {
            if (_depth == 0)
            {
                throw new InvalidOperationException("no object or array is open");
            }

            _depth--;
        }

        private void PutAscii(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                Put(text[i]);
            }
        }

        private void PutString(string s)
        {
            Put('"');
            for (int i = 0; i < s.Length; i++)
            {
                int c = s[i];
                if (c == '"' || c == '\\')
                {
                    Put('\\');
                    Put((char)c);
                }
                else if (c < 0x20)
                {
                    PutControl(c);
                }
                else if (c < 0x80)
                {
                    Put((char)c);
                }
                else if (c < 0x800)
                {
                    PutByte(0xC0 | (c >> 6));
                    PutByte(0x80 | (c & 0x3F));
                }
                else if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.Length && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF)
                {
                    int cp = 0x10000 + ((c - 0xD800) << 10) + (s[++i] - 0xDC00);
                    PutByte(0xF0 | (cp >> 18));
                    PutByte(0x80 | ((cp >> 12) & 0x3F));
                    PutByte(0x80 | ((cp >> 6) & 0x3F));
                    PutByte(0x80 | (cp & 0x3F));
                }
                else if (c >= 0xD800 && c <= 0xDFFF)
                {
                    PutUnicodeEscape(c);
                }
                else
                {
                    PutByte(0xE0 | (c >> 12));
                    PutByte(0x80 | ((c >> 6) & 0x3F));
                    PutByte(0x80 | (c & 0x3F));
                }
            }

            Put('"');
        }

        private void PutControl(int c)
        {
            char escape = c == 8 ? 'b' : (c == 9 ? 't' : (c == 10 ? 'n' : (c == 12 ? 'f' : (c == 13 ? 'r' : '\0'))));
            if (escape == '\0')
            {
                PutUnicodeEscape(c);
                return;
            }

            Put('\\');
            Put(escape);
        }

        private void PutUnicodeEscape(int c)
        {
            const string Digits = "0123456789abcdef";
            Put('\\');
            Put('u');
            for (int shift = 12; shift >= 0; shift -= 4)
            {
                Put(Digits[(c >> shift) & 0xF]);
            }
        }

        private void Put(char c)
        {
            PutByte(c);
        }

        private void PutByte(int b)
        {
            if (_count == _scratch.Length)
            {
                Emit();
            }

            _scratch[_count++] = (byte)b;
        }

        private void Emit()
        {
            if (_count > 0)
            {
                _stream.Write(_scratch, 0, _count);
                _count = 0;
            }
        }
    }
}
