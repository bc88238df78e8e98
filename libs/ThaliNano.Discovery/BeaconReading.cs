namespace ThaliNano.Discovery
{
    /// <summary>What a resolved beacon says.</summary>
    public sealed class BeaconReading
    {
        internal BeaconReading(byte[] deviceId, uint slot, uint counter, BeaconHints hints, bool isRepeat)
        {
            DeviceId = deviceId;
            Slot = slot;
            Counter = counter;
            Hints = hints;
            IsRepeat = isRepeat;
        }

        /// <summary>The device's 8-byte id (this reading's own array).</summary>
        public byte[] DeviceId { get; }

        public uint Slot { get; }

        public uint Counter { get; }

        public BeaconHints Hints { get; }

        /// <summary>The device's latest beacon seen again (same counter): a device repeats its advertisement until it
        /// rotates, so this is the normal case while it stays in range.</summary>
        public bool IsRepeat { get; }
    }
}
