using ThaliNano.Mesh.Bundles;

namespace ThaliNano.Mesh.Routing
{
    /// <summary>
    /// The replaceable part of routing between carriers (the rules every policy shares are <see cref="Router"/>'s:
    /// deliver to the destination, never give to a sensor, sensors accept nothing).
    /// </summary>
    public interface IRoutingPolicy
    {
        /// <summary>The copies a source stamps on a new bundle.</summary>
        int InitialCopies { get; }

        /// <summary>How a holder of <paramref name="copiesHeld"/> copies splits them with a carrier that lacks the bundle.</summary>
        Handover Split(BundleHeader bundle, int copiesHeld, Peer peer);

        /// <summary>Whether a carrier takes custody of a bundle offered by <paramref name="from"/>.</summary>
        bool AcceptCustody(BundleHeader bundle, Peer from);
    }
}
