using System;
using ThaliNano.Http;

namespace ThaliNano.Couch
{
    /// <summary>
    /// Configuration of a <see cref="CouchHandler"/>. The defaults suit the ESP32 (about 49 KB of managed heap, a
    /// handful of connections); <see cref="ForHost"/> gives roomier limits. README.md explains every value.
    /// </summary>
    public sealed class CouchOptions
    {
        public CouchOptions()
        {
            VendorVersion = "0.1.0";
            CouchVersion = "3.3.3";
            SystemDatabaseStoreName = "thali$hub";
            MaxDocumentBytes = 16384;
            MaxBulkDocs = 100;
            MaxBulkBytes = 49152;
            BulkCommitBytes = 4096;
            MaxRequestItems = 1000;
            DefaultFeedTimeoutMilliseconds = 60000;
            MaxFeedTimeoutMilliseconds = 60000;
            FeedPollMilliseconds = 1000;
            AclCacheEntries = 16;
            ReplyBufferBytes = 1024;
            AllDocsScanBatch = 32;
            Clock = new MonotonicClock();
        }

        /// <summary>
        /// The hub's stable uuid, served by GET / (PouchDB and CouchDB derive replication ids from it): 32 lowercase hex
        /// digits, created once and kept in the firmware's configuration. Required.
        /// </summary>
        public string HubUuid { get; set; }

        /// <summary>
        /// The owner's principal (a key id): written as the only member of the "admins" document when the system
        /// database has none (first start). Later changes go through the admin API; this value is then ignored.
        /// </summary>
        public string Owner { get; set; }

        /// <summary>vendor.version in the welcome document.</summary>
        public string VendorVersion { get; set; }

        /// <summary>The CouchDB version the welcome document claims (replicators do not depend on it).</summary>
        public string CouchVersion { get; set; }

        /// <summary>
        /// Store name of the system database, which HTTP clients see as "_thali" (underscore names are reserved in
        /// CouchDB and refused by the store, so the store keeps it under this valid name, reserved by the handler).
        /// </summary>
        public string SystemDatabaseStoreName { get; set; }

        /// <summary>Largest document body (JSON of its own fields, compact) accepted; more gets 413.</summary>
        public int MaxDocumentBytes { get; set; }

        /// <summary>Most documents in one _bulk_docs request; more gets 413 (the CouchDB replicator then halves its batch).</summary>
        public int MaxBulkDocs { get; set; }

        /// <summary>
        /// Most a _bulk_docs request's documents may weigh: body bytes plus two bytes per character of ids, revs and
        /// revision histories (<see cref="BulkCommitBytes"/> of them in RAM, the rest on a scratch file). More gets 413.
        /// </summary>
        public int MaxBulkBytes { get; set; }

        /// <summary>
        /// Weight (as <see cref="MaxBulkBytes"/> counts it) of the documents a _bulk_docs request holds in RAM and writes
        /// in one group commit: a heavier request waits on a scratch file of the store and is written in parts of this
        /// weight, one commit (one sync) each.
        /// </summary>
        public int BulkCommitBytes { get; set; }

        /// <summary>Most entries in keys, doc_ids, _bulk_get docs, and revisions per id of _revs_diff; more gets 413.</summary>
        public int MaxRequestItems { get; set; }

        /// <summary>How long a longpoll or continuous _changes feed waits when the request names no timeout.</summary>
        public int DefaultFeedTimeoutMilliseconds { get; set; }

        /// <summary>Upper bound of the timeout a feed may ask for: a waiting feed holds one of the few connections.</summary>
        public int MaxFeedTimeoutMilliseconds { get; set; }

        /// <summary>How often a waiting feed checks the database for writes that did not come through this handler.</summary>
        public int FeedPollMilliseconds { get; set; }

        /// <summary>Parsed ACL, group and admins documents kept in RAM; the cache empties when full.</summary>
        public int AclCacheEntries { get; set; }

        /// <summary>
        /// Replies up to this size are sent with a Content-Length, and an error found before this much was produced
        /// still gets a proper error reply; longer replies are streamed in chunks from then on.
        /// </summary>
        public int ReplyBufferBytes { get; set; }

        /// <summary>Ids sorted per pass of the log when _all_docs lists a range (RAM against passes).</summary>
        public int AllDocsScanBatch { get; set; }

        /// <summary>
        /// Lets principals that may only read a database write its _local documents (replication checkpoints). Off:
        /// a pull-only reader's checkpoint writes get 403, which PouchDB tolerates but the CouchDB replicator does not
        /// (README.md, "ACLs").
        /// </summary>
        public bool ReadersMayWriteCheckpoints { get; set; }

        /// <summary>
        /// Optional: the pairing registry live _changes feeds consult before every row; a feed whose principal is no
        /// longer paired ends (README.md, "Live feeds and revocation"). Null: pairing is not checked by the handler.
        /// </summary>
        public IPrincipalDirectory PrincipalDirectory { get; set; }

        /// <summary>The clock feed timeouts and heartbeats are measured with.</summary>
        public IClock Clock { get; set; }

        /// <summary>Generous limits for the host board (a PC).</summary>
        public static CouchOptions ForHost()
        {
            CouchOptions o = new CouchOptions();
            o.MaxDocumentBytes = 1048576;
            o.MaxBulkDocs = 1000;
            o.MaxBulkBytes = 33554432;
            o.BulkCommitBytes = 33554432;
            o.MaxRequestItems = 10000;
            o.AclCacheEntries = 256;
            o.ReplyBufferBytes = 8192;
            o.AllDocsScanBatch = 1024;
            return o;
        }

        /// <summary>Throws when a value is missing or out of range; the handler calls it once.</summary>
        public void Validate()
        {
            if (HubUuid == null || HubUuid.Length == 0)
            {
                throw new ArgumentException("HubUuid is required", "HubUuid");
            }

            if (SystemDatabaseStoreName == null || SystemDatabaseStoreName.Length == 0 || Clock == null || VendorVersion == null
                || CouchVersion == null)
            {
                throw new ArgumentException("SystemDatabaseStoreName, Clock, VendorVersion and CouchVersion are required");
            }

            AtLeast(MaxDocumentBytes, 64, "MaxDocumentBytes");
            AtLeast(MaxBulkDocs, 1, "MaxBulkDocs");
            AtLeast(MaxBulkBytes, MaxDocumentBytes, "MaxBulkBytes");
            AtLeast(BulkCommitBytes, 1, "BulkCommitBytes");
            AtLeast(MaxRequestItems, 1, "MaxRequestItems");
            AtLeast(DefaultFeedTimeoutMilliseconds, 0, "DefaultFeedTimeoutMilliseconds");
            AtLeast(MaxFeedTimeoutMilliseconds, DefaultFeedTimeoutMilliseconds, "MaxFeedTimeoutMilliseconds");
            AtLeast(FeedPollMilliseconds, 10, "FeedPollMilliseconds");
            AtLeast(AclCacheEntries, 1, "AclCacheEntries");
            AtLeast(ReplyBufferBytes, 64, "ReplyBufferBytes");
            AtLeast(AllDocsScanBatch, 1, "AllDocsScanBatch");
        }

        private static void AtLeast(long value, long minimum, string name)
        {
            if (value < minimum)
            {
                throw new ArgumentOutOfRangeException(name, name + " must be at least " + minimum.ToString());
            }
        }
    }
}
