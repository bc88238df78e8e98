using ThaliNano.Store.Revisions;

namespace ThaliNano.Store
{
    /// <summary>Hub-wide settings (not stored: the firmware passes them at every start).</summary>
    public sealed class StoreOptions
    {
        /// <summary>Default cap on a document's leaves (see <see cref="MaxLeaves"/>).</summary>
        public const int DefaultMaxLeaves = 128;

        /// <summary>Default and largest id length in UTF-8 bytes (see <see cref="MaxIdBytes"/>).</summary>
        public const int DefaultMaxIdBytes = 1000;

        public StoreOptions()
        {
            MaxStoreBytes = 0;
            CompactionReserveBytes = 0;
            MinFreeBytes = 0;
            IndexCachePages = 4;
            CheckpointBytes = 16 * 1024;
            CheckpointRecords = 0;
            MaxLeaves = DefaultMaxLeaves;
            MaxIdBytes = DefaultMaxIdBytes;
            Clock = new SystemClock();
        }

        /// <summary>
        /// Most bytes all databases together may take, compaction's new generation included; 0 for no limit. Set it
        /// below the partition size, leaving room for whatever else lives there.
        /// </summary>
        public long MaxStoreBytes { get; set; }

        /// <summary>
        /// The part of <see cref="MaxStoreBytes"/> that only compaction may use: writes are refused (507) once the
        /// store would pass <c>MaxStoreBytes - CompactionReserveBytes</c>, so a full store can still compact a database
        /// whose live data fits the reserve.
        /// </summary>
        public long CompactionReserveBytes { get; set; }

        /// <summary>
        /// Bytes that writes must leave free on the file system (when the storage can tell its free space, see
        /// <see cref="Storage.IFileStorage.AvailableBytes"/>): a write that would leave less is refused (507) before
        /// the disk fills, keeping room for checkpoints, compaction and whatever else shares the disk.
        /// </summary>
        public long MinFreeBytes { get; set; }

        /// <summary>
        /// Index pages each open database caches in RAM, of its id hash table and its seq index together; at least 2.
        /// A cached page takes its entries' bytes (8 each) and a little room, at most 1 KB.
        /// </summary>
        public int IndexCachePages { get; set; }

        /// <summary>Log bytes between index checkpoints: bounds the log replayed after a power cut.</summary>
        public int CheckpointBytes { get; set; }

        /// <summary>Also checkpoint after this many records since the last checkpoint (0: by bytes only).</summary>
        public int CheckpointRecords { get; set; }

        /// <summary>
        /// Most leaves (live and deleted branches) a document may have, 1..<see cref="RevisionTree.MaxLeaves"/>: a write
        /// that would pass it is refused. Every leaf keeps its body in each record of the document.
        /// </summary>
        public int MaxLeaves { get; set; }

        /// <summary>Longest document id in UTF-8 bytes, 1..<see cref="DefaultMaxIdBytes"/>.</summary>
        public int MaxIdBytes { get; set; }

        public IClock Clock { get; set; }

        internal bool IsValid()
        {
            return IndexCachePages >= 2 && CheckpointBytes >= 1 && CheckpointRecords >= 0 && Clock != null && MaxStoreBytes >= 0
                && CompactionReserveBytes >= 0 && (MaxStoreBytes == 0 ? CompactionReserveBytes == 0 : CompactionReserveBytes < MaxStoreBytes)
                && MinFreeBytes >= 0 && MaxLeaves >= 1 && MaxLeaves <= RevisionTree.MaxLeaves && MaxIdBytes >= 1 && MaxIdBytes <= DefaultMaxIdBytes;
        }
    }
}
