namespace ThaliNano.Store
{
    /// <summary>Hub-wide settings (not stored: the firmware passes them at every start).</summary>
    public sealed class StoreOptions
    {
        public StoreOptions()
        {
            MaxStoreBytes = 0;
            IndexCachePages = 4;
            CheckpointBytes = 16 * 1024;
            Clock = new SystemClock();
        }

        /// <summary>Most bytes all databases together may take; 0 for no limit. Set it below the partition size.</summary>
        public long MaxStoreBytes { get; set; }

        /// <summary>Index pages (1 KB each) each open database caches in RAM; at least 2.</summary>
        public int IndexCachePages { get; set; }

        /// <summary>Log bytes between index checkpoints: bounds the log replayed after a power cut.</summary>
        public int CheckpointBytes { get; set; }

        public IClock Clock { get; set; }
    }
}
