using System;

namespace ThaliNano.Ble
{
    /// <summary>One advertisement heard by a scanner.</summary>
    public sealed class BleScanResult
    {
        public BleScanResult(string address, int rssi, BleAdvertisement advertisement, TimeSpan receivedAt)
        {
            Address = address;
            Rssi = rssi;
            Advertisement = advertisement;
            ReceivedAt = receivedAt;
        }

        public string Address { get; }

        /// <summary>Received signal strength, dBm.</summary>
        public int Rssi { get; }

        /// <summary>Advertising data merged with the scan response, when one was received.</summary>
        public BleAdvertisement Advertisement { get; }

        /// <summary>Time on the scanning radio's clock.</summary>
        public TimeSpan ReceivedAt { get; }
    }
}
