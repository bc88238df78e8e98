namespace ThaliNano.Mesh.Contact
{
    /// <summary>Where <see cref="IContactNode.Offer"/> puts the bundles it offers, one at a time, as they are read or built.</summary>
    public interface IBundleSink
    {
        /// <summary>
        /// Sends one bundle (already prepared as the copy that leaves the node). False when it no longer fits the
        /// peer's frame limit: the bundle was not sent and the node should stop offering.
        /// </summary>
        bool Add(byte[] bundle);
    }
}
