using System;
using ThaliNano.Couch;
using ThaliNano.Firmware.Status;
using ThaliNano.Http;
using ThaliNano.Store;
using ThaliNano.Store.Revisions;

namespace ThaliNano.Firmware
{
    /// <summary>
    /// What a board hands the <see cref="Hub"/>: the pairing registry (which also keeps the hub's uuid and owner), 16
    /// fresh random bytes for this start's proof epoch, and the limits of store and HTTP server. The defaults are the
    /// ESP32's; <see cref="ForHost"/> gives a PC's.
    /// </summary>
    public sealed class HubConfiguration
    {
        /// <summary>
        /// Device store quota, sized for the 256 KB LittleFS partition of a 4 MB part: the served databases take at most
        /// 128 KB, of which the last 32 KB only compaction may use; the pairing registry has its own
        /// <see cref="RegistryStoreBytes"/>; the rest stays for network settings, certificates and LittleFS itself
        /// (which rounds every file past its inline limit up to whole 4 KB blocks).
        /// </summary>
        public const long DeviceStoreBytes = 128 * 1024;

        public const long DeviceCompactionReserveBytes = 32 * 1024;

        /// <summary>The pairing registry's own quota on the device (its store never shares the served databases' quota).</summary>
        public const long RegistryStoreBytes = 32 * 1024;

        /// <summary>Host: writes keep this much of the disk free, for checkpoints, compaction and the pairing registry.</summary>
        public const long HostMinFreeBytes = 64L * 1024 * 1024;

        /// <summary>Recent errors the host's status page keeps (the device keeps <see cref="StatusOptions.DeviceRecentErrors"/>).</summary>
        public const int HostRecentErrors = 32;

        public HubConfiguration()
        {
            Http = new HttpServerOptions();
            Http.KeptRequestHeaders = RequestHeadersRead();
            Store = new StoreOptions();
            Store.MaxStoreBytes = DeviceStoreBytes;
            Store.CompactionReserveBytes = DeviceCompactionReserveBytes;
            Couch = new CouchOptions();
            Status = new StatusOptions();
        }

        /// <summary>
        /// The request header fields the hub's handlers read (lowercase), besides the ones that frame a request: the HTTP
        /// server keeps only these for the handler (HttpServerOptions.KeptRequestHeaders). A handler that reads another field
        /// must add it here (a test checks the sources).
        /// </summary>
        public static string[] RequestHeadersRead()
        {
            return new string[] { "accept", "authorization", "content-type", "if-match", "x-status-token" };
        }

        /// <summary>Options of the pairing registry's private store on the device: its own quota.</summary>
        public static StoreOptions RegistryStoreOptions()
        {
            StoreOptions o = new StoreOptions();
            o.MaxStoreBytes = RegistryStoreBytes;
            return o;
        }

        /// <summary>The paired principals, the owner, the hub's uuid and boot counter. Required; the board disposes it.</summary>
        public PairingRegistry Registry { get; set; }

        /// <summary>
        /// The hub's stable uuid (32 lowercase hex digits), served by GET /. Null takes the registry's
        /// (<see cref="PairingRegistry.EnsureHubUuid"/> must have run).
        /// </summary>
        public string HubUuid { get; set; }

        /// <summary>The hub's key id (SHA-256 of its certificate's SPKI): every ThaliKey proof is bound to it. Required.</summary>
        public Identity.PublicKeyId HubKeyId { get; set; }

        /// <summary>16 random bytes drawn at this start: with the boot counter they make the ThaliKey proof epoch. Required.</summary>
        public byte[] EpochRandom { get; set; }

        /// <summary>Limits and timeouts of the HTTP server.</summary>
        public HttpServerOptions Http { get; set; }

        /// <summary>Limits of the Couch replication subset; the hub fills in its uuid and owner.</summary>
        public CouchOptions Couch { get; set; }

        /// <summary>Settings of the document store.</summary>
        public StoreOptions Store { get; set; }

        /// <summary>
        /// This hub's httpkey URLs as clients reach it (host:port as configured), published in its directory entry
        /// (<see cref="DirectoryDocument"/>); null or empty when the board does not know them.
        /// </summary>
        public string[] DirectoryUrls { get; set; }

        /// <summary>A display name for the directory entry (1 to 64 characters), or null.</summary>
        public string DisplayName { get; set; }

        /// <summary>The hub as a store-and-forward mesh sensor (POST /_mesh/contact); null: no mesh.</summary>
        public Mesh.MeshOptions Mesh { get; set; }

        /// <summary>Told about every answered request; may be null.</summary>
        public IHubRequestLog RequestLog { get; set; }

        /// <summary>What the status page at /_status shows beyond the hub's own state: mesh, memory, recent errors kept.</summary>
        public StatusOptions Status { get; set; }

        /// <summary>Roomier limits for the host board.</summary>
        public static HubConfiguration ForHost()
        {
            HubConfiguration c = new HubConfiguration();
            c.Http = HttpServerOptions.ForHost();
            c.Http.KeptRequestHeaders = RequestHeadersRead();
            c.Couch = CouchOptions.ForHost();
            // A PC has the RAM to cache the whole hash index of a large database (512 pages of 1 KB per open database
            // hold ~40k documents), so a random-id lookup costs no file read; and checkpointing every 1 MB of log instead
            // of 16 KB writes the dirty pages once per ~7k pushed documents rather than once per _bulk_docs batch (at
            // most 1 MB of log is replayed after a power cut: milliseconds on a PC). Measured: these two were most of
            // the host's _bulk_docs and _revs_diff time and allocations.
            c.Store.IndexCachePages = 512;
            c.Store.CheckpointBytes = 1024 * 1024;
            // No fixed quota on a PC: writes stop (507) while the disk still has HostMinFreeBytes free, which the
            // pairing registry (its store keeps no reserve) and compaction may use; more branches per document than
            // the device's 128.
            c.Store.MaxStoreBytes = 0;
            c.Store.CompactionReserveBytes = 0;
            c.Store.MinFreeBytes = HostMinFreeBytes;
            c.Store.MaxLeaves = RevisionTree.MaxLeaves;
            c.Status.RecentErrorCapacity = HostRecentErrors;
            return c;
        }

        /// <summary>Throws when something required is missing.</summary>
        public void Validate()
        {
            if (Registry == null)
            {
                throw new ArgumentException("a pairing registry is required", "Registry");
            }

            if (HubKeyId == null)
            {
                throw new ArgumentException("the hub's key id is required: proofs are bound to it", "HubKeyId");
            }

            if (EpochRandom == null || EpochRandom.Length != 16)
            {
                throw new ArgumentException("EpochRandom must be 16 random bytes", "EpochRandom");
            }

            if (Http == null || Store == null || Couch == null || Status == null || Status.Clock == null)
            {
                throw new ArgumentException("Http, Couch, Store and Status options (with a clock) are required");
            }

            DirectoryDocument.Check(HubKeyId, DirectoryUrls, DisplayName);
            if (Mesh != null)
            {
                Mesh.Validate();
            }

            string uuid = HubUuid != null ? HubUuid : Registry.HubUuid;
            if (uuid == null || uuid.Length != 32)
            {
                throw new ArgumentException("the hub uuid (32 hex digits) is missing: call Registry.EnsureHubUuid first", "HubUuid");
            }
        }
    }
}
