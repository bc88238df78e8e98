using System.IO;
using ThaliNano.Identity;
using ThaliNano.Json;
using ThaliNano.Store;

namespace ThaliNano.Firmware.Status
{
    /// <summary>
    /// The status page as JSON, the same facts as <see cref="StatusHtml"/> with numbers in bytes and seconds, written
    /// straight into the response stream. Fields only admins see (databases, principals, groups, recent errors, the
    /// action token and the last action) are left out for other principals. README.md lists the fields.
    /// </summary>
    internal sealed class StatusJson
    {
        private readonly HubFacts _facts;
        private readonly JsonWriter _w;
        private readonly string _principal;
        private readonly string _token;

        /// <param name="token">The principal's action token; null for principals who may not act.</param>
        public StatusJson(HubFacts facts, Stream output, string principal, string token)
        {
            _facts = facts;
            _w = new JsonWriter(output);
            _principal = principal;
            _token = token;
        }

        public void Write(string lastAction)
        {
            bool admin = _token != null;
            _w.WriteStartObject();
            Hub();
            _w.WritePropertyName("you");
            _w.WriteStartObject();
            String("key", _principal);
            Boolean("owner", _facts.IsOwner(_principal));
            Boolean("admin", admin);
            _w.WriteEndObject();
            Memory();
            Storage(admin);
            Mesh();
            if (admin)
            {
                Principals();
                Errors();
                _w.WritePropertyName("actions");
                _w.WriteStartObject();
                String("token", _token);
                String("last", lastAction);
                _w.WriteEndObject();
            }

            _w.WriteEndObject();
            _w.Flush();
        }

        private void Hub()
        {
            _w.WritePropertyName("hub");
            _w.WriteStartObject();
            String("key", _facts.HubKeyId.ToBase64Url());
            String("uuid", _facts.HubUuid);
            String("name", _facts.DisplayName);
            _w.WritePropertyName("urls");
            _w.WriteStartArray();
            string[] urls = _facts.Urls;
            for (int i = 0; i < urls.Length; i++)
            {
                _w.WriteString(urls[i]);
            }

            _w.WriteEndArray();
            String("qr_url", _facts.Qr == null ? null : _facts.QrUrl);
            Number("boot", _facts.Registry.Boots);
            Number("uptime_seconds", _facts.UptimeMilliseconds / 1000);
            _w.WriteEndObject();
        }

        private void Memory()
        {
            _w.WritePropertyName("memory");
            IMemoryStatus memory = _facts.Memory;
            if (memory == null)
            {
                _w.WriteNull();
                return;
            }

            _w.WriteStartObject();
            String("source", memory.Source);
            Measure("in_use_bytes", memory.InUseBytes);
            Measure("heap_bytes", memory.HeapBytes);
            Measure("free_bytes", memory.FreeBytes);
            _w.WriteEndObject();
        }

        private void Storage(bool admin)
        {
            StoreOptions options = _facts.StoreOptions;
            _w.WritePropertyName("storage");
            _w.WriteStartObject();
            Number("used_bytes", _facts.Store.UsedBytes);
            Number("max_bytes", options.MaxStoreBytes);
            Number("compaction_reserve_bytes", options.CompactionReserveBytes);
            Number("min_free_bytes", options.MinFreeBytes);
            if (admin)
            {
                Databases();
            }

            _w.WriteEndObject();
        }

        private void Databases()
        {
            _w.WritePropertyName("databases");
            _w.WriteStartArray();
            string[] names = _facts.DatabaseNames();
            for (int i = 0; i < names.Length; i++)
            {
                Database db = _facts.Open(names[i]);
                if (db == null)
                {
                    continue;
                }

                DatabaseInfo info = db.GetInfo();
                _w.WriteStartObject();
                String("name", names[i]);
                Number("doc_count", info.DocCount);
                Number("deleted_doc_count", info.DeletedDocCount);
                Number("update_seq", info.UpdateSeq);
                Number("bytes", info.SizeOnFlash);
                Measure("garbage_bytes", HubFacts.Garbage(info));
                Number("quota_bytes", db.Options.QuotaBytes);
                Boolean("read_only", info.IsReadOnly);
                String("corruption", info.Corruption);
                _w.WriteEndObject();
            }

            _w.WriteEndArray();
        }

        private void Mesh()
        {
            _w.WritePropertyName("mesh");
            IMeshStatus mesh = _facts.Mesh;
            if (mesh == null)
            {
                _w.WriteNull();
                return;
            }

            _w.WriteStartObject();
            Number("pending_bundles", mesh.PendingBundles);
            Number("copies_out", mesh.CopiesOut);
            Number("receipted_bundles", mesh.ReceiptedBundles);
            Number("bytes_freed", mesh.BytesFreed);
            _w.WritePropertyName("recent_contacts");
            _w.WriteStartArray();
            int count = mesh.RecentContactCount;
            for (int i = 0; i < count; i++)
            {
                MeshContact contact = mesh.RecentContact(i);
                _w.WriteStartObject();
                String("peer", contact.Peer);
                String("link", contact.Link);
                Number("age_seconds", contact.AgeSeconds);
                Number("bundles_sent", contact.BundlesSent);
                Number("receipts_received", contact.ReceiptsReceived);
                Boolean("completed", contact.Completed);
                _w.WriteEndObject();
            }

            _w.WriteEndArray();
            _w.WriteEndObject();
        }

        private void Principals()
        {
            _w.WritePropertyName("principals");
            _w.WriteStartArray();
            PublicKeyId[] keys = _facts.Registry.Principals();
            for (int i = 0; i < keys.Length; i++)
            {
                string key = keys[i].ToBase64Url();
                _w.WriteStartObject();
                String("key", key);
                Boolean("owner", _facts.IsOwner(key));
                Boolean("admin", _facts.IsAdmin(key));
                _w.WriteEndObject();
            }

            _w.WriteEndArray();
            _w.WritePropertyName("groups");
            _w.WriteStartArray();
            string[] groups = _facts.Groups();
            for (int i = 0; i < groups.Length; i++)
            {
                _w.WriteStartObject();
                String("name", groups[i]);
                _w.WritePropertyName("members");
                _w.WriteStartArray();
                string[] members = _facts.Members(groups[i]);
                for (int j = 0; j < members.Length; j++)
                {
                    _w.WriteString(members[j]);
                }

                _w.WriteEndArray();
                _w.WriteEndObject();
            }

            _w.WriteEndArray();
        }

        private void Errors()
        {
            _w.WritePropertyName("recent_errors");
            _w.WriteStartArray();
            RecentError[] errors = _facts.Errors.Newest();
            for (int i = 0; i < errors.Length; i++)
            {
                RecentError e = errors[i];
                _w.WriteStartObject();
                Number("after_seconds", _facts.Elapsed(e.AtMilliseconds) / 1000);
                Number("status", e.Status);
                String("method", e.Method);
                String("target", e.Target);
                String("principal", e.Principal);
                _w.WriteEndObject();
            }

            _w.WriteEndArray();
        }

        private void String(string name, string value)
        {
            _w.WritePropertyName(name);
            if (value == null)
            {
                _w.WriteNull();
            }
            else
            {
                _w.WriteString(value);
            }
        }

        private void Number(string name, long value)
        {
            _w.WritePropertyName(name);
            _w.WriteNumber(value);
        }

        private void Boolean(string name, bool value)
        {
            _w.WritePropertyName(name);
            _w.WriteBoolean(value);
        }

        // A number the source may not know (-1): null then.
        private void Measure(string name, long value)
        {
            _w.WritePropertyName(name);
            if (value < 0)
            {
                _w.WriteNull();
            }
            else
            {
                _w.WriteNumber(value);
            }
        }
    }
}
