namespace ThaliNano.Identity
{
    /// <summary>ASCII character classes of the grammars here (culture-free, unlike char.IsLetterOrDigit).</summary>
    internal static class AsciiChars
    {
        public static bool IsAlphaNumeric(char c)
        {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }

        public static bool IsHexDigit(char c)
        {
            return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        }

        public static bool IsBase64Url(char c)
        {
            return IsAlphaNumeric(c) || c == '-' || c == '_';
        }
    }
}
