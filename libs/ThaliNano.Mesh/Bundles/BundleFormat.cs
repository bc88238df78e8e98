namespace ThaliNano.Mesh.Bundles
{
    /// <summary>Sizes and offsets of the sealed bundle (README, "Bundle").</summary>
    public static class BundleFormat
    {
        public const int Version = 1;

        /// <summary>Flag: the source had no clock; <see cref="BundleHeader.CreationTime"/> is 0 and the age counts.</summary>
        public const int FlagNoClock = 0x01;

        public const int DestinationHintBytes = 8;
        public const int DatabaseHashBytes = 8;
        public const int IvBytes = 16;
        public const int TagBytes = 16;
        public const int BlockBytes = 16;

        /// <summary>Header bytes covered by the tag (everything before the hop count).</summary>
        public const int ImmutableHeaderBytes = 71;

        /// <summary>The whole clear header: the immutable part, then hop count (1), copies (1), age (4).</summary>
        public const int HeaderBytes = 77;

        /// <summary>Header, IV and tag: what every bundle adds to its padded ciphertext.</summary>
        public const int FixedOverheadBytes = HeaderBytes + IvBytes + TagBytes;

        /// <summary>The smallest bundle: fixed parts and one block of ciphertext.</summary>
        public const int MinimumBytes = FixedOverheadBytes + BlockBytes;

        /// <summary>The default limit of readers (nanoFramework's MemoryStream and heap keep bundles small).</summary>
        public const int DefaultMaxBytes = 16384;

        internal const int OffsetVersion = 0;
        internal const int OffsetFlags = 1;
        internal const int OffsetSource = 2;
        internal const int OffsetCreationSequence = 34;
        internal const int OffsetDestinationHint = 38;
        internal const int OffsetDatabaseHash = 46;
        internal const int OffsetFromSeq = 54;
        internal const int OffsetToSeq = 58;
        internal const int OffsetCreationTime = 62;
        internal const int OffsetLifetime = 66;
        internal const int OffsetHopLimit = 70;
        internal const int OffsetHopCount = 71;
        internal const int OffsetCopies = 72;
        internal const int OffsetAge = 73;

        /// <summary>The largest plaintext payload that seals into at most <paramref name="maxBundleBytes"/>
        /// (PKCS#7 always adds 1 to 16 bytes); negative when not even an empty payload fits.</summary>
        public static int MaxPayloadBytes(int maxBundleBytes)
        {
            return (maxBundleBytes - FixedOverheadBytes) / BlockBytes * BlockBytes - 1;
        }

        /// <summary>The sealed size of a payload of <paramref name="payloadBytes"/>.</summary>
        public static int SealedBytes(int payloadBytes)
        {
            return FixedOverheadBytes + (payloadBytes / BlockBytes + 1) * BlockBytes;
        }
    }
}
