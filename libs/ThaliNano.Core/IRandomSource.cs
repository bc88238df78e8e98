namespace ThaliNano
{
    /// <summary>
    /// The board's source of secret random bytes (proof secrets, pairing tokens, IVs): the operating system's generator
    /// on the host, the hardware RNG behind System.Random on the ESP32 (libs/ThaliNano.Identity/README.md,
    /// "Randomness on the device"). Tests pass seeded fakes.
    /// </summary>
    public interface IRandomSource
    {
        /// <summary>Fills <paramref name="buffer"/> with random bytes.</summary>
        void NextBytes(byte[] buffer);
    }
}
