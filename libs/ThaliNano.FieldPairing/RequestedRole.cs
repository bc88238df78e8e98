using System.Text;

namespace ThaliNano.FieldPairing
{
    /// <summary>
    /// The role field of a pair request: "reader", "writer", "admin", or "group:NAME" with NAME of 1 to 58
    /// characters from A-Z a-z 0-9 . _ - (ASCII only, checked on the bytes before any decoding).
    /// </summary>
    internal sealed class RequestedRole
    {
        private RequestedRole(string role, string group)
        {
            Role = role;
            Group = group;
        }

        /// <summary>"reader", "writer" or "admin"; null for a group.</summary>
        public string Role { get; private set; }

        /// <summary>The group's name; null for a role.</summary>
        public string Group { get; private set; }

        /// <summary>Null when the bytes name no role or group.</summary>
        public static RequestedRole Parse(byte[] data, int offset, int count)
        {
            for (int i = offset; i < offset + count; i++)
            {
                byte b = data[i];
                bool allowed = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                    || b == '.' || b == '_' || b == '-' || b == ':';
                if (!allowed)
                {
                    return null;
                }
            }

            string text = Encoding.UTF8.GetString(data, offset, count);
            if (text == "reader" || text == "writer" || text == "admin")
            {
                return new RequestedRole(text, null);
            }

            string prefix = FieldPairingMessage.GroupPrefix;
            if (text.Length > prefix.Length && text.Length <= prefix.Length + FieldPairingMessage.MaxGroupNameLength
                && text.StartsWith(prefix) && text.IndexOf(':', prefix.Length) < 0)
            {
                return new RequestedRole(null, text.Substring(prefix.Length));
            }

            return null;
        }
    }
}
