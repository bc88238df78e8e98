using ThaliNano.Identity;
using ThaliNano.Mesh.Bundles;
using ThaliNano.Mesh.Contact;
using ThaliNano.Mesh.Receipts;
using ThaliNano.Mesh.Routing;
using ThaliNano.Mesh.Sealing;
using ThaliNano.Mesh.Source;

namespace ThaliNano.Mesh.Tests.Source;

/// <summary>The state record in memory; counts saves and can be made to fail.</summary>
public sealed class MemoryStateStore : IMeshStateStore
{
    public byte[]? Record { get; set; }

    public int Saves { get; private set; }

    public bool Fail { get; set; }

    /// <summary>Runs at the start of each save.</summary>
    public Action? BeforeSave { get; set; }

    public byte[]? Load() => Record is null ? null : (byte[])Record.Clone();

    public void Save(byte[] state)
    {
        BeforeSave?.Invoke();
        if (Fail)
        {
            throw new IOException("flash full");
        }

        Record = (byte[])state.Clone();
        Saves++;
    }
}

/// <summary>A virtual clock.</summary>
public sealed class ManualClock(long now) : IMeshClock
{
    public long Now { get; set; } = now;
}

/// <summary>Collects offered bundles; refuses once <see cref="Capacity"/> are taken. Records the saves seen at each add.</summary>
public sealed class RecordingSink(MemoryStateStore state, int capacity = int.MaxValue) : IBundleSink
{
    public List<byte[]> Bundles { get; } = new();

    public List<int> SavesAtAdd { get; } = new();

    public int Capacity { get; set; } = capacity;

    public bool Add(byte[] bundle)
    {
        if (Bundles.Count >= Capacity)
        {
            return false;
        }

        Bundles.Add(bundle);
        SavesAtAdd.Add(state.Saves);
        return true;
    }

    public BundleHeader Header(int i)
    {
        Assert.Equal(BundleRejection.None, BundleHeader.TryParse(Bundles[i], 65536, out BundleHeader header));
        return header;
    }

    public IEnumerable<BundleHeader> Headers() => Bundles.Select((_, i) => Header(i));
}

/// <summary>A sensor's SourceNode over <see cref="MeshFixture"/>'s store, and the destination's side of its key.</summary>
public sealed class SourceFixture : IDisposable
{
    public SourceFixture(SourceOptions? options = null)
    {
        Options = options ?? new SourceOptions();
        DestinationKey = new SealKey(Mesh.Secret, MeshFixture.Source, MeshFixture.Destination);
    }

    public MeshFixture Mesh { get; } = new();

    public MemoryStateStore State { get; } = new();

    public ManualClock Clock { get; } = new(MeshFixture.Now);

    public SourceOptions Options { get; }

    public SealKey DestinationKey { get; }

    public static Peer Carrier(byte seed = 3) => new(MeshFixture.Id(seed), NodeRole.Carrier);

    public static Peer Destination { get; } = new(MeshFixture.Destination, NodeRole.Destination);

    public SourceNode Node() => new(Mesh.Store, Mesh.SourceKey, new SeededRandom(11), State, Clock, Options);

    public RecordingSink Sink(int capacity = int.MaxValue) => new(State, capacity);

    /// <summary>Offers to a peer with an empty summary and returns what it got.</summary>
    public RecordingSink Offer(SourceNode node, Peer peer, ContactSummary? summary = null, int capacity = int.MaxValue)
    {
        RecordingSink sink = Sink(capacity);
        node.Offer(peer, summary ?? new ContactSummary(), sink);
        return sink;
    }

    public OpenedBundle Open(byte[] bundle)
    {
        Assert.Equal(BundleRejection.None, Mesh.Opener().Open(bundle, Clock.Now, out OpenedBundle opened));
        return opened;
    }

    /// <summary>A receipt from the destination for these creation sequences.</summary>
    public byte[] Receipt(params long[] creationSequences)
    {
        var set = new RangeSet(RangeSet.MaxRangesLimit);
        foreach (long sequence in creationSequences)
        {
            set.Add(sequence);
        }

        return ThaliNano.Mesh.Receipts.Receipt.Issue(DestinationKey, set, Clock.Now);
    }

    public bool Exists(string id) => Mesh.Database.Get(id) is not null;

    public void Dispose() => Mesh.Dispose();
}
