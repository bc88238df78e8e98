using ThaliNano.Mesh.Bundles;
using ThaliNano.Mesh.Routing;
using ThaliNano.Simulator.Engine;

namespace ThaliNano.Simulator.Routing;

/// <summary>
/// MaxProp (Burgess, Gallagher, Jensen, Levine, INFOCOM 2006) as published, for a site with one destination: a holder
/// copies every bundle to each peer not already on the bundle's path; it sends first a head start of the bundles
/// with the fewest hops, sized by the bytes it moves per contact (the paper's adaptive threshold), then the rest by
/// path cost; a full buffer drops from the other end; acks (here the gateway's receipts) flood and delete copies.
/// With a single destination every bundle at a holder has the same path cost, so the paper's meeting-probability
/// vectors would order nothing: they are left out and ties go oldest first, as the ONE simulator breaks them.
/// </summary>
internal sealed class MaxPropForwarding(NodeDirectory nodes) : Forwarding
{
    public override bool CarriesReceipts => true;

    public override IRoutingPolicy PolicyFor(SimNode node) => new Policy(nodes, node);

    public override IEnumerable<HeldCopy> OfferOrder(SimNode holder, SimNode peer) => Ranked(holder);

    public override HeldCopy DropCandidate(SimNode node) => Ranked(node)[^1];

    /// <summary>x bytes moved per contact against buffer b: x when x &lt; b/2, min(x, b - x) when x &lt; b, else 0.</summary>
    internal static double HeadStartBytes(double perContact, long buffer) =>
        perContact < buffer / 2.0 ? perContact : perContact < buffer ? Math.Min(perContact, buffer - perContact) : 0;

    /// <summary>The head start (fewest hops first, up to the threshold's bytes), then the rest oldest first.</summary>
    internal static List<HeldCopy> Ranked(SimNode holder)
    {
        double threshold = HeadStartBytes(holder.MeanBytesPerSession, holder.CapacityBytes);
        var ranked = new List<HeldCopy>(holder.Held.Count);
        var inHeadStart = new HashSet<HeldCopy>();
        long bytes = 0;
        foreach (HeldCopy copy in holder.Arrivals.OrderBy(c => c.Header.HopCount).ThenBy(c => c.StoredAt))
        {
            if (bytes + copy.Message.WireBytes > threshold)
            {
                break;
            }

            bytes += copy.Message.WireBytes;
            ranked.Add(copy);
            inHeadStart.Add(copy);
        }

        ranked.AddRange(holder.Arrivals.Where(c => !inHeadStart.Contains(c)));
        return ranked;
    }

    /// <summary>Copies (keeping its own) to any peer not already on the bundle's path.</summary>
    private sealed class Policy(NodeDirectory nodes, SimNode self) : IRoutingPolicy
    {
        public int InitialCopies => 1;

        public Handover Split(BundleHeader bundle, int copiesHeld, Peer peer)
        {
            bool onPath = self.Held.TryGetValue(nodes.MessageOf(bundle), out HeldCopy? copy) && copy.Path.Contains(nodes.IndexOf(peer.Id));
            return new Handover(onPath ? 0 : 1, copiesHeld);
        }

        public bool AcceptCustody(BundleHeader bundle, Peer from) => true;
    }
}
