using ThaliNano.Json;

namespace ThaliNano.Store.Documents
{
    /// <summary>
    /// Reads a top-level numeric field of a JSON object body (last-writer-wins timestamps) with the streaming
    /// <see cref="JsonReader"/>, without materialising the body. An integer, or the integer part of a decimal; a
    /// missing field, another type, an exponent form or malformed JSON gives false (the leaf then has no timestamp).
    /// </summary>
    internal static class TimestampField
    {
        public static bool TryRead(byte[] body, int offset, int count, string field, out long value)
        {
            value = 0;
            try
            {
                JsonReader reader = new JsonReader(body, offset, count);
                if (!reader.Read() || reader.TokenType != JsonToken.StartObject)
                {
                    return false;
                }

                while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
                {
                    bool match = reader.ValueEquals(field);
                    reader.Read();
                    if (match)
                    {
                        return reader.TokenType == JsonToken.Number && TryParseIntegerPart(reader.GetNumberText(), out value);
                    }

                    reader.Skip();
                }
            }
            catch (JsonException)
            {
            }

            return false;
        }

        private static bool TryParseIntegerPart(string text, out long value)
        {
            value = 0;
            int i = text.Length > 0 && text[0] == '-' ? 1 : 0;
            int digits = 0;
            for (; i < text.Length; i++)
            {
                char c = text[i];
                if (c == 'e' || c == 'E')
                {
                    return false;
                }

                if (c < '0' || c > '9')
                {
                    break;
                }

                if (digits++ >= 18)
                {
                    return false;
                }

                value = value * 10 + (c - '0');
            }

            for (; i < text.Length; i++)
            {
                if (text[i] == 'e' || text[i] == 'E')
                {
                    return false;
                }
            }

            if (text.Length > 0 && text[0] == '-')
            {
                value = -value;
            }

            return digits > 0;
        }
    }
}
