namespace ThaliNano.Mesh.Sealing
{
    /// <summary>Random bytes for IVs (host: the OS's secure generator; ESP32: its hardware RNG behind System.Random).</summary>
    public interface IRandomSource
    {
        /// <summary>Fills the whole buffer with random bytes.</summary>
        void NextBytes(byte[] buffer);
    }
}
