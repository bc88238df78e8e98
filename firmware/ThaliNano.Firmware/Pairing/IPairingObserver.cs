namespace ThaliNano.Firmware.Pairing
{
    /// <summary>
    /// Told after every durable change of the paired principals (pair, re-pair, unpair), on the thread that made it,
    /// so a board can bring state outside the registry up to date at once: the ESP32 rewrites its CA bundle, which
    /// mbedTLS reads at each new handshake.
    /// </summary>
    public interface IPairingObserver
    {
        void PairingsChanged(PairingRegistry registry);
    }
}
