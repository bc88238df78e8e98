using ThaliNano.Mesh.Routing;
using ThaliNano.Simulator.Engine;

namespace ThaliNano.Simulator.Routing;

/// <summary>A policy of the mesh library as it is (first contact, epidemic, spray and wait): no receipts, FIFO order and drops.</summary>
internal sealed class LibraryForwarding(IRoutingPolicy policy) : Forwarding
{
    public override IRoutingPolicy PolicyFor(SimNode node) => policy;
}
