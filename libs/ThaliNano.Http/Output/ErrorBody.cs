namespace ThaliNano.Http
{
    /// <summary>The JSON body of an error reply: {"error":"...","reason":"..."}.</summary>
    internal static class ErrorBody
    {
        private const string HexDigits = "0123456789abcdef";

        public static byte[] Encode(string error, string reason)
        {
            int length = 24 + EscapedLength(error) + EscapedLength(reason);
            byte[] bytes = new byte[length];
            int at = Put(bytes, 0, "{\"error\":\"");
            at = PutEscaped(bytes, at, error);
            at = Put(bytes, at, "\",\"reason\":\"");
            at = PutEscaped(bytes, at, reason);
            Put(bytes, at, "\"}");
            return bytes;
        }

        /// <summary>Escaped output is ASCII: quote, backslash and controls escaped, non-ASCII as \uXXXX.</summary>
        private static int EscapedLength(string text)
        {
            int length = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                length += c == '"' || c == '\\' ? 2 : (c < 0x20 || c > 0x7E ? 6 : 1);
            }

            return length;
        }

        private static int PutEscaped(byte[] bytes, int at, string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '"' || c == '\\')
                {
                    bytes[at++] = (byte)'\\';
                    bytes[at++] = (byte)c;
                }
                else if (c < 0x20 || c > 0x7E)
                {
                    bytes[at++] = (byte)'\\';
                    bytes[at++] = (byte)'u';
                    for (int shift = 12; shift >= 0; shift -= 4)
                    {
                        bytes[at++] = (byte)HexDigits[(c >> shift) & 0xF];
                    }
                }
                else
                {
                    bytes[at++] = (byte)c;
                }
            }

            return at;
        }

        private static int Put(byte[] bytes, int at, string ascii)
        {
            for (int i = 0; i < ascii.Length; i++)
            {
                bytes[at++] = (byte)ascii[i];
            }

            return at;
        }
    }
}
