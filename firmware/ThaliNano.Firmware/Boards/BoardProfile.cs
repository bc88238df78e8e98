using System;
using ThaliNano.Mesh.Source;
using ThaliNano.Store;
using ThaliNano.Store.Revisions;

namespace ThaliNano.Firmware.Boards
{
    /// <summary>
    /// One kind of ESP32 board: the nanoff firmware target, flash and LittleFS (<c>I:</c>) sizes, the managed heap the
    /// platform gives and the part of it the hub may use, and the hub's settings that follow from those budgets. The
    /// ESP32 app picks its profile from <c>device.json</c>; <c>thalinano provision</c> and <c>flash</c> read the same
    /// table (boards/README.md).
    /// </summary>
    public sealed class BoardProfile
    {
        /// <summary>LittleFS bytes kept outside every quota: network settings, certificates, provisioning files, LittleFS itself.</summary>
        public const long OtherFilesBytes = 64 * 1024;

        /// <summary>Bytes one HTTP connection holds while open: its input and output buffers and request state (estimate).</summary>
        public const int ConnectionBytes = 4 * 1024;

        /// <summary>Most bytes an index cache page takes (StoreOptions.IndexCachePages counts pages of up to 1 KB).</summary>
        public const int IndexPageBytes = 1024;

        /// <summary>The largest mesh bundle any board builds: a contact record holds at most 64 KB.</summary>
        public const int MaxMeshBundleBytes = 65536;

        private BoardProfile(string name, string nanoffTarget, string description)
        {
            Name = name;
            NanoffTarget = nanoffTarget;
            Description = description;
        }

        /// <summary>The profile's name as the tools take it (<c>--board</c>) and <c>device.json</c> stores it.</summary>
        public string Name { get; set; }

        /// <summary>The nanoff firmware target (<c>nanoff --update --target ...</c>).</summary>
        public string NanoffTarget { get; set; }

        public string Description { get; set; }

        public bool HasPsram { get; set; }

        public long FlashBytes { get; set; }

        /// <summary>The config partition the app mounts as LittleFS <c>I:</c>.</summary>
        public long LittleFsBytes { get; set; }

        /// <summary>Managed heap the firmware image gives the app (nanoFramework's figures; with PSRAM an assumed floor).</summary>
        public long ManagedHeapBytes { get; set; }

        /// <summary>Peak live managed bytes the whole hub may use (store, HTTP, Couch, discovery, mesh, sensors).</summary>
        public long HubHeapBudgetBytes { get; set; }

        /// <summary>HTTP connections served at once.</summary>
        public int HttpConnections { get; set; }

        /// <summary>
        /// Requests of those connections in progress at one instant (HttpServerOptions.MaxRequestsAtOnce); 0 for as many as
        /// there are connections. A changes feed waiting for a write does not count.
        /// </summary>
        public int HttpRequestsAtOnce { get; set; }

        /// <summary>
        /// Read buffer and write buffer of each HTTP connection, and what a Couch reply holds back before it goes out
        /// chunked (CouchOptions.ReplyBufferBytes); the write buffer is also a streamed reply's chunk size.
        /// </summary>
        public int HttpBufferBytes { get; set; }

        /// <summary>Index pages (of up to 1 KB) each open database caches, of its id hash table and its seq index together.</summary>
        public int IndexCachePages { get; set; }

        /// <summary>Weight of the documents one _bulk_docs commit holds in RAM (CouchOptions.BulkCommitBytes); the rest waits on flash.</summary>
        public int BulkCommitBytes { get; set; }

        /// <summary>Quota of the served databases, compaction's reserve included.</summary>
        public long StoreBytes { get; set; }

        public long CompactionReserveBytes { get; set; }

        /// <summary>The pairing registry's own quota.</summary>
        public long RegistryStoreBytes { get; set; }

        /// <summary>Most leaves a document may have: every leaf's body is in each of its records.</summary>
        public int MaxLeaves { get; set; }

        /// <summary>Whether the hub runs BLE (discovery beacons, field pairing, mesh contacts).</summary>
        public bool Ble { get; set; }

        /// <summary>Largest sealed mesh bundle the hub builds, in bytes.</summary>
        public int MeshBundleBytes { get; set; }

        /// <summary>
        /// Bundle bytes offered per mesh contact (SourceOptions.MaxOfferBytes): bounds a contact's airtime (the reply leaves
        /// as it is written, over HTTPS and BLE alike, so not its RAM); a carrier takes the rest at its next contact.
        /// </summary>
        public int MeshOfferBytes { get; set; }

        /// <summary>ESP32 WROVER with 4 MB PSRAM (ESP32_BLE_REV3): the reference board.</summary>
        public static BoardProfile Esp32Psram()
        {
            BoardProfile p = new BoardProfile("esp32-psram", "ESP32_BLE_REV3", "ESP32 WROVER, 4 MB flash, 4 MB PSRAM (reference)");
            p.HasPsram = true;
            p.FlashBytes = 4 * 1024 * 1024;
            p.LittleFsBytes = 256 * 1024;
            p.ManagedHeapBytes = 2 * 1024 * 1024;
            p.HubHeapBudgetBytes = 256 * 1024;
            p.HttpConnections = 4;
            p.HttpBufferBytes = 1024;
            p.IndexCachePages = 8;
            p.BulkCommitBytes = 16 * 1024;
            p.StoreBytes = HubConfiguration.DeviceStoreBytes;
            p.CompactionReserveBytes = HubConfiguration.DeviceCompactionReserveBytes;
            p.RegistryStoreBytes = HubConfiguration.RegistryStoreBytes;
            p.MaxLeaves = 128;
            p.Ble = true;
            p.MeshBundleBytes = 8 * 1024;
            p.MeshOfferBytes = 8 * 1024;
            return p;
        }

        /// <summary>ESP32 WROOM without PSRAM (ESP32_BLE_REV0): about 49 KB of managed heap with BLE.</summary>
        public static BoardProfile Esp32()
        {
            BoardProfile p = new BoardProfile("esp32", "ESP32_BLE_REV0", "ESP32 WROOM, 4 MB flash, no PSRAM");
            p.FlashBytes = 4 * 1024 * 1024;
            p.LittleFsBytes = 256 * 1024;
            p.ManagedHeapBytes = 49 * 1024;
            p.HubHeapBudgetBytes = 32 * 1024;
            SetSmall(p);
            return p;
        }

        /// <summary>ESP32-S3 module with 8 MB flash and 2 MB PSRAM (ESP32_S3_BLE): a 2 MB config partition.</summary>
        public static BoardProfile Esp32S3()
        {
            BoardProfile p = new BoardProfile("esp32-s3", "ESP32_S3_BLE", "ESP32-S3, 8 MB flash, 2 MB PSRAM");
            p.HasPsram = true;
            p.FlashBytes = 8 * 1024 * 1024;
            p.LittleFsBytes = 2 * 1024 * 1024;
            p.ManagedHeapBytes = 1024 * 1024;
            p.HubHeapBudgetBytes = 256 * 1024;
            p.HttpConnections = 4;
            p.HttpBufferBytes = 1024;
            p.IndexCachePages = 16;
            p.BulkCommitBytes = 16 * 1024;
            p.StoreBytes = 1536 * 1024;
            p.CompactionReserveBytes = 384 * 1024;
            p.RegistryStoreBytes = 64 * 1024;
            p.MaxLeaves = 128;
            p.Ble = true;
            p.MeshBundleBytes = 16 * 1024;
            p.MeshOfferBytes = 16 * 1024;
            return p;
        }

        /// <summary>ESP32-C3 (ESP32_C3): RISC-V, no PSRAM, about 54 KB of managed heap with BLE.</summary>
        public static BoardProfile Esp32C3()
        {
            BoardProfile p = new BoardProfile("esp32-c3", "ESP32_C3", "ESP32-C3, 4 MB flash, no PSRAM");
            p.FlashBytes = 4 * 1024 * 1024;
            p.LittleFsBytes = 256 * 1024;
            p.ManagedHeapBytes = 54 * 1024;
            p.HubHeapBudgetBytes = 32 * 1024;
            SetSmall(p);
            return p;
        }

        /// <summary>Every profile, the reference first.</summary>
        public static BoardProfile[] All()
        {
            return new BoardProfile[] { Esp32Psram(), Esp32(), Esp32S3(), Esp32C3() };
        }

        /// <summary>The profile named <paramref name="name"/> (case-sensitive), or null.</summary>
        public static BoardProfile Find(string name)
        {
            BoardProfile[] all = All();
            for (int i = 0; i < all.Length; i++)
            {
                if (all[i].Name == name)
                {
                    return all[i];
                }
            }

            return null;
        }

        /// <summary>The names of every profile, for messages: "esp32-psram, esp32, ...".</summary>
        public static string Names()
        {
            BoardProfile[] all = All();
            string names = all[0].Name;
            for (int i = 1; i < all.Length; i++)
            {
                names = names + ", " + all[i].Name;
            }

            return names;
        }

        /// <summary>A hub configuration with this board's limits (registry, key id and epoch still to fill in).</summary>
        public HubConfiguration CreateConfiguration()
        {
            HubConfiguration c = new HubConfiguration();
            c.Http.MaxConnections = HttpConnections;
            c.Http.MaxRequestsAtOnce = HttpRequestsAtOnce;
            c.Http.InputBufferBytes = HttpBufferBytes;
            c.Http.OutputBufferBytes = HttpBufferBytes;
            c.Couch.ReplyBufferBytes = HttpBufferBytes;
            c.Store.IndexCachePages = IndexCachePages;
            c.Couch.BulkCommitBytes = BulkCommitBytes;
            c.Store.MaxStoreBytes = StoreBytes;
            c.Store.CompactionReserveBytes = CompactionReserveBytes;
            c.Store.MaxLeaves = MaxLeaves;
            return c;
        }

        /// <summary>Sizes a mesh sensor's bundles and what one contact offers for this board.</summary>
        public void ApplyMeshLimits(SourceOptions source)
        {
            if (source == null)
            {
                throw new ArgumentNullException("source");
            }

            source.MaxBundleBytes = MeshBundleBytes;
            source.MaxOfferBytes = MeshOfferBytes;
        }

        /// <summary>
        /// Options of the pairing registry's private store on this board: its quota, and an index cache no larger than the
        /// board's (the registry holds a few dozen records; the default 4 pages cost 2 KB more on a small board, measured by
        /// the memory benchmark).
        /// </summary>
        public StoreOptions CreateRegistryStoreOptions()
        {
            StoreOptions o = new StoreOptions();
            o.MaxStoreBytes = RegistryStoreBytes;
            if (IndexCachePages < o.IndexCachePages)
            {
                o.IndexCachePages = IndexCachePages;
            }

            return o;
        }

        /// <summary>
        /// Throws when the budgets contradict each other: the quotas and the other files must fit the partition, the
        /// hub's budget the managed heap, and the fixed buffers (connections, index caches of two open databases) at most
        /// half of the hub's budget, a _bulk_docs commit (about three times its weight) a quarter.
        /// </summary>
        public void Check()
        {
            if (StoreBytes + RegistryStoreBytes + OtherFilesBytes > LittleFsBytes)
            {
                throw new InvalidOperationException(Name + ": store and registry quotas and other files do not fit the LittleFS partition");
            }

            if (CompactionReserveBytes <= 0 || CompactionReserveBytes * 2 > StoreBytes)
            {
                throw new InvalidOperationException(Name + ": the compaction reserve must be positive and at most half the store quota");
            }

            if (LittleFsBytes >= FlashBytes || HubHeapBudgetBytes > ManagedHeapBytes)
            {
                throw new InvalidOperationException(Name + ": the partition must fit the flash and the hub's budget the managed heap");
            }

            long fixedBytes = (long)HttpConnections * ConnectionBytes + 2L * IndexCachePages * IndexPageBytes;
            if (HttpConnections < 1 || HttpBufferBytes < 256 || IndexCachePages < 2 || fixedBytes * 2 > HubHeapBudgetBytes)
            {
                throw new InvalidOperationException(Name + ": the hub needs a connection with 256-byte buffers and 2 index pages, and those fixed buffers may take at most half the hub's heap budget");
            }

            if (HttpRequestsAtOnce < 0 || HttpRequestsAtOnce > HttpConnections)
            {
                throw new InvalidOperationException(Name + ": HttpRequestsAtOnce must be 0 (as many as connections) to HttpConnections");
            }

            if (MeshBundleBytes < 512 || MeshBundleBytes > MaxMeshBundleBytes || MeshBundleBytes * 4 > HubHeapBudgetBytes)
            {
                throw new InvalidOperationException(Name + ": a mesh bundle must be 512 bytes to 64 KB and at most a quarter of the hub's heap budget");
            }

            if (MeshOfferBytes < MeshBundleBytes)
            {
                throw new InvalidOperationException(Name + ": a contact's offer must hold a bundle");
            }

            if (BulkCommitBytes < 512 || BulkCommitBytes * 4 > HubHeapBudgetBytes)
            {
                throw new InvalidOperationException(Name + ": a _bulk_docs commit must weigh 512 bytes to a quarter of the hub's heap budget");
            }

            if (MaxLeaves < 1 || MaxLeaves > RevisionTree.MaxLeaves)
            {
                throw new InvalidOperationException(Name + ": MaxLeaves must be 1 to " + RevisionTree.MaxLeaves.ToString());
            }
        }

        private static void SetSmall(BoardProfile p)
        {
            // 32 KB for the whole hub: one TLS connection's worth of managed buffers per slot, one request in progress at a
            // time (a carrier's contact and a replicator's _bulk_docs held about 3 KB more together; the other waits
            // unparsed, and a feed waiting for a change lets it in), half-size read and write
            // buffers (a reply longer than 512 bytes goes out chunked), three index pages per open database (two for a
            // growing hash table, one for the seq index), _bulk_docs commits of the smallest weight (3-5 small documents,
            // one sync each: a commit holds about three times its weight, and the queue as much again; 1 KB held several
            // KB more at push peaks), few branches per document (each leaf's body is in every record),
            // bundles of 2 KB (a bundle is whole in RAM while it is offered; 1 KB ones would break the mesh's 1.15x wire
            // overhead).
            p.HttpConnections = 2;
            p.HttpRequestsAtOnce = 1;
            p.HttpBufferBytes = 512;
            p.IndexCachePages = 3;
            p.BulkCommitBytes = 512;
            p.StoreBytes = HubConfiguration.DeviceStoreBytes;
            p.CompactionReserveBytes = HubConfiguration.DeviceCompactionReserveBytes;
            p.RegistryStoreBytes = HubConfiguration.RegistryStoreBytes;
            p.MaxLeaves = 16;
            p.Ble = true;
            p.MeshBundleBytes = 2 * 1024;
            p.MeshOfferBytes = 8 * 1024;
        }
    }
}
