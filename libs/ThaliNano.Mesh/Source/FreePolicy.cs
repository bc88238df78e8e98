namespace ThaliNano.Mesh.Source
{
    /// <summary>What a sensor does with documents once an authentic receipt says they were delivered.</summary>
    public enum FreePolicy
    {
        /// <summary>Keep them (the delivered ranges are remembered; <see cref="SourceNode.FreeDelivered"/> frees them later).</summary>
        Keep = 0,

        /// <summary>Purge them: they vanish from reads and the changes feed; the flash is reclaimed at the next compaction.</summary>
        Purge = 1,

        /// <summary>Purge them and compact the database once <see cref="SourceOptions.CompactionThresholdBytes"/> are reclaimable.</summary>
        PurgeAndCompact = 2,
    }
}
