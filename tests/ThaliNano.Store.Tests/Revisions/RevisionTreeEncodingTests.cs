using CsCheck;
using ThaliNano.Store.Revisions;
using static ThaliNano.Store.Tests.Revisions.Scenarios;

namespace ThaliNano.Store.Tests.Revisions;

public sealed class RevisionTreeEncodingTests
{
    private const string H = "00112233445566778899aabbccddeeff";
    private static readonly byte[] s_hashBytes = Convert.FromHexString(H);

    private static byte[] Encode(RevisionTree tree) => RevisionTreeTests.Encode(tree);

    private static RevisionTree Decode(byte[] bytes) => RevisionTree.Decode(bytes, 0, bytes.Length);

    [Fact]
    public void LayoutIsVersionCountThenHeadGenerationAndIdPerRevision()
    {
        var tree = new RevisionTree();
        tree.Merge(Revs("2-" + H, "1-a"), true);

        // 01 version, 02 revisions; 1-a: head (root, raw id) 02, generation 01, id length 01, 'a';
        // 2-H: head (parent 1 back << 2 | deleted) 05, 16 hash bytes.
        byte[] expected = [0x01, 0x02, 0x02, 0x01, 0x01, (byte)'a', 0x05, .. s_hashBytes];
        Assert.Equal(expected, Encode(tree));
        Assert.Equal(expected.Length, tree.GetEncodedLength());
    }

    [Fact]
    public void GenerationsAndDistancesAreVarints()
    {
        var tree = new RevisionTree();
        tree.Merge(Revs("300-" + H), false);
        Assert.Equal([0x01, 0x01, 0x00, 0xAC, 0x02, .. s_hashBytes], Encode(tree));

        var branches = new RevisionTree();
        branches.Merge(Revs("2-b", "1-a"), false);
        branches.Merge(Revs("2-c", "1-a"), false);
        // 2-c's parent is two revisions back: head (2 << 2) | raw = 0x0A.
        Assert.Equal([0x01, 0x03, 0x02, 0x01, 0x01, (byte)'a', 0x06, 0x01, (byte)'b', 0x0A, 0x01, (byte)'c'], Encode(branches));
    }

    [Fact]
    public void EmptyTreeIsTwoBytes()
    {
        Assert.Equal([0x01, 0x00], Encode(new RevisionTree()));
        Assert.True(Decode([0x01, 0x00]).IsEmpty);
    }

    [Fact]
    public void EncodeChecksTheDestination()
    {
        var tree = new RevisionTree();
        tree.Merge(Revs("1-a"), false);

        Assert.Throws<ArgumentOutOfRangeException>(() => tree.Encode(new byte[5], 1));
        Assert.Throws<ArgumentNullException>(() => tree.Encode(null!, 0));
        byte[] roomy = new byte[10];
        tree.Encode(roomy, 4);
        Assert.Equal([0x01, 0x01, 0x02, 0x01, 0x01, (byte)'a'], roomy[4..]);
    }

    [Fact]
    public void DecodeReadsInsideALargerArray()
    {
        var tree = new RevisionTree();
        tree.Merge(Revs("3-c", "2-" + H), true);
        byte[] bytes = Encode(tree);
        byte[] framed = [0xEE, 0xEE, .. bytes, 0xEE];

        RevisionTree decoded = RevisionTree.Decode(framed, 2, bytes.Length);

        Assert.Equal(tree.GetRevisions(), decoded.GetRevisions());
        Assert.True(decoded.IsDeleted);
        Assert.Throws<ArgumentNullException>(() => RevisionTree.Decode(null!, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => RevisionTree.Decode(bytes, 1, bytes.Length));
        Assert.Throws<ArgumentOutOfRangeException>(() => RevisionTree.Decode(bytes, -1, 1));
    }

    public static TheoryData<string, byte[]> CorruptInputs() => new()
    {
        { "no data", [] },
        { "unknown format version 2", [0x02, 0x00] },
        { "truncated", [0x01] },
        { "truncated", [0x01, 0x80] },
        { "number not in shortest form", [0x01, 0x80, 0x00] },
        { "more than 1024 revisions", [0x01, 0x81, 0x08] },
        { "parent of revision 0 out of range", [0x01, 0x01, 0x04, .. s_hashBytes] },
        { "parent of revision 1 out of range", [0x01, 0x02, 0x00, 0x01, .. s_hashBytes, 0x08, .. s_hashBytes] },
        { "generation 0", [0x01, 0x01, 0x00, 0x00, .. s_hashBytes] },
        { "number too large", [0x01, 0x01, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, .. s_hashBytes] },
        { "number too large", [0x01, 0x01, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01] },
        { "generation overflow", [0x01, 0x02, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, .. s_hashBytes, 0x04, .. s_hashBytes] },
        { "truncated", [0x01, 0x01, 0x00, 0x01, .. s_hashBytes[..15]] },
        { "revision id length 0", [0x01, 0x01, 0x02, 0x01, 0x00] },
        { "revision id length 65", [0x01, 0x01, 0x02, 0x01, 65, .. new byte[65]] },
        { "truncated", [0x01, 0x01, 0x02, 0x01, 0x03, (byte)'a', (byte)'b'] },
        { "revision id character out of range", [0x01, 0x01, 0x02, 0x01, 0x02, (byte)'a', (byte)'-'] },
        { "32-hex revision id stored as text", [0x01, 0x01, 0x02, 0x01, 0x20, .. System.Text.Encoding.ASCII.GetBytes(H)] },
        { "1 bytes after the last revision", [0x01, 0x01, 0x00, 0x01, .. s_hashBytes, 0x00] },
        { "unknown format version 129", [0x01 | 0x80, 0x00] },
    };

    [Theory]
    [MemberData(nameof(CorruptInputs))]
    public void CorruptInputIsRejectedWithItsReason(string reason, byte[] bytes)
    {
        var e = Assert.Throws<CorruptRevisionTreeException>(() => Decode(bytes));
        Assert.Equal("corrupt revision tree: " + reason, e.Message);
    }

    [Fact]
    public void MoreLeavesThanTheLimitAreCorrupt()
    {
        int roots = RevisionTree.MaxLeaves + 1;
        var bytes = new List<byte> { 0x01, (byte)(0x80 | (roots & 0x7F)), (byte)(roots >> 7) }; // varint root count
        for (int i = 0; i < RevisionTree.MaxLeaves + 1; i++)
        {
            bytes.AddRange([0x00, 0x01, .. s_hashBytes[..14], (byte)(i >> 8), (byte)i]);
        }

        var e = Assert.Throws<CorruptRevisionTreeException>(() => Decode(bytes.ToArray()));
        Assert.Equal($"corrupt revision tree: more than {RevisionTree.MaxLeaves} leaves", e.Message);
    }

    /// <summary>Random trees from random replication and edit sequences survive Encode/Decode unchanged.</summary>
    [Fact]
    public void RoundTripKeepsEverything()
    {
        RandomTrees.Sample(tree =>
        {
            byte[] bytes = Encode(tree);
            RevisionTree copy = Decode(bytes);

            Assert.Equal(tree.GetRevisions(), copy.GetRevisions());
            Assert.Equal(Snapshot(tree), Snapshot(copy));
            Assert.Equal(bytes, Encode(copy));
        }, iter: 500);
    }

    /// <summary>Flipped, dropped, inserted bytes and truncations: Decode succeeds or throws CorruptRevisionTreeException.</summary>
    [Fact]
    public void DamagedBytesOnlyEverRaiseTheDocumentedException()
    {
        Gen<(RevisionTree, uint[])> input = Gen.Select(RandomTrees, Gen.UInt.Array[1, 4]);
        input.Sample((tree, damage) =>
        {
            var bytes = new List<byte>(Encode(tree));
            foreach (uint d in damage)
            {
                int at = bytes.Count == 0 ? 0 : (int)(d >> 3) % bytes.Count;
                switch (d % 5)
                {
                    case 0: if (bytes.Count > 0) bytes[at] ^= (byte)(1 << (int)((d >> 16) % 8)); break;
                    case 1: if (bytes.Count > 0) bytes[at] = (byte)(d >> 20); break;
                    case 2: if (bytes.Count > 0) bytes.RemoveAt(at); break;
                    case 3: bytes.Insert(at, (byte)(d >> 20)); break;
                    default: bytes.RemoveRange(at, bytes.Count - at); break;
                }
            }

            RevisionTree decoded;
            try
            {
                decoded = Decode(bytes.ToArray());
            }
            catch (CorruptRevisionTreeException)
            {
                return;
            }

            // What decodes is a usable tree.
            _ = Snapshot(decoded);
            Assert.Equal(Snapshot(decoded), Snapshot(Decode(Encode(decoded))));
            decoded.Stem(2);
            decoded.AddEdit(decoded.Winner, !decoded.IsEmpty, false, [1], 0, 1);
        }, iter: 3000);
    }

    /// <summary>Trees built by replicated merges (with stemming) followed by interactive edits and deletions.</summary>
    internal static Gen<RevisionTree> RandomTrees { get; } = Gen.Select(MergeCases, Choices).Select((c, edits) =>
    {
        var tree = new RevisionTree();
        Apply(tree, c);
        var next = new ChoiceReader(edits);
        int count = next.Below(5);
        for (int i = 0; i < count; i++)
        {
            byte[] body = [(byte)i, (byte)next.Below(256)];
            if (tree.IsEmpty || next.Below(4) == 0)
            {
                if (tree.IsEmpty || tree.IsDeleted)
                {
                    tree.AddEdit(next.Below(3) == 0, body, 0, body.Length);
                }

                continue;
            }

            Revision leaf = tree.GetLeaf(next.Below(tree.LeafCount));
            tree.AddEdit(leaf, true, next.Below(3) == 0, body, 0, body.Length);
        }

        return tree;
    });

    internal static string Snapshot(RevisionTree tree)
    {
        var lines = new List<string>
        {
            $"winner {tree.Winner} deleted {tree.IsDeleted}",
            "leaves " + string.Join(",", Enumerable.Range(0, tree.LeafCount).Select(k => tree.GetLeaf(k) + (tree.IsLeafDeleted(k) ? "!" : ""))),
            "conflicts " + string.Join(",", tree.GetConflicts()),
            "deleted conflicts " + string.Join(",", tree.GetDeletedConflicts()),
        };
        foreach (Revision r in tree.GetRevisions())
        {
            lines.Add($"{r} deleted {tree.IsRevisionDeleted(r)} history {string.Join(",", tree.GetHistory(r, 2000))} latest {string.Join(",", tree.GetLatest(r))}");
        }

        return string.Join("\n", lines);
    }
}
