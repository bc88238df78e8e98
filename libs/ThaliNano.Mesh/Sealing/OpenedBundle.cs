using ThaliNano.Mesh.Bundles;

namespace ThaliNano.Mesh.Sealing
{
    /// <summary>An authenticated, decrypted bundle.</summary>
    public sealed class OpenedBundle
    {
        internal OpenedBundle(BundleHeader header, BundlePayload payload)
        {
            Header = header;
            Payload = payload;
        }

        public BundleHeader Header { get; }

        public BundlePayload Payload { get; }
    }
}
