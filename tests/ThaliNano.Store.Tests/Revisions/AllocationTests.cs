using ThaliNano.Store.Revisions;
using Xunit.Abstractions;

namespace ThaliNano.Store.Tests.Revisions;

/// <summary>
/// Bytes allocated on the managed heap (64-bit .NET; nanoFramework's layout differs, but the count of objects and the
/// array payloads carry over) for the hub's hot path: read a one-leaf document's tree, edit it, stem, write it back.
/// </summary>
public sealed class AllocationTests(ITestOutputHelper output)
{
    private const int Revisions = 10;
    private static readonly byte[] s_body = System.Text.Encoding.UTF8.GetBytes("{\"t\":21.5,\"h\":40}");

    [Fact]
    public void DecodeEditStemEncodeOfATenRevisionDocumentAllocatesLittle()
    {
        var tree = new RevisionTree();
        Revision leaf = tree.AddEdit(false, s_body, 0, s_body.Length);
        for (int i = 1; i < Revisions; i++)
        {
            leaf = tree.AddEdit(leaf, true, false, s_body, 0, s_body.Length - i);
        }

        byte[] stored = RevisionTreeTests.Encode(tree);
        byte[] buffer = new byte[stored.Length + 32];
        Cycle(stored, buffer); // warm up: JIT, static hasher

        long start = GC.GetAllocatedBytesForCurrentThread();
        RevisionTree decoded = RevisionTree.Decode(stored, 0, stored.Length);
        long afterDecode = GC.GetAllocatedBytesForCurrentThread();
        Revision edited = decoded.AddEdit(leaf, true, false, s_body, 0, s_body.Length);
        long afterEdit = GC.GetAllocatedBytesForCurrentThread();
        decoded.Stem(Revisions);
        long afterStem = GC.GetAllocatedBytesForCurrentThread();
        decoded.Encode(buffer, 0);
        long end = GC.GetAllocatedBytesForCurrentThread();

        output.WriteLine($"encoded tree: {stored.Length} bytes for {Revisions} revisions");
        output.WriteLine($"Decode {afterDecode - start} B, AddEdit {afterEdit - afterDecode} B, Stem {afterStem - afterEdit} B, Encode {end - afterStem} B, total {end - start} B");
        output.WriteLine($"a node object per revision (class with int, byte[16], parent ref, bool) would take {NodeObjectBytes()} B for the nodes alone");

        Assert.Equal(Revisions, decoded.NodeCount);
        Assert.Equal(edited, decoded.Winner);
        Assert.Equal(0, end - afterEdit); // stemming a one-leaf tree and encoding into a buffer allocate nothing
        Assert.True(afterEdit - afterDecode <= 64, $"AddEdit allocated {afterEdit - afterDecode} bytes: more than the new revision");
        Assert.True(end - start <= 600, $"{end - start} bytes allocated");
    }

    private static void Cycle(byte[] stored, byte[] buffer)
    {
        RevisionTree t = RevisionTree.Decode(stored, 0, stored.Length);
        t.AddEdit(t.Winner, true, false, s_body, 0, 1);
        t.Stem(Revisions);
        t.Encode(buffer, 0);
    }

    private sealed class Node
    {
        public int Generation;
        public byte[] Hash = new byte[16];
        public Node? Parent;
        public bool Deleted;
    }

    private static long NodeObjectBytes()
    {
        var keep = new Node[Revisions];
        long start = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Revisions; i++)
        {
            keep[i] = new Node { Generation = i + 1, Parent = i > 0 ? keep[i - 1] : null, Deleted = false };
        }

        long bytes = GC.GetAllocatedBytesForCurrentThread() - start;
        GC.KeepAlive(keep);
        return bytes;
    }
}
