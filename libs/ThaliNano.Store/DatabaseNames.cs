using System.Text;
using ThaliNano.Hashing;
using ThaliNano.Text;

namespace ThaliNano.Store
{
    /// <summary>
    /// CouchDB database names (^[a-z][a-z0-9_$()+/-]*$, at most 238 characters) and their directory names:
    /// [a-z0-9_-] stay, the other allowed characters become '.' and two hex digits ('/' is ".2f"); a result longer than
    /// 40 characters keeps its first 23 and adds '~' and 16 hex digits of the name's SHA-256. Injective for names up to
    /// 40 encoded characters; longer names rely on the hash (the real name is stored in the meta and checked on open).
    /// </summary>
    public static class DatabaseNames
    {
        public const int MaxLength = 238;
        private const int MaxDirectoryLength = 40;

        public static bool IsValid(string name)
        {
            if (name == null || name.Length == 0 || name.Length > MaxLength)
            {
                return false;
            }

            if (name[0] < 'a' || name[0] > 'z')
            {
                return false;
            }

            for (int i = 1; i < name.Length; i++)
            {
                char c = name[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '$' || c == '(' || c == ')'
                    || c == '+' || c == '/' || c == '-';
                if (!ok)
                {
                    return false;
                }
            }

            return true;
        }

        public static void Check(string name)
        {
            if (!IsValid(name))
            {
                throw new InvalidDatabaseNameException(name);
            }
        }

        public static string ToDirectoryName(string name)
        {
            Check(name);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')
                {
                    sb.Append(c);
                }
                else
                {
                    sb.Append('.');
                    sb.Append(Hex.Encode(new byte[] { (byte)c }));
                }
            }

            string encoded = sb.ToString();
            if (encoded.Length <= MaxDirectoryLength)
            {
                return encoded;
            }

            byte[] hash = Sha256.Hash(Encoding.UTF8.GetBytes(name));
            return encoded.Substring(0, 23) + "~" + Hex.Encode(hash, 0, 8);
        }
    }
}
