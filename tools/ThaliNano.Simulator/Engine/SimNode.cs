using ThaliNano.Identity;
using ThaliNano.Mesh.Receipts;
using ThaliNano.Mesh.Routing;

namespace ThaliNano.Simulator.Engine;

/// <summary>
/// A node of the simulated site: its identity and the mesh library's <see cref="Router"/> for its role, its bounded
/// buffer of copies (in arrival order), the receipts it knows, and on a sensor the real <see cref="ReceiptLedger"/>.
/// </summary>
internal sealed class SimNode
{
    private readonly Dictionary<int, HashSet<HeldCopy>> _bySource = [];

    public SimNode(int index, NodeKind kind, PublicKeyId id, long capacityBytes)
    {
        Index = index;
        Kind = kind;
        Id = id;
        CapacityBytes = capacityBytes;
        Peer = new Peer(id, kind switch { NodeKind.Sensor => NodeRole.Sensor, NodeKind.Gateway => NodeRole.Destination, _ => NodeRole.Carrier });
    }

    public int Index { get; }

    public NodeKind Kind { get; }

    public PublicKeyId Id { get; }

    /// <summary>How peers see this node.</summary>
    public Peer Peer { get; }

    public Router Router { get; set; } = null!;

    public long CapacityBytes { get; }

    /// <summary>The bytes of the copies held (their sealed size on the wire).</summary>
    public long UsedBytes { get; private set; }

    public Dictionary<int, HeldCopy> Held { get; } = [];

    /// <summary>Held copies, the earliest stored first.</summary>
    public LinkedList<HeldCopy> Arrivals { get; } = new();

    public ReceiptBook Receipts { get; } = new();

    /// <summary>A sensor's ledger of its own bundles (policies with receipts).</summary>
    public ReceiptLedger? Ledger { get; set; }

    /// <summary>Bytes this node moved per contact session, averaged (MaxProp sizes its hop-count head start by it).</summary>
    public double MeanBytesPerSession { get; private set; }

    private int Sessions { get; set; }

    public int SourcesHeld => _bySource.Count;

    public IReadOnlyCollection<HeldCopy> HeldFrom(int source) =>
        _bySource.TryGetValue(source, out HashSet<HeldCopy>? copies) ? copies : [];

    public void Add(HeldCopy copy)
    {
        Held.Add(copy.Message.Id, copy);
        copy.Place = Arrivals.AddLast(copy);
        if (!_bySource.TryGetValue(copy.Message.Sensor, out HashSet<HeldCopy>? copies))
        {
            _bySource[copy.Message.Sensor] = copies = [];
        }

        copies.Add(copy);
        UsedBytes += copy.Message.WireBytes;
    }

    public void Remove(HeldCopy copy)
    {
        Held.Remove(copy.Message.Id);
        Arrivals.Remove(copy.Place!);
        HashSet<HeldCopy> copies = _bySource[copy.Message.Sensor];
        copies.Remove(copy);
        if (copies.Count == 0)
        {
            _bySource.Remove(copy.Message.Sensor);
        }

        UsedBytes -= copy.Message.WireBytes;
    }

    public void CountSession(long bytes)
    {
        Sessions++;
        MeanBytesPerSession += (bytes - MeanBytesPerSession) / Sessions;
    }
}
