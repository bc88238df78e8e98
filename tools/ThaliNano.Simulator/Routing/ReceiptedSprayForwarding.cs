using ThaliNano.Mesh.Routing;
using ThaliNano.Simulator.Engine;

namespace ThaliNano.Simulator.Routing;

/// <summary>
/// Ours: the mesh library's binary spray and wait, with end-to-end receipts that every carrier picks up (from the
/// gateway and from other carriers) and passes on; a receipt deletes the copies it covers wherever it arrives, and a
/// sensor keeps each bundle's data until its own ledger accepts a receipt for it.
/// </summary>
internal sealed class ReceiptedSprayForwarding(int copies) : Forwarding
{
    private readonly SprayAndWaitPolicy _policy = new(copies);

    public override bool CarriesReceipts => true;

    public override bool SourceKeepsUntilReceipt => true;

    public override IRoutingPolicy PolicyFor(SimNode node) => _policy;
}
