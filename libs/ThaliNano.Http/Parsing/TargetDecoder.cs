using ThaliNano.Text;

namespace ThaliNano.Http.Parsing
{
    /// <summary>
    /// Splits an origin-form target into decoded path segments and query parameters. The path is split on '/' before
    /// percent-decoding, so "%2F" stays inside its segment (CouchDB document ids may hold '/'); empty segments are
    /// dropped ("/db/" is ["db"], as in CouchDB); "." and ".." are ordinary segments (no dot-segment removal). '+' is
    /// a literal plus in the path (RFC 3986) and a space in the query (form encoding, as CouchDB reads queries).
    /// Every decoded component must be valid UTF-8. Errors are 400s that leave the connection usable.
    /// </summary>
    internal static class TargetDecoder
    {
        public static readonly string[] NoSegments = new string[0];

        public static string[] DecodePath(string target, int pathEnd)
        {
            int segments = 0;
            int start = 0;
            while (start < pathEnd)
            {
                int end = SegmentEnd(target, start, pathEnd);
                if (end > start)
                {
                    segments++;
                }

                start = end + 1;
            }

            if (segments == 0)
            {
                return NoSegments;
            }

            string[] decoded = new string[segments];
            int next = 0;
            start = 0;
            while (start < pathEnd)
            {
                int end = SegmentEnd(target, start, pathEnd);
                if (end > start)
                {
                    decoded[next] = Decode(target, start, end, false);
                    if (decoded[next] == null)
                    {
                        throw HttpException.BadRequest("path segment " + (next + 1).ToString() + " is not valid UTF-8 after percent-decoding");
                    }

                    next++;
                }

                start = end + 1;
            }

            return decoded;
        }

        public static NameValueList DecodeQuery(string target, int queryStart)
        {
            NameValueList list = new NameValueList(false, 4);
            int start = queryStart;
            while (start < target.Length)
            {
                int end = target.IndexOf('&', start);
                if (end < 0)
                {
                    end = target.Length;
                }

                if (end > start)
                {
                    int equals = target.IndexOf('=', start, end - start);
                    int nameEnd = equals < 0 ? end : equals;
                    string name = Decode(target, start, nameEnd, true);
                    string value = equals < 0 ? string.Empty : Decode(target, equals + 1, end, true);
                    if (name == null || value == null)
                    {
                        throw HttpException.BadRequest("query parameter " + (list.Count + 1).ToString() + " is not valid UTF-8 after percent-decoding");
                    }

                    list.Add(name, value);
                }

                start = end + 1;
            }

            return list;
        }

        /// <summary>Checks every '%' of the target, so that a bad escape is reported wherever it is.</summary>
        public static void CheckEscapes(string target)
        {
            for (int i = target.IndexOf('%'); i >= 0; i = target.IndexOf('%', i + 1))
            {
                if (i + 2 >= target.Length || Hex.DigitValue(target[i + 1]) < 0 || Hex.DigitValue(target[i + 2]) < 0)
                {
                    int shown = target.Length - i < 3 ? target.Length - i : 3;
                    throw HttpException.BadRequest("invalid percent-encoding '" + target.Substring(i, shown) + "' in the request target");
                }
            }
        }

        private static int SegmentEnd(string target, int start, int pathEnd)
        {
            int slash = target.IndexOf('/', start, pathEnd - start);
            return slash < 0 ? pathEnd : slash;
        }

        /// <summary>Decodes target[start..end); null when the bytes are not UTF-8. Escapes were checked before.</summary>
        private static string Decode(string target, int start, int end, bool plusIsSpace)
        {
            bool plain = true;
            for (int i = start; i < end && plain; i++)
            {
                char c = target[i];
                plain = c != '%' && !(plusIsSpace && c == '+');
            }

            if (plain)
            {
                return target.Substring(start, end - start);
            }

            byte[] bytes = new byte[end - start];
            int count = 0;
            for (int i = start; i < end; i++)
            {
                char c = target[i];
                if (c == '%')
                {
                    bytes[count++] = (byte)((Hex.DigitValue(target[i + 1]) << 4) | Hex.DigitValue(target[i + 2]));
                    i += 2;
                }
                else
                {
                    bytes[count++] = (byte)(plusIsSpace && c == '+' ? ' ' : c);
                }
            }

            return Utf8Decoder.Decode(bytes, 0, count);
        }
    }
}
