namespace ThaliNano.FieldPairing
{
    /// <summary>
    /// The board's best random source, for nonces, OAEP seeds and proof secrets. Same shape as the firmware's
    /// <c>ThaliNano.Firmware.Pairing.IRandomSource</c>, so one board class can implement both.
    /// </summary>
    public interface IRandomSource
    {
        /// <summary>Fills the whole buffer with random bytes.</summary>
        void NextBytes(byte[] buffer);
    }
}
