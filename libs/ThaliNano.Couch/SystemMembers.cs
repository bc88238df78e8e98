using System;
using System.Collections;
using System.IO;
using ThaliNano.Json;
using ThaliNano.Store;

namespace ThaliNano.Couch
{
    /// <summary>
    /// Edits the <c>members</c> list of a system database document (<c>admins</c>, <c>group:{name}</c>) in place, for writes
    /// the hub makes itself rather than a client (owner recovery, pairing into a group): one key id out, one in, other
    /// fields kept, written on the current winning revision. The caller keeps the system database's rules (valid key ids;
    /// through a running handler, <see cref="SystemDatabaseWrites"/> also keeps its one line of history and drops the ACL cache).
    /// </summary>
    public static class SystemMembers
    {
        /// <summary>
        /// Removes <paramref name="remove"/> from and adds <paramref name="add"/> to the document's members (either may be
        /// null). A missing or deleted document is created as <c>{"members":[add]}</c> when <paramref name="create"/> is set
        /// and there is something to add. True when something was written.
        /// </summary>
        public static bool Edit(Database systemDb, string id, string remove, string add, bool create)
        {
            if (systemDb == null || id == null)
            {
                throw new ArgumentNullException(systemDb == null ? "systemDb" : "id");
            }

            Document current = systemDb.Get(id);
            if (current == null || current.Deleted)
            {
                if (!create || add == null)
                {
                    return false;
                }

                systemDb.Put(id, current == null ? null : current.Rev, Body(null, remove, add));
                return true;
            }

            MemoryStream output = new MemoryStream();
            bool changed = Rewrite(current.Body, remove, add, output);
            if (changed)
            {
                systemDb.Put(id, current.Rev, output.ToArray());
            }

            return changed;
        }

        private static byte[] Body(byte[] old, string remove, string add)
        {
            MemoryStream output = new MemoryStream();
            Rewrite(old, remove, add, output);
            return output.ToArray();
        }

        // Copies the body with the edited members list (appended when it had none); true when the list changed.
        private static bool Rewrite(byte[] body, string remove, string add, MemoryStream output)
        {
            JsonWriter w = new JsonWriter(output);
            w.WriteStartObject();
            bool changed = false;
            bool wroteMembers = false;
            if (body != null)
            {
                JsonReader r = new JsonReader(body, 0, body.Length);
                r.Read();
                while (r.Read() && r.TokenType == JsonToken.PropertyName)
                {
                    if (r.ValueEquals("members"))
                    {
                        r.Read();
                        changed = WriteMembers(ReadMembers(r), w, remove, add);
                        wroteMembers = true;
                    }
                    else
                    {
                        r.CopyValueTo(w);
                    }
                }
            }

            if (!wroteMembers)
            {
                changed = WriteMembers(new ArrayList(), w, remove, add);
            }

            w.WriteEndObject();
            w.Flush();
            return changed;
        }

        private static ArrayList ReadMembers(JsonReader r)
        {
            ArrayList members = new ArrayList();
            while (r.Read() && r.TokenType == JsonToken.String)
            {
                string member = r.GetString();
                if (!members.Contains(member))
                {
                    members.Add(member);
                }
            }

            return members;
        }

        private static bool WriteMembers(ArrayList members, JsonWriter w, string remove, string add)
        {
            bool removed = remove != null && members.Contains(remove);
            if (removed)
            {
                members.Remove(remove);
            }

            bool added = add != null && !members.Contains(add);
            if (added)
            {
                members.Add(add);
            }

            w.WritePropertyName("members");
            w.WriteStartArray();
            for (int i = 0; i < members.Count; i++)
            {
                w.WriteString((string)members[i]);
            }

            w.WriteEndArray();
            return removed || added;
        }
    }
}
