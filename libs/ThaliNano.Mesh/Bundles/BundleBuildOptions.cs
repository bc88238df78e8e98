namespace ThaliNano.Mesh.Bundles
{
    /// <summary>What a <see cref="BundleBuilder"/> stamps on its bundles and how large they may be.</summary>
    public sealed class BundleBuildOptions
    {
        /// <summary>Sealed size limit: 4 KB keeps a bundle within one short BLE contact and a few heap blocks.</summary>
        public int MaxBundleBytes { get; set; } = 4096;

        public long LifetimeSeconds { get; set; } = 7 * 24 * 3600;

        public int HopLimit { get; set; } = 8;

        /// <summary>Spray tokens of a new bundle (the routing policy's <c>InitialCopies</c>).</summary>
        public int Copies { get; set; } = 4;
    }
}
