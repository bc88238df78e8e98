using System;
using System.IO;
using ThaliNano.Couch;
using ThaliNano.Identity;
using ThaliNano.Json;
using ThaliNano.Store;

namespace ThaliNano.Firmware
{
    /// <summary>
    /// The hub's entry in the directory database (firmware/README.md, "Directory document"): who it is and where to reach
    /// it, as <c>hub:{key id}</c> in <see cref="DatabaseName"/>, a normal database that replicates, so that hubs
    /// replicating it learn each other. Written by <see cref="Hub.Start"/> only when a field other than <c>updated</c>
    /// changed; its ACL (every paired principal reads, administrators write) is created only when missing.
    /// </summary>
    public static class DirectoryDocument
    {
        public const string DatabaseName = "thali-directory";
        public const string IdPrefix = "hub:";
        public const string Type = "thali-hub";
        public const int MaxNameLength = 64;
        public const int MaxUrls = 8;

        private const string UpdatedField = ",\"updated\":\"";

        /// <summary>
        /// Creates the database and its ACL when missing and writes the hub's entry when it differs from the stored one.
        /// True when the entry was written.
        /// </summary>
        /// <param name="urls">httpkey URLs of this hub (their key must be <paramref name="hubKeyId"/>); may be empty.</param>
        /// <param name="name">A display name, or null.</param>
        public static bool Publish(DocumentStore store, CouchHandler couch, PublicKeyId hubKeyId, string hubUuid, string[] urls,
            string name, DateTime utcNow)
        {
            Database db = store.DatabaseExists(DatabaseName) ? store.OpenDatabase(DatabaseName) : store.CreateDatabase(DatabaseName);
            couch.SystemWrites.EnsureAcl(DatabaseName, new string[] { "*" }, new string[0]);
            string id = IdPrefix + hubKeyId.ToBase64Url();
            byte[] identity = Identity(hubKeyId, hubUuid, urls, name);
            Document current = db.Get(id);
            if (current != null && !current.Deleted && SameIdentity(current.Body, identity))
            {
                return false;
            }

            db.Put(id, current == null ? null : current.Rev, WithUpdated(identity, utcNow));
            couch.StoreChanged();
            return true;
        }

        /// <summary>Throws when the URLs or the name cannot be published (checked by <see cref="HubConfiguration.Validate"/>).</summary>
        public static void Check(PublicKeyId hubKeyId, string[] urls, string name)
        {
            if (urls != null)
            {
                if (urls.Length > MaxUrls)
                {
                    throw new ArgumentException("a directory entry has at most " + MaxUrls.ToString() + " URLs", "urls");
                }

                for (int i = 0; i < urls.Length; i++)
                {
                    if (HttpKeyUrl.Parse(urls[i]).KeyId != hubKeyId)
                    {
                        throw new ArgumentException("directory URL " + urls[i] + " names another key than the hub's", "urls");
                    }
                }
            }

            if (name != null && (name.Length == 0 || name.Length > MaxNameLength))
            {
                throw new ArgumentException("a hub's display name has 1 to " + MaxNameLength.ToString() + " characters", "name");
            }
        }

        // The body up to (not including) its "updated" field and closing brace.
        private static byte[] Identity(PublicKeyId hubKeyId, string hubUuid, string[] urls, string name)
        {
            MemoryStream body = new MemoryStream();
            JsonWriter w = new JsonWriter(body);
            w.WriteStartObject();
            w.WritePropertyName("type");
            w.WriteString(Type);
            w.WritePropertyName("key");
            w.WriteString(hubKeyId.ToBase64Url());
            w.WritePropertyName("uuid");
            w.WriteString(hubUuid);
            if (name != null)
            {
                w.WritePropertyName("name");
                w.WriteString(name);
            }

            w.WritePropertyName("urls");
            w.WriteStartArray();
            for (int i = 0; urls != null && i < urls.Length; i++)
            {
                w.WriteString(urls[i]);
            }

            w.WriteEndArray();
            w.Flush();
            return body.ToArray();
        }

        private static byte[] WithUpdated(byte[] identity, DateTime utcNow)
        {
            string tail = UpdatedField + Iso8601(utcNow) + "\"}";
            byte[] body = new byte[identity.Length + tail.Length];
            Array.Copy(identity, body, identity.Length);
            for (int i = 0; i < tail.Length; i++)
            {
                body[identity.Length + i] = (byte)tail[i];
            }

            return body;
        }

        // The stored body is this hub's own writing when it is the identity, then ,"updated":"<no quote>"} and nothing else.
        private static bool SameIdentity(byte[] stored, byte[] identity)
        {
            int tail = identity.Length + UpdatedField.Length;
            if (stored.Length < tail + 2 || stored[stored.Length - 1] != '}' || stored[stored.Length - 2] != '"')
            {
                return false;
            }

            for (int i = 0; i < identity.Length; i++)
            {
                if (stored[i] != identity[i])
                {
                    return false;
                }
            }

            for (int i = 0; i < UpdatedField.Length; i++)
            {
                if (stored[identity.Length + i] != UpdatedField[i])
                {
                    return false;
                }
            }

            for (int i = tail; i < stored.Length - 2; i++)
            {
                if (stored[i] == '"' || stored[i] == '\\')
                {
                    return false;
                }
            }

            return true;
        }

        private static string Iso8601(DateTime t)
        {
            return t.Year.ToString("D4") + "-" + t.Month.ToString("D2") + "-" + t.Day.ToString("D2") + "T" + t.Hour.ToString("D2") + ":"
                + t.Minute.ToString("D2") + ":" + t.Second.ToString("D2") + "Z";
        }
    }
}
