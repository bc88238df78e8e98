namespace ThaliNano.Http.Parsing
{
    /// <summary>Character classes of RFC 9110/9112 and RFC 3986 as used by the parser and the response writer.</summary>
    internal static class HttpSyntax
    {
        /// <summary>tchar: the characters of a token (method, header name, transfer coding).</summary>
        public static bool IsTokenChar(int c)
        {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
            {
                return true;
            }

            switch (c)
            {
                case '!':
                case '#':
                case '$':
                case '%':
                case '&':
                case '\'':
                case '*':
                case '+':
                case '-':
                case '.':
                case '^':
                case '_':
                case '`':
                case '|':
                case '~':
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>
        /// Characters allowed in an origin-form request target: RFC 3986 pchar, '/' and '?', plus the characters
        /// <c>"[]{}|\^`</c> that clients such as curl --globoff send unencoded in queries (CouchDB accepts them too).
        /// Never: controls, space, '#', '&lt;', '&gt;', DEL and bytes above 0x7F.
        /// </summary>
        public static bool IsTargetChar(int c)
        {
            if (c <= 0x20 || c >= 0x7F)
            {
                return false;
            }

            return c != '#' && c != '<' && c != '>';
        }

        /// <summary>field-vchar, obs-text, SP and HTAB: what a header value may hold.</summary>
        public static bool IsFieldValueChar(int c)
        {
            return c == '\t' || (c >= 0x20 && c != 0x7F && c <= 0xFF);
        }

        public static bool IsToken(string s)
        {
            if (s == null || s.Length == 0)
            {
                return false;
            }

            for (int i = 0; i < s.Length; i++)
            {
                if (!IsTokenChar(s[i]))
                {
                    return false;
                }
            }

            return true;
        }

        public static bool IsFieldValue(string s)
        {
            if (s == null)
            {
                return false;
            }

            for (int i = 0; i < s.Length; i++)
            {
                if (!IsFieldValueChar(s[i]))
                {
                    return false;
                }
            }

            return s.Length == 0 || (!Ascii.IsWhitespace(s[0]) && !Ascii.IsWhitespace(s[s.Length - 1]));
        }
    }
}
