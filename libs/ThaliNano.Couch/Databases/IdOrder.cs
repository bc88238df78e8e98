namespace ThaliNano.Couch.Databases
{
    /// <summary>
    /// The order of _all_docs: CouchDB's raw collation of ids, that is Unicode code point order (the order of their
    /// UTF-8 bytes). UTF-16 code units sort the same except that surrogates must come after U+E000..U+FFFF.
    /// </summary>
    internal static class IdOrder
    {
        public static int Compare(string a, string b)
        {
            int n = a.Length < b.Length ? a.Length : b.Length;
            for (int i = 0; i < n; i++)
            {
                int x = a[i];
                int y = b[i];
                if (x != y)
                {
                    return Fix(x) - Fix(y);
                }
            }

            return a.Length - b.Length;
        }

        private static int Fix(int c)
        {
            return c < 0xD800 ? c : (c >= 0xE000 ? c - 0x800 : c + 0x2000);
        }
    }
}
