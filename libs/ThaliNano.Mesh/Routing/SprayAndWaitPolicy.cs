using System;
using ThaliNano.Mesh.Bundles;

namespace ThaliNano.Mesh.Routing
{
    /// <summary>
    /// Binary spray and wait (Spyropoulos et al. 2005), the default: a bundle starts with L copies; a holder of n &gt; 1
    /// gives floor(n/2) to a carrier it meets and keeps the rest; with one copy it waits to meet the destination.
    /// </summary>
    public sealed class SprayAndWaitPolicy : IRoutingPolicy
    {
        public const int DefaultCopies = 4;

        public SprayAndWaitPolicy()
            : this(DefaultCopies)
        {
        }

        public SprayAndWaitPolicy(int copies)
        {
            if (copies < 1 || copies > BundleHeader.MaxCopies)
            {
                throw new ArgumentOutOfRangeException("copies");
            }

            InitialCopies = copies;
        }

        public int InitialCopies { get; }

        public Handover Split(BundleHeader bundle, int copiesHeld, Peer peer)
        {
            if (copiesHeld <= 1)
            {
                return new Handover(0, copiesHeld);
            }

            int given = copiesHeld / 2;
            return new Handover(given, copiesHeld - given);
        }

        public bool AcceptCustody(BundleHeader bundle, Peer from)
        {
            return true;
        }
    }
}
