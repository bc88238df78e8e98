using ThaliNano.Identity;
using ThaliNano.Mesh.Bundles;
using ThaliNano.Simulator.Engine;
using ThaliNano.Simulator.Field;

namespace ThaliNano.Simulator.Routing;

/// <summary>The site's nodes by number and by key id, and the messages by bundle id (policies see <c>Peer</c>s and headers).</summary>
internal sealed class NodeDirectory
{
    private readonly Dictionary<PublicKeyId, int> _byId;
    private readonly Dictionary<(int Sensor, long Sequence), int> _messages;

    public NodeDirectory(IReadOnlyList<SimNode> nodes, int gateway, IReadOnlyList<FieldMessage> messages)
    {
        Nodes = nodes;
        Gateway = gateway;
        _byId = nodes.ToDictionary(n => n.Id, n => n.Index);
        _messages = messages.ToDictionary(m => (m.Sensor, m.Sequence), m => m.Id);
    }

    public IReadOnlyList<SimNode> Nodes { get; }

    public int Gateway { get; }

    public int Count => Nodes.Count;

    public int IndexOf(PublicKeyId id) => _byId[id];

    public int MessageOf(BundleHeader bundle) => _messages[(IndexOf(bundle.Source), bundle.CreationSequence)];
}
