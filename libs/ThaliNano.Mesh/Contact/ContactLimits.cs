namespace ThaliNano.Mesh.Contact
{
    /// <summary>The protocol's fixed limits; every frame and record is checked against them before it is used.</summary>
    public static class ContactLimits
    {
        /// <summary>Sources one summary may name.</summary>
        public const int MaxSummarySources = 64;

        /// <summary>Receipts one frame may carry.</summary>
        public const int MaxReceiptsPerFrame = 64;

        /// <summary>Custody acknowledgements one frame may carry.</summary>
        public const int MaxAcksPerFrame = 256;

        /// <summary>The smallest frame limit a node may announce (room for a hello, a summary and a 4 KB bundle).</summary>
        public const int MinFrameBytes = 8 * 1024;

        /// <summary>The largest frame limit a node may announce.</summary>
        public const int MaxFrameBytes = 16 * 1024 * 1024;

        /// <summary>The largest single record: a bundle of up to 64 KB.</summary>
        public const int MaxRecordBytes = 65536;
    }
}
