using System;
using System.IO;

namespace ThaliNano.Json
{
    // The current token's value, and whole values skipped or copied. Asking for a value the token does not hold is
    // a JsonException: the input decides the token, so a document of the wrong shape is an input error.
    public sealed partial class JsonReader
    {
        /// <summary>The decoded text of the current property name or string.</summary>
        public string GetString()
        {
            RequireString();
            char[] chars = new char[JsonStringContent.CountUtf16(_buffer, _valueStart, _valueLength)];
            int index = _valueStart;
            int end = _valueStart + _valueLength;
            int count = 0;
            while (index < end)
            {
                int codePoint = JsonStringContent.ReadCodePoint(_buffer, ref index);
                if (codePoint >= 0x10000)
                {
                    chars[count++] = JsonStringContent.HighSurrogate(codePoint);
                    chars[count++] = JsonStringContent.LowSurrogate(codePoint);
                }
                else
                {
                    chars[count++] = (char)codePoint;
                }
            }

            return new string(chars);
        }

        /// <summary>
        /// True when the current token is a property name or string whose decoded text equals text; compares
        /// without allocating.
        /// </summary>
        public bool ValueEquals(string text)
        {
            return Compare(text, false);
        }

        /// <summary>
        /// True when the current token is a property name or string whose decoded text starts with prefix; compares
        /// without allocating.
        /// </summary>
        public bool ValueStartsWith(string prefix)
        {
            return Compare(prefix, true);
        }

        /// <summary>
        /// Writes the current property name to writer exactly as <c>writer.WritePropertyName(GetString())</c> would,
        /// without allocating when the name has no escapes (its bytes are then already what the writer would write).
        /// </summary>
        public void CopyPropertyNameTo(JsonWriter writer)
        {
            if (writer == null)
            {
                throw new ArgumentNullException("writer");
            }

            if (_tokenType != JsonToken.PropertyName)
            {
                throw new JsonException("expected a property name", Position);
            }

            for (int i = _valueStart; i < _valueStart + _valueLength; i++)
            {
                if (_buffer[i] == (byte)'\\')
                {
                    writer.WritePropertyName(GetString());
                    return;
                }
            }

            writer.WriteRawPropertyName(_buffer, _valueStart, _valueLength);
        }

        private bool Compare(string text, bool prefix)
        {
            if (text == null)
            {
                throw new ArgumentNullException("text");
            }

            if (_tokenType != JsonToken.PropertyName && _tokenType != JsonToken.String)
            {
                return false;
            }

            int index = _valueStart;
            int end = _valueStart + _valueLength;
            int k = 0;
            while (index < end)
            {
                if (prefix && k == text.Length)
                {
                    return true;
                }

                int codePoint = JsonStringContent.ReadCodePoint(_buffer, ref index);
                if (codePoint >= 0x10000)
                {
                    if (prefix && k + 1 == text.Length && text[k] == JsonStringContent.HighSurrogate(codePoint))
                    {
                        return true; // the prefix ends between the halves of a surrogate pair, as a UTF-16 prefix may
                    }

                    if (k + 1 >= text.Length || text[k] != JsonStringContent.HighSurrogate(codePoint)
                        || text[k + 1] != JsonStringContent.LowSurrogate(codePoint))
                    {
                        return false;
                    }

                    k += 2;
                }
                else
                {
                    if (k >= text.Length || text[k] != codePoint)
                    {
                        return false;
                    }

                    k++;
                }
            }

            return k == text.Length;
        }

        /// <summary>The current number exactly as written in the input.</summary>
        public string GetNumberText()
        {
            RequireNumber();
            char[] chars = new char[_valueLength];
            for (int i = 0; i < _valueLength; i++)
            {
                chars[i] = (char)_buffer[_valueStart + i];
            }

            return new string(chars);
        }

        /// <summary>The current number, which must be an integer without fraction or exponent that fits in 64 bits.</summary>
        public long GetInt64()
        {
            RequireNumber();
            int index = _valueStart;
            int end = _valueStart + _valueLength;
            bool negative = _buffer[index] == '-';
            if (negative)
            {
                index++;
            }

            // Accumulated as a negative number, whose range includes long.MinValue.
            long value = 0;
            for (; index < end; index++)
            {
                int digit = _buffer[index] - '0';
                if (digit < 0 || digit > 9)
                {
                    throw new JsonException("expected an integer without fraction or exponent", Position);
                }

                if (value < (long.MinValue + digit) / 10)
                {
                    throw new JsonException("integer does not fit in 64 bits", Position);
                }

                value = value * 10 - digit;
            }

            if (negative)
            {
                return value;
            }

            if (value == long.MinValue)
            {
                throw new JsonException("integer does not fit in 64 bits", Position);
            }

            return -value;
        }

        public bool GetBoolean()
        {
            if (_tokenType != JsonToken.True && _tokenType != JsonToken.False)
            {
                throw new JsonException("expected true or false", Position);
            }

            return _tokenType == JsonToken.True;
        }

        /// <summary>
        /// Moves past the current value: on a property name, past its value; on the start of an object or array, to
        /// its end. On any other token it stays where it is.
        /// </summary>
        public void Skip()
        {
            Walk(null);
        }

        /// <summary>
        /// Writes the current value (on a property name: the name and its value) to writer, token by token with the
        /// strings and numbers byte for byte as in the input, and leaves the reader on the value's last token.
        /// </summary>
        public void CopyValueTo(JsonWriter writer)
        {
            if (writer == null)
            {
                throw new ArgumentNullException("writer");
            }

            if (_tokenType == JsonToken.None || _tokenType == JsonToken.EndObject || _tokenType == JsonToken.EndArray)
            {
                throw new InvalidOperationException("the reader is not on a value or property name");
            }

            Walk(writer);
        }

        /// <summary>Writes the current value to destination as compact JSON, as <see cref="CopyValueTo(JsonWriter)"/> does.</summary>
        public void CopyValueTo(Stream destination)
        {
            JsonWriter writer = new JsonWriter(destination);
            CopyValueTo(writer);
            writer.Flush();
        }

        private void Walk(JsonWriter writer)
        {
            if (_tokenType == JsonToken.PropertyName)
            {
                WriteToken(writer);
                Read();
            }

            WriteToken(writer);
            if (_tokenType == JsonToken.StartObject || _tokenType == JsonToken.StartArray)
            {
                int depth = _tokenDepth;
                do
                {
                    Read();
                    WriteToken(writer);
                }
                while (_tokenDepth > depth);
            }
        }

        private void WriteToken(JsonWriter writer)
        {
            if (writer == null)
            {
                return;
            }

            switch (_tokenType)
            {
                case JsonToken.StartObject:
                    writer.WriteStartObject();
                    break;
                case JsonToken.EndObject:
                    writer.WriteEndObject();
                    break;
                case JsonToken.StartArray:
                    writer.WriteStartArray();
                    break;
                case JsonToken.EndArray:
                    writer.WriteEndArray();
                    break;
                case JsonToken.PropertyName:
                    writer.WriteRawPropertyName(_buffer, _valueStart, _valueLength);
                    break;
                case JsonToken.String:
                    writer.WriteRawString(_buffer, _valueStart, _valueLength);
                    break;
                case JsonToken.Number:
                    writer.WriteRawValue(_buffer, _valueStart, _valueLength);
                    break;
                case JsonToken.True:
                    writer.WriteBoolean(true);
                    break;
                case JsonToken.False:
                    writer.WriteBoolean(false);
                    break;
                default:
                    writer.WriteNull();
                    break;
            }
        }

        private void RequireString()
        {
            if (_tokenType != JsonToken.PropertyName && _tokenType != JsonToken.String)
            {
                throw new JsonException("expected a string", Position);
            }
        }

        private void RequireNumber()
        {
            if (_tokenType != JsonToken.Number)
            {
                throw new JsonException("expected a number", Position);
            }
        }
    }
}
