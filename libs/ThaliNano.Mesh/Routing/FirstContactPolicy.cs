using ThaliNano.Mesh.Bundles;

namespace ThaliNano.Mesh.Routing
{
    /// <summary>Baseline: one copy, handed to the first carrier met (the holder keeps none).</summary>
    public sealed class FirstContactPolicy : IRoutingPolicy
    {
        public int InitialCopies
        {
            get { return 1; }
        }

        public Handover Split(BundleHeader bundle, int copiesHeld, Peer peer)
        {
            return copiesHeld < 1 ? new Handover(0, 0) : new Handover(copiesHeld, 0);
        }

        public bool AcceptCustody(BundleHeader bundle, Peer from)
        {
            return true;
        }
    }
}
