namespace ThaliNano.Couch.Security
{
    /// <summary>The text form of a principal: the base64url (no padding) SHA-256 key id of a public key, 43 characters.</summary>
    public static class Principals
    {
        public const int Length = 43;

        /// <summary>True for 43 base64url characters whose last one carries no stray bits (the canonical encoding of 32 bytes).</summary>
        public static bool IsKeyId(string text)
        {
            if (text == null || text.Length != Length)
            {
                return false;
            }

            for (int i = 0; i < Length; i++)
            {
                char c = text[i];
                bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
                if (!ok)
                {
                    return false;
                }
            }

            // 43 characters carry 258 bits: the last character's two low bits must be zero.
            return "AEIMQUYcgkosw048".IndexOf(text[Length - 1]) >= 0;
        }
    }
}
