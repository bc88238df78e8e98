namespace ThaliNano.Couch
{
    /// <summary>
    /// What a group may be called: 1 to 64 ASCII letters, digits, '_', '-' and '.'. The system database's
    /// <c>group:{name}</c> documents and ACL entries use it, and so does pairing into a group (firmware).
    /// </summary>
    public static class GroupNames
    {
        public const int MaxLength = 64;

        /// <summary>The prefix of a group's document id and ACL entry.</summary>
        public const string Prefix = "group:";

        public static bool IsValid(string name)
        {
            if (name == null || name.Length == 0 || name.Length > MaxLength)
            {
                return false;
            }

            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Whether the text is <c>group:{valid name}</c>.</summary>
        public static bool IsGroupEntry(string entry)
        {
            return entry != null && entry.StartsWith(Prefix) && IsValid(entry.Substring(Prefix.Length));
        }
    }
}
