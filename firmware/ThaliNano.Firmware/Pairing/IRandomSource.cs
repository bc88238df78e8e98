namespace ThaliNano.Firmware.Pairing
{
    /// <summary>
    /// The board's best random source, for the ThaliKey proof secrets the hub hands out when it pairs a client (host:
    /// the operating system's secure generator; ESP32: what the device offers, see boards/esp32/README.md).
    /// </summary>
    public interface IRandomSource
    {
        /// <summary>Fills the whole buffer with random bytes.</summary>
        void NextBytes(byte[] buffer);
    }
}
