using ThaliNano.Mesh.Bundles;

namespace ThaliNano.Mesh.Routing
{
    /// <summary>Baseline (Vahdat and Becker 2000): every carrier that lacks the bundle gets a copy; nobody gives theirs up.</summary>
    public sealed class EpidemicPolicy : IRoutingPolicy
    {
        public int InitialCopies
        {
            get { return 1; }
        }

        public Handover Split(BundleHeader bundle, int copiesHeld, Peer peer)
        {
            return copiesHeld < 1 ? new Handover(0, 0) : new Handover(1, copiesHeld);
        }

        public bool AcceptCustody(BundleHeader bundle, Peer from)
        {
            return true;
        }
    }
}
