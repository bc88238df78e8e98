using System;
using System.Collections;
using System.IO;
using ThaliNano.Couch;
using ThaliNano.Identity;
using ThaliNano.Json;
using ThaliNano.Store;

namespace ThaliNano.Firmware.Pairing
{
    /// <summary>
    /// The second half of replacing a lost owner key while the hub is stopped (firmware/README.md, "Owner recovery"):
    /// the new owner takes the lost key's place among the admins of the system database, which the Couch handler only
    /// seeds on the first start, so that the recovered owner can administer ACLs and admins again. Writes the
    /// documented <c>admins</c> body (<c>{"members":[key id,...]}</c>, other fields kept) of the served store.
    /// </summary>
    public static class OwnerRecovery
    {
        private const string AdminsId = "admins";

        /// <summary>
        /// Puts <paramref name="replacement"/> in place of <paramref name="lost"/> among the admins (adds it when the lost
        /// key was not listed). False when there is nothing to change: no system database yet (the first start seeds
        /// it with the registry's owner), or the replacement is listed and the lost key is not.
        /// </summary>
        /// <param name="couch">The hub's Couch options: where in the store the system database lives.</param>
        public static bool HandOverAdmin(DocumentStore store, CouchOptions couch, PublicKeyId lost, PublicKeyId replacement)
        {
            if (store == null || couch == null || replacement == null)
            {
                throw new ArgumentNullException(store == null ? "store" : couch == null ? "couch" : "replacement");
            }

            string name = couch.SystemDatabaseStoreName;
            if (!store.DatabaseExists(name))
            {
                return false;
            }

            Database db = store.OpenDatabase(name);
            Document admins = db.Get(AdminsId);
            if (admins == null || admins.Deleted)
            {
                return false;
            }

            string lostId = lost == null ? null : lost.ToBase64Url();
            string newId = replacement.ToBase64Url();
            MemoryStream output = new MemoryStream();
            JsonWriter w = new JsonWriter(output);
            JsonReader r = new JsonReader(admins.Body, 0, admins.Body.Length);
            r.Read();
            w.WriteStartObject();
            bool changed = false;
            bool wroteMembers = false;
            while (r.Read() && r.TokenType == JsonToken.PropertyName)
            {
                if (r.ValueEquals("members"))
                {
                    r.Read();
                    changed = WriteMembers(r, w, lostId, newId);
                    wroteMembers = true;
                }
                else
                {
                    r.CopyValueTo(w);
                }
            }

            if (!wroteMembers)
            {
                w.WritePropertyName("members");
                w.WriteStartArray();
                w.WriteString(newId);
                w.WriteEndArray();
                changed = true;
            }

            w.WriteEndObject();
            w.Flush();
            if (changed)
            {
                db.Put(AdminsId, admins.Rev, output.ToArray());
            }

            return changed;
        }

        // Copies the members without the lost key, adding the replacement once; true when that changed the list.
        private static bool WriteMembers(JsonReader r, JsonWriter w, string lostId, string newId)
        {
            ArrayList members = new ArrayList();
            bool removed = false;
            while (r.Read() && r.TokenType == JsonToken.String)
            {
                string member = r.GetString();
                if (member == lostId)
                {
                    removed = true;
                }
                else if (!members.Contains(member))
                {
                    members.Add(member);
                }
            }

            bool added = !members.Contains(newId);
            if (added)
            {
                members.Add(newId);
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
