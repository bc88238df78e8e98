using System;
using System.Collections;
using ThaliNano.Couch.Security;
using ThaliNano.Identity;
using ThaliNano.Json;
using ThaliNano.Store;

namespace ThaliNano.Couch
{
    /// <summary>
    /// Writes the hub makes itself to the system database while the handler serves (<see cref="CouchHandler.SystemWrites"/>):
    /// group memberships at pairing and unpairing, ACLs of the databases the firmware keeps. They keep the rules of client
    /// writes (valid names and key ids, one line of history: a conflicted document is 409) and apply to the next request
    /// (the ACL cache is dropped, waiting feeds re-check). Not atomic with concurrent client writes of the same document:
    /// one of the two gets a store conflict.
    /// </summary>
    public sealed class SystemDatabaseWrites
    {
        private readonly CouchContext _context;

        internal SystemDatabaseWrites(CouchContext context)
        {
            _context = context;
        }

        /// <summary>Adds a key id to <c>group:{group}</c>, creating the group; false when it was a member already.</summary>
        public bool AddToGroup(string group, string keyId)
        {
            return EditGroup(group, null, keyId);
        }

        /// <summary>Removes a key id from <c>group:{group}</c>; false when it was not a member (or there is no such group).</summary>
        public bool RemoveFromGroup(string group, string keyId)
        {
            return EditGroup(group, keyId, null);
        }

        /// <summary>Removes a key id from every group; returns the names of the groups it left.</summary>
        public string[] RemoveFromAllGroups(string keyId)
        {
            CheckKeyId(keyId);
            Database db = _context.Acl.SystemDatabase();
            ArrayList groups = new ArrayList();
            ChangesCursor changes = db.GetChanges(0, 0);
            while (changes.MoveNext())
            {
                ChangeRow row = changes.Current;
                if (!row.Deleted && row.Id.StartsWith(GroupNames.Prefix))
                {
                    groups.Add(row.Id.Substring(GroupNames.Prefix.Length));
                }
            }

            ArrayList left = new ArrayList();
            for (int i = 0; i < groups.Count; i++)
            {
                string group = (string)groups[i];
                if (GroupNames.IsValid(group) && EditGroup(group, keyId, null))
                {
                    left.Add(group);
                }
            }

            return (string[])left.ToArray(typeof(string));
        }

        /// <summary>
        /// Creates <c>acl:{database}</c> with these lists when the database has none (an administrator's later edits are
        /// kept); true when it wrote one. Entries as in client writes: key ids, <c>group:{name}</c>, <c>*</c>.
        /// </summary>
        public bool EnsureAcl(string database, string[] read, string[] write)
        {
            if (!DatabaseNames.IsValid(database))
            {
                throw new ArgumentException("not a database name: " + database);
            }

            string id = SystemDocuments.AclPrefix + database;
            Database db = _context.Acl.SystemDatabase();
            Document current = db.Get(id);
            if (current != null && !current.Deleted)
            {
                return false;
            }

            System.IO.MemoryStream body = new System.IO.MemoryStream();
            JsonWriter w = new JsonWriter(body);
            w.WriteStartObject();
            WriteList(w, "read", read);
            WriteList(w, "write", write);
            w.WriteEndObject();
            w.Flush();
            byte[] bytes = body.ToArray();
            SystemDocuments.Validate(id, false, bytes);
            db.Put(id, current == null ? null : current.Rev, bytes);
            Changed();
            return true;
        }

        private bool EditGroup(string group, string remove, string add)
        {
            if (!GroupNames.IsValid(group))
            {
                throw new ArgumentException("a group name is 1 to " + GroupNames.MaxLength.ToString()
                    + " ASCII letters, digits, '_', '-' and '.'");
            }

            CheckKeyId(remove != null ? remove : add);
            string id = GroupNames.Prefix + group;
            Database db = _context.Acl.SystemDatabase();
            Document current = db.Get(id);
            if (current != null && !current.Deleted)
            {
                SystemHistory.CheckEdit(db, id, current.Rev, false);
            }

            bool changed = SystemMembers.Edit(db, id, remove, add, true);
            if (changed)
            {
                Changed();
            }

            return changed;
        }

        private void Changed()
        {
            _context.Acl.Invalidate();
            _context.Notifier.Notify();
        }

        private static void CheckKeyId(string keyId)
        {
            if (!PublicKeyId.TryParseBase64Url(keyId, out _))
            {
                throw new ArgumentException("a member is a key id: 43 base64url characters");
            }
        }

        private static void WriteList(JsonWriter w, string name, string[] entries)
        {
            w.WritePropertyName(name);
            w.WriteStartArray();
            for (int i = 0; entries != null && i < entries.Length; i++)
            {
                w.WriteString(entries[i]);
            }

            w.WriteEndArray();
        }
    }
}
