namespace ThaliNano.Discovery
{
    /// <summary>Why manufacturer data is not a fresh beacon of this fleet.</summary>
    public enum BeaconRejection
    {
        /// <summary>Accepted.</summary>
        None = 0,

        /// <summary>Null, or not <see cref="BeaconFormat.PayloadBytes"/> bytes.</summary>
        WrongLength = 1,

        /// <summary>The first byte is not <see cref="BeaconFormat.Version"/>.</summary>
        UnknownVersion = 2,

        /// <summary>The tag does not match: corrupted, forged, or a beacon of another fleet.</summary>
        BadTag = 3,

        /// <summary>Authentic, but its slot is older than the window allows (a recorded beacon replayed later).</summary>
        StaleSlot = 4,

        /// <summary>Authentic, but its slot is further ahead than the window allows (a clock far off).</summary>
        FutureSlot = 5,

        /// <summary>Authentic, but the device has already been seen with a higher counter.</summary>
        ReplayedCounter = 6,
    }
}
