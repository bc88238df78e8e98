using ThaliNano.Mesh.Routing;
using ThaliNano.Simulator.Engine;

namespace ThaliNano.Simulator.Routing;

/// <summary>
/// What a policy decides around the mesh library's <see cref="Router"/>: the <see cref="IRoutingPolicy"/> each node's
/// router consults, the order a holder offers its copies in, which copy a full buffer drops, whether receipts travel,
/// and what an encounter teaches the nodes (PRoPHET, MaxProp).
/// </summary>
internal abstract class Forwarding
{
    /// <summary>End-to-end receipts (MaxProp: its acks) travel with every carrier and delete the copies they cover.</summary>
    public virtual bool CarriesReceipts => false;

    /// <summary>A sensor keeps its data after handing out its last copy, until a receipt frees it (custody).</summary>
    public virtual bool SourceKeepsUntilReceipt => false;

    public abstract IRoutingPolicy PolicyFor(SimNode node);

    /// <summary>Two nodes met (the first session of a contact).</summary>
    public virtual void Encounter(SimNode a, SimNode b, double time)
    {
    }

    /// <summary>The holder's copies in the order it offers them to <paramref name="peer"/>: the oldest first.</summary>
    public virtual IEnumerable<HeldCopy> OfferOrder(SimNode holder, SimNode peer) => holder.Arrivals;

    /// <summary>The copy a full buffer gives up: the oldest.</summary>
    public virtual HeldCopy DropCandidate(SimNode node) => node.Arrivals.First!.Value;

    public static Forwarding Create(PolicyKind policy, int copies, NodeDirectory directory) => policy switch
    {
        PolicyKind.FirstContact => new LibraryForwarding(new FirstContactPolicy()),
        PolicyKind.Epidemic => new LibraryForwarding(new EpidemicPolicy()),
        PolicyKind.SprayAndWait => new LibraryForwarding(new SprayAndWaitPolicy(copies)),
        PolicyKind.Prophet => new ProphetForwarding(directory),
        PolicyKind.MaxProp => new MaxPropForwarding(directory),
        PolicyKind.Ours => new ReceiptedSprayForwarding(copies),
        _ => throw new ArgumentOutOfRangeException(nameof(policy)),
    };
}
