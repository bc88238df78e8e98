using System;
using System.IO;

namespace ThaliNano.Firmware.Status
{
    /// <summary>
    /// Writes an HTML page as UTF-8 into a stream through a small buffer, without building strings: text as is,
    /// text escaped for HTML (element content and quoted attributes), and decimal numbers.
    /// </summary>
    internal sealed class PageWriter
    {
        private const int BufferBytes = 128;

        private readonly Stream _output;
        private readonly byte[] _buffer = new byte[BufferBytes];
        private int _count;

        public PageWriter(Stream output)
        {
            _output = output;
        }

        /// <summary>Markup or text known to need no escaping.</summary>
        public PageWriter Raw(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                i = Char(text, i);
            }

            return this;
        }

        /// <summary>Any text: &amp; &lt; &gt; " ' escaped; null writes nothing.</summary>
        public PageWriter Text(string text)
        {
            if (text == null)
            {
                return this;
            }

            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                switch (c)
                {
                    case '&': Raw("&amp;"); break;
                    case '<': Raw("&lt;"); break;
                    case '>': Raw("&gt;"); break;
                    case '"': Raw("&quot;"); break;
                    case '\'': Raw("&#39;"); break;
                    default: i = Char(text, i); break;
                }
            }

            return this;
        }

        /// <summary>One ASCII character as is.</summary>
        public PageWriter Ascii(char c)
        {
            Byte((byte)c);
            return this;
        }

        public PageWriter Number(long value)
        {
            if (value < 0)
            {
                Byte((byte)'-');
                if (value == long.MinValue)
                {
                    return Raw("9223372036854775808");
                }

                value = -value;
            }

            long divisor = 1;
            while (value / divisor >= 10)
            {
                divisor *= 10;
            }

            for (; divisor > 0; divisor /= 10)
            {
                Byte((byte)('0' + ((value / divisor) % 10)));
            }

            return this;
        }

        public void Flush()
        {
            if (_count > 0)
            {
                _output.Write(_buffer, 0, _count);
                _count = 0;
            }
        }

        // Writes text[i] (with text[i + 1] when they are a surrogate pair) as UTF-8; returns the index of the last char
        // used. A lone surrogate becomes U+FFFD.
        private int Char(string text, int i)
        {
            int c = text[i];
            if (c >= 0xD800 && c <= 0xDBFF && i + 1 < text.Length && text[i + 1] >= 0xDC00 && text[i + 1] <= 0xDFFF)
            {
                c = 0x10000 + ((c - 0xD800) << 10) + (text[i + 1] - 0xDC00);
                i++;
            }
            else if (c >= 0xD800 && c <= 0xDFFF)
            {
                c = 0xFFFD;
            }

            if (c < 0x80)
            {
                Byte((byte)c);
            }
            else if (c < 0x800)
            {
                Byte((byte)(0xC0 | (c >> 6)));
                Byte((byte)(0x80 | (c & 0x3F)));
            }
            else if (c < 0x10000)
            {
                Byte((byte)(0xE0 | (c >> 12)));
                Byte((byte)(0x80 | ((c >> 6) & 0x3F)));
                Byte((byte)(0x80 | (c & 0x3F)));
            }
            else
            {
                Byte((byte)(0xF0 | (c >> 18)));
                Byte((byte)(0x80 | ((c >> 12) & 0x3F)));
                Byte((byte)(0x80 | ((c >> 6) & 0x3F)));
                Byte((byte)(0x80 | (c & 0x3F)));
            }

            return i;
        }

        private void Byte(byte b)
        {
            if (_count == BufferBytes)
            {
                Flush();
            }

            _buffer[_count++] = b;
        }
    }
}
