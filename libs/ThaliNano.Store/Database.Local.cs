using System;
using ThaliNano.Store.Documents;
using ThaliNano.Store.Format;
using ThaliNano.Store.Index;

namespace ThaliNano.Store
{
    /// <summary>Local documents ("_local/..."): revs "0-N", overwritten in place (one live record), never in changes.</summary>
    public sealed partial class Database
    {
        private const string LocalPrefix = "_local/";

        /// <summary>The local document, or null when it does not exist (or was deleted).</summary>
        public LocalDocument GetLocal(string id)
        {
            byte[] idBytes = CheckLocalId(id);
            lock (_sync)
            {
                EnsureOpen();
                uint number;
                byte[] body;
                if (!Guard(idBytes, out number, out body))
                {
                    return null;
                }

                LocalDocument doc = new LocalDocument();
                doc.Id = id;
                doc.Rev = "0-" + number.ToString();
                doc.Body = body;
                return doc;
            }
        }

        /// <summary>
        /// Writes a local document. <paramref name="rev"/> must be the current "0-N" when it exists, and null (or "0-0")
        /// when it does not; otherwise <see cref="DocumentConflictException"/>. Returns the new rev "0-(N+1)".
        /// </summary>
        public string PutLocal(string id, string rev, byte[] body)
        {
            return WriteLocal(id, rev, body == null ? s_emptyObject : body, false);
        }

        /// <summary>Deletes a local document (rev must be current); CouchDB answers rev "0-0".</summary>
        public string DeleteLocal(string id, string rev)
        {
            WriteLocal(id, rev, null, true);
            return "0-0";
        }

        private string WriteLocal(string id, string rev, byte[] body, bool delete)
        {
            byte[] idBytes = CheckLocalId(id);
            lock (_sync)
            {
                EnsureWritable();
                uint number;
                byte[] current;
                bool exists = Guard(idBytes, out number, out current);
                string expected = exists ? "0-" + number.ToString() : null;
                bool ok = exists ? rev == expected : (rev == null || rev == "0-0") && !delete;
                if (!ok)
                {
                    throw new DocumentConflictException(id, exists ? "current revision is " + expected : "local document does not exist");
                }

                ByteBuffer frame = new ByteBuffer();
                uint next = exists ? number + 1 : 1;
                LocalRecord.WriteFrame(frame, idBytes, _storeOptions.Clock.UtcSeconds, next, delete, body);
                AppendDurably(frame, exists ? 0 : 1, delete);
                return "0-" + next.ToString();
            }
        }

        /// <summary>Reads the live local record of an id (rebuilding a damaged index once); false when there is none.</summary>
        private bool Guard(byte[] idBytes, out uint number, out byte[] body)
        {
            try
            {
                try
                {
                    return ReadLocal(idBytes, out number, out body);
                }
                catch (IndexDamagedException)
                {
                    RebuildIndex();
                    return ReadLocal(idBytes, out number, out body);
                }
            }
            catch (StoreCorruptedException e)
            {
                MarkCorrupt(e);
                throw;
            }
        }

        private bool ReadLocal(byte[] idBytes, out uint number, out byte[] body)
        {
            number = 0;
            body = null;
            long offset;
            int length;
            RecordHeader rh = new RecordHeader();
            if (!ReadLatest(idBytes, rh, out offset, out length) || rh.Kind != RecordKind.Local || rh.Deleted)
            {
                return false;
            }

            if (!LocalRecord.TryRead(_log.Buffer, 0, length, rh, out number, out body))
            {
                throw new StoreCorruptedException(_log.Path, offset, "local document record does not decode");
            }

            return true;
        }

        private byte[] CheckLocalId(string id)
        {
            if (id == null || !id.StartsWith(LocalPrefix) || id.Length == LocalPrefix.Length)
            {
                throw new ArgumentException("local document ids start with _local/");
            }

            return IdBytesWithinLimit(id);
        }
    }
}
