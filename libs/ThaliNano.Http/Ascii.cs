namespace ThaliNano.Http
{
    /// <summary>Culture-free ASCII helpers (nanoFramework has no ordinal-ignore-case comparison).</summary>
    internal static class Ascii
    {
        public static char ToLower(char c)
        {
            return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
        }

        public static bool EqualsIgnoreCase(string a, string b)
        {
            if (a == null || b == null)
            {
                return a == b;
            }

            if (a.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != b[i] && ToLower(a[i]) != ToLower(b[i]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>True when <paramref name="list"/>, a comma-separated header value, holds <paramref name="token"/>
        /// (case-insensitive, optional whitespace around elements).</summary>
        public static bool ListContains(string list, string token)
        {
            if (list == null)
            {
                return false;
            }

            int start = 0;
            while (start <= list.Length)
            {
                int comma = list.IndexOf(',', start);
                int end = comma < 0 ? list.Length : comma;
                if (RangeEqualsIgnoreCase(list, start, end, token))
                {
                    return true;
                }

                start = end + 1;
            }

            return false;
        }

        /// <summary>Compares list[start..end), trimmed of spaces and tabs, with <paramref name="token"/>.</summary>
        public static bool RangeEqualsIgnoreCase(string list, int start, int end, string token)
        {
            while (start < end && IsWhitespace(list[start]))
            {
                start++;
            }

            while (end > start && IsWhitespace(list[end - 1]))
            {
                end--;
            }

            if (end - start != token.Length)
            {
                return false;
            }

            for (int i = 0; i < token.Length; i++)
            {
                if (ToLower(list[start + i]) != ToLower(token[i]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The bytes of text whose characters all lie below U+0100.</summary>
        public static byte[] Bytes(string text)
        {
            byte[] bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                bytes[i] = (byte)text[i];
            }

            return bytes;
        }

        public static bool IsWhitespace(char c)
        {
            return c == ' ' || c == '\t';
        }
    }
}
