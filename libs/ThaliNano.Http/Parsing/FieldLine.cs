namespace ThaliNano.Http.Parsing
{
    /// <summary>The syntax of a header or trailer field line (RFC 9112 5): token ":" OWS value OWS.</summary>
    internal static class FieldLine
    {
        /// <summary>
        /// Finds the name and the value (without surrounding whitespace) of the line in bytes[0..length); returns
        /// null, or what is wrong with it.
        /// </summary>
        public static string Parse(byte[] bytes, int length, out int colon, out int valueStart, out int valueEnd)
        {
            colon = -1;
            valueStart = 0;
            valueEnd = 0;
            if (length > 0 && (bytes[0] == ' ' || bytes[0] == '\t'))
            {
                return "line folding (obs-fold) is not accepted";
            }

            for (int i = 0; i < length; i++)
            {
                if (bytes[i] == ':')
                {
                    colon = i;
                    break;
                }
            }

            if (colon < 0)
            {
                return "field line has no ':'";
            }

            if (colon == 0)
            {
                return "field name is empty";
            }

            if (bytes[colon - 1] == ' ' || bytes[colon - 1] == '\t')
            {
                return "field name is followed by whitespace before ':'";
            }

            for (int i = 0; i < colon; i++)
            {
                if (!HttpSyntax.IsTokenChar(bytes[i]))
                {
                    return "field name holds a character that is not allowed in a token";
                }
            }

            valueStart = colon + 1;
            valueEnd = length;
            while (valueStart < valueEnd && (bytes[valueStart] == ' ' || bytes[valueStart] == '\t'))
            {
                valueStart++;
            }

            while (valueEnd > valueStart && (bytes[valueEnd - 1] == ' ' || bytes[valueEnd - 1] == '\t'))
            {
                valueEnd--;
            }

            for (int i = valueStart; i < valueEnd; i++)
            {
                if (!HttpSyntax.IsFieldValueChar(bytes[i]))
                {
                    return "field value holds a control character";
                }
            }

            return null;
        }

        public static string Check(byte[] bytes, int length)
        {
            int colon;
            int valueStart;
            int valueEnd;
            return Parse(bytes, length, out colon, out valueStart, out valueEnd);
        }
    }
}
