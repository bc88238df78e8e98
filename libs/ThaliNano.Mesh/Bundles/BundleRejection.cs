namespace ThaliNano.Mesh.Bundles
{
    /// <summary>Why bytes are not a bundle a node may take. Parsing and opening report these; they never throw.</summary>
    public enum BundleRejection
    {
        /// <summary>Accepted.</summary>
        None = 0,

        /// <summary>Null or shorter than the fixed parts (header, IV, one block, tag), or a ciphertext not made of whole blocks.</summary>
        Truncated = 1,

        /// <summary>The first byte is not <see cref="BundleFormat.Version"/>.</summary>
        BadVersion = 2,

        /// <summary>Longer than the limit the reader was given.</summary>
        Oversize = 3,

        /// <summary>Inconsistent header fields (unknown flags, an empty or reversed sequence range), or a payload that
        /// authenticates but does not decode (a faulty source).</summary>
        Malformed = 4,

        /// <summary>Addressed to another destination.</summary>
        WrongDestination = 5,

        /// <summary>The destination shares no key with the bundle's source.</summary>
        UnknownSource = 6,

        /// <summary>The tag does not match: corrupted, altered, or sealed with another key.</summary>
        BadTag = 7,

        /// <summary>Older than its lifetime.</summary>
        Expired = 8,

        /// <summary>Forwarded more often than its hop limit allows.</summary>
        HopLimitExceeded = 9,
    }
}
