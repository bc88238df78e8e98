namespace ThaliNano.Ble
{
    /// <summary>Legacy advertising (31 bytes + 31 bytes of scan response). Claims the peripheral role while on.</summary>
    public interface IBleAdvertiser
    {
        bool IsAdvertising { get; }

        /// <summary>
        /// Starts advertising (replacing what was advertised). Refuses content that does not fit legacy packets
        /// (<see cref="BleAdvertisement.EnsureFitsLegacy"/>) and refuses while the radio is a central.
        /// </summary>
        /// <param name="scanResponse">Null for none.</param>
        void Start(BleAdvertisement advertisement, BleAdvertisement scanResponse);

        void Stop();
    }
}
