namespace ThaliNano.Store.Documents
{
    /// <summary>
    /// Reads a top-level numeric field of a JSON object body without materialising it (last-writer-wins timestamps).
    /// Integer part only; a missing field, a non-number or malformed JSON gives false. Keys are compared as written
    /// (a key spelled with escapes does not match).
    /// </summary>
    internal static class TimestampField
    {
        public static bool TryRead(byte[] body, int offset, int count, byte[] field, out long value)
        {
            value = 0;
            int end = offset + count;
            int p = SkipSpace(body, offset, end);
            if (p >= end || body[p] != (byte)'{')
            {
                return false;
            }

            p++;
            while (true)
            {
                p = SkipSpace(body, p, end);
                if (p >= end || body[p] != (byte)'"')
                {
                    return false;
                }

                int keyStart = p + 1;
                p = SkipString(body, p, end);
                if (p < 0)
                {
                    return false;
                }

                bool match = p - 1 - keyStart == field.Length && Equal(body, keyStart, field);
                p = SkipSpace(body, p, end);
                if (p >= end || body[p] != (byte)':')
                {
                    return false;
                }

                p = SkipSpace(body, p + 1, end);
                if (match)
                {
                    return TryParseInteger(body, p, end, out value);
                }

                p = SkipValue(body, p, end);
                if (p < 0)
                {
                    return false;
                }

                p = SkipSpace(body, p, end);
                if (p >= end || body[p] != (byte)',')
                {
                    return false;
                }

                p++;
            }
        }

        private static bool Equal(byte[] b, int at, byte[] field)
        {
            for (int i = 0; i < field.Length; i++)
            {
                if (b[at + i] != field[i])
                {
                    return false;
                }
            }

            return true;
        }

        private static int SkipSpace(byte[] b, int p, int end)
        {
            while (p < end && (b[p] == (byte)' ' || b[p] == (byte)'\t' || b[p] == (byte)'\n' || b[p] == (byte)'\r'))
            {
                p++;
            }

            return p;
        }

        /// <summary>p at the opening quote; returns the index after the closing quote, -1 when unterminated.</summary>
        private static int SkipString(byte[] b, int p, int end)
        {
            for (p++; p < end; p++)
            {
                if (b[p] == (byte)'\\')
                {
                    p++;
                }
                else if (b[p] == (byte)'"')
                {
                    return p + 1;
                }
            }

            return -1;
        }

        private static int SkipValue(byte[] b, int p, int end)
        {
            if (p >= end)
            {
                return -1;
            }

            if (b[p] == (byte)'"')
            {
                return SkipString(b, p, end);
            }

            if (b[p] != (byte)'{' && b[p] != (byte)'[')
            {
                while (p < end && b[p] != (byte)',' && b[p] != (byte)'}' && b[p] != (byte)']' && b[p] > (byte)' ')
                {
                    p++;
                }

                return p;
            }

            int depth = 0;
            for (; p < end; p++)
            {
                byte c = b[p];
                if (c == (byte)'"')
                {
                    p = SkipString(b, p, end);
                    if (p < 0)
                    {
                        return -1;
                    }

                    p--;
                }
                else if (c == (byte)'{' || c == (byte)'[')
                {
                    depth++;
                }
                else if (c == (byte)'}' || c == (byte)']')
                {
                    depth--;
                    if (depth == 0)
                    {
                        return p + 1;
                    }
                }
            }

            return -1;
        }

        private static bool TryParseInteger(byte[] b, int p, int end, out long value)
        {
            value = 0;
            bool negative = false;
            if (p < end && b[p] == (byte)'-')
            {
                negative = true;
                p++;
            }

            int digits = 0;
            while (p < end && b[p] >= (byte)'0' && b[p] <= (byte)'9')
            {
                if (digits < 18)
                {
                    value = value * 10 + (b[p] - (byte)'0');
                }

                digits++;
                p++;
            }

            if (negative)
            {
                value = -value;
            }

            return digits > 0;
        }
    }
}
