namespace ThaliNano.Store.Storage
{
    /// <summary>Path helpers shared by the store and the drivers.</summary>
    public static class StorageNames
    {
        /// <summary>Longest name the store creates (LittleFS builds commonly allow 64 bytes with the NUL).</summary>
        public const int MaxNameLength = 48;

        public static string Combine(string directory, string name)
        {
            if (directory == null || directory.Length == 0)
            {
                return name;
            }

            return directory + "/" + name;
        }

        /// <summary>True when every character is one of [a-z0-9._~-] and the name fits <see cref="MaxNameLength"/>.</summary>
        public static bool IsValidName(string name)
        {
            if (name == null || name.Length == 0 || name.Length > MaxNameLength || name == "." || name == "..")
            {
                return false;
            }

            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '~' || c == '-';
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
