namespace ThaliNano.Mesh.Receipts
{
    /// <summary>Why bytes are not a receipt the source may act on. Never thrown: returned.</summary>
    public enum ReceiptRejection
    {
        None = 0,

        /// <summary>Null or shorter than its fixed parts.</summary>
        Truncated = 1,

        BadVersion = 2,

        /// <summary>Longer than <see cref="Receipt.MaxBytes"/>.</summary>
        Oversize = 3,

        /// <summary>The range set breaks the format, has too many ranges, or bytes follow it.</summary>
        Malformed = 4,

        /// <summary>For another source, or from a destination this key is not shared with.</summary>
        WrongParty = 5,

        /// <summary>The tag does not match: forged, altered (widened) or corrupted.</summary>
        BadTag = 6,
    }
}
