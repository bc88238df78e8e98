using System.Text;
using ThaliNano.Couch.Json;
using ThaliNano.Http;
using ThaliNano.Identity;
using ThaliNano.Json;
using ThaliNano.Store;

namespace ThaliNano.Couch.Security
{
    /// <summary>
    /// The documents of the system database ("_thali") and their rules:
    /// "admins" {"members":[keyid,...]} (never empty, never deleted);
    /// "group:{name}" {"members":[keyid,...]};
    /// "acl:{db}" {"read":[entry,...],"write":[entry,...]} where an entry is a key id, "group:{name}" or "*".
    /// Other fields are kept and ignored.
    /// </summary>
    internal static class SystemDocuments
    {
        public const string AdminsId = "admins";
        public const string GroupPrefix = GroupNames.Prefix;
        public const string AclPrefix = "acl:";
        public const string Everyone = "*";

        /// <summary>The string array in a top-level field of a stored body; empty when the field is missing.</summary>
        public static string[] ReadList(byte[] body, string field)
        {
            string[] list = FindList(body, field);
            return list == null ? new string[0] : list;
        }

        /// <summary>The string array in a top-level field; null when the field is missing; 400 when it is not such an array.</summary>
        private static string[] FindList(byte[] body, string field)
        {
            return JsonInput.FindStringArray(new JsonReader(body, 0, body.Length), field, int.MaxValue, "A system document");
        }

        /// <summary>Checks a write to the system database; throws a 400 explaining what is wrong.</summary>
        public static void Validate(string id, bool deleted, byte[] body)
        {
            if (id == AdminsId)
            {
                if (deleted)
                {
                    throw Invalid("the admins document cannot be deleted: replace its members instead");
                }

                string[] admins = CheckList(body, "members", false);
                if (admins.Length == 0)
                {
                    throw Invalid("admins.members must name at least one principal");
                }

                return;
            }

            if (id.StartsWith(GroupPrefix))
            {
                if (!GroupNames.IsValid(id.Substring(GroupPrefix.Length)))
                {
                    throw Invalid("'" + id + "' is not a group: a group name is 1 to " + GroupNames.MaxLength.ToString()
                        + " ASCII letters, digits, '_', '-' and '.'");
                }

                if (!deleted)
                {
                    CheckList(body, "members", false);
                }

                return;
            }

            if (id.StartsWith(AclPrefix) && DatabaseNames.IsValid(id.Substring(AclPrefix.Length)))
            {
                if (!deleted)
                {
                    CheckList(body, "read", true);
                    CheckList(body, "write", true);
                }

                return;
            }

            throw Invalid("unknown system document '" + id + "': the system database holds only admins, group:{name} and acl:{database}");
        }

        /// <summary>A membership list (required, key ids only) or an ACL list (optional, key ids, groups and "*").</summary>
        private static string[] CheckList(byte[] body, string field, bool aclList)
        {
            string[] entries;
            try
            {
                entries = FindList(body, field);
            }
            catch (HttpException e)
            {
                throw Invalid(e.Reason);
            }

            if (entries == null)
            {
                if (!aclList)
                {
                    throw Invalid(field + " is required: an array of key ids");
                }

                return new string[0];
            }

            for (int i = 0; i < entries.Length; i++)
            {
                string e = entries[i];
                bool ok = PublicKeyId.TryParseBase64Url(e, out _)
                    || (aclList && (e == Everyone || GroupNames.IsGroupEntry(e)));
                if (!ok)
                {
                    throw Invalid(field + "[" + i.ToString() + "] = \"" + e + "\" is not "
                        + (aclList ? "a key id (43 base64url characters), \"group:{name}\" or \"*\"" : "a key id (43 base64url characters)"));
                }
            }

            return entries;
        }

        /// <summary>The body of a fresh "admins" document naming one principal.</summary>
        public static byte[] AdminsBody(string owner)
        {
            return Encoding.UTF8.GetBytes("{\"members\":[\"" + owner + "\"]}");
        }

        private static HttpException Invalid(string reason)
        {
            return new HttpException(400, "invalid_system_document", reason);
        }
    }
}
