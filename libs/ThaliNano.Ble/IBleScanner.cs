namespace ThaliNano.Ble
{
    /// <summary>Scanning for advertisements. Claims the central role while on (refused while the radio advertises).</summary>
    public interface IBleScanner
    {
        bool IsScanning { get; }

        void Start();

        void Stop();

        /// <summary>Raised for every advertisement heard; packets that do not parse are dropped before this.</summary>
        event BleScanResultHandler AdvertisementReceived;
    }
}
