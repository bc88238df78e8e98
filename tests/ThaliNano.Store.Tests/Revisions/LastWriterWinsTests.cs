using CsCheck;
using ThaliNano.Store.Revisions;
using static ThaliNano.Store.Tests.Revisions.Scenarios;

namespace ThaliNano.Store.Tests.Revisions;

public sealed class LastWriterWinsTests
{
    private static Revision R(string text) => Revision.Parse(text);

    /// <summary>Leaves in order: 3-e, 3-c, 2-a, 4-b (deleted), 2-d (deleted).</summary>
    private static RevisionTree FiveLeaves()
    {
        var tree = new RevisionTree();
        tree.Merge(Revs("2-a", "1-r"), false);
        tree.Merge(Revs("4-b", "3-x", "2-x", "1-r"), true);
        tree.Merge(Revs("3-c", "2-c", "1-r"), false);
        tree.Merge(Revs("2-d", "1-r"), true);
        tree.Merge(Revs("3-e", "2-e", "1-r"), false);
        Assert.Equal(R("3-e"), tree.GetLeaf(0));
        Assert.Equal(R("4-b"), tree.GetLeaf(3));
        return tree;
    }

    [Fact]
    public void NewestLiveLeafWinsAndDeletedLeavesAreIgnored()
    {
        RevisionTree tree = FiveLeaves();

        Assert.Equal(2, tree.PickLastWriterWinsLeaf(new long[] { 10, 20, 30, 99, 99 }));
        Assert.Equal(1, tree.PickLastWriterWinsLeaf(new long[] { 10, 31, 30, 0, 0 }));
    }

    [Fact]
    public void TiesGoToTheCouchDbOrderAndMissingTimestampsLose()
    {
        RevisionTree tree = FiveLeaves();

        Assert.Equal(1, tree.PickLastWriterWinsLeaf(new long[] { 5, 7, 7, 0, 0 }));
        Assert.Equal(0, tree.PickLastWriterWinsLeaf(new long[] { 7, 7, 7, 0, 0 }));
        Assert.Equal(2, tree.PickLastWriterWinsLeaf(new long[] { RevisionTree.NoTimestamp, RevisionTree.NoTimestamp, -5, 0, 0 }));
        Assert.Equal(0, tree.PickLastWriterWinsLeaf(new long[] { RevisionTree.NoTimestamp, RevisionTree.NoTimestamp, RevisionTree.NoTimestamp, 0, 0 }));
    }

    [Fact]
    public void PickNeedsOneTimestampPerLeaf()
    {
        RevisionTree tree = FiveLeaves();

        Assert.Throws<ArgumentException>(() => tree.PickLastWriterWinsLeaf(new long[4]));
        Assert.Throws<ArgumentException>(() => tree.PickLastWriterWinsLeaf(null!));
        Assert.Equal(-1, new RevisionTree().PickLastWriterWinsLeaf(Array.Empty<long>()));
    }

    [Fact]
    public void AllDeletedLeavesLeaveTheCouchDbWinner()
    {
        var tree = new RevisionTree();
        tree.Merge(Revs("2-a", "1-r"), true);
        tree.Merge(Revs("2-b", "1-r"), true);

        Assert.Equal(0, tree.PickLastWriterWinsLeaf(new long[] { 1, 2 }));
        Assert.Empty(tree.ResolveLastWriterWins(new long[] { 1, 2 }));
        Assert.Equal(3, tree.NodeCount);
    }

    [Fact]
    public void ResolveTombstonesEveryOtherLiveLeafWithComputedRevisions()
    {
        RevisionTree tree = FiveLeaves();

        Revision[] tombstones = tree.ResolveLastWriterWins(new long[] { 10, 20, 30, 99, 99 });

        byte[] empty = Array.Empty<byte>();
        Assert.Equal(new[] { Revision.Compute(R("3-e"), true, empty, 0, 0), Revision.Compute(R("3-c"), true, empty, 0, 0) }, tombstones);
        Assert.Equal(R("2-a"), tree.Winner);
        Assert.Empty(tree.GetConflicts());
        Assert.Equal(new[] { tombstones[0], tombstones[1], R("4-b"), R("2-d") }.OrderByDescending(r => r, Comparer<Revision>.Create(Revision.Compare)), tree.GetDeletedConflicts());
        Assert.All(tombstones, t => Assert.True(tree.IsLeaf(t) && tree.IsRevisionDeleted(t)));
        Assert.Empty(tree.ResolveLastWriterWins(new long[tree.LeafCount]));
    }

    /// <summary>
    /// Two replicas each see part of a document's history, resolve by last-writer-wins, replicate both ways and resolve
    /// again: they end with identical trees and at most one live leaf. Edits are stamped later than their parent (the
    /// documented rule for callers); without deletions by users the survivor is the newest live leaf of all they saw.
    /// </summary>
    [Fact]
    public void ReplicasThatResolveIndependentlyConverge()
    {
        Gen.Select(Choices, Gen.Bool).Sample((choices, userDeletes) =>
        {
            var next = new ChoiceReader(choices);
            var universe = new Universe(next);
            int size = 2 + next.Below(16);
            for (int i = 0; i < size; i++)
            {
                universe.Grow();
            }

            var stamps = new Dictionary<Revision, long>();
            var a = new RevisionTree();
            var b = new RevisionTree();
            var all = new RevisionTree();
            for (int node = 0; node < universe.Count; node++)
            {
                int parent = universe.Parent(node);
                Revision rev = R(universe.Rev(node));
                long step = next.Below(6);
                stamps[rev] = parent < 0 ? step * 7 : stamps[R(universe.Rev(parent))] + 1 + step;
                bool deleted = userDeletes && universe.Deleted(node);
                Revision[] path = Revs(universe.Path(node));
                all.Merge(path, deleted);
                int where = next.Below(3);
                if (where != 1)
                {
                    a.Merge(path, deleted);
                }

                if (where != 0)
                {
                    b.Merge(path, deleted);
                }
            }

            Resolve(a, stamps);
            Resolve(b, stamps);
            Replicate(a, b);
            Replicate(b, a);
            Resolve(a, stamps);
            Resolve(b, stamps);

            Assert.Equal(Describe(a), Describe(b));
            int live = Enumerable.Range(0, a.LeafCount).Count(k => !a.IsLeafDeleted(k));
            Assert.True(live <= 1, $"{live} live leaves");
            if (!userDeletes)
            {
                Assert.Equal(1, live);
                Assert.Equal(all.GetLeaf(all.PickLastWriterWinsLeaf(Timestamps(all, stamps))), a.Winner);
            }
        }, iter: 500);
    }

    private static void Resolve(RevisionTree tree, Dictionary<Revision, long> stamps) =>
        tree.ResolveLastWriterWins(Timestamps(tree, stamps));

    /// <summary>What the bodies carry: the stamp of each universe revision; resolution tombstones have none.</summary>
    private static long[] Timestamps(RevisionTree tree, Dictionary<Revision, long> stamps) =>
        Enumerable.Range(0, tree.LeafCount)
            .Select(k => stamps.TryGetValue(tree.GetLeaf(k), out long t) ? t : RevisionTree.NoTimestamp).ToArray();

    private static void Replicate(RevisionTree source, RevisionTree target)
    {
        for (int k = 0; k < source.LeafCount; k++)
        {
            target.Merge(source.GetHistory(source.GetLeaf(k), 1000), source.IsLeafDeleted(k));
        }
    }

    /// <summary>Revisions, leaves marked with their deleted flag (an inner revision's flag is only known where it was a leaf).</summary>
    private static string Describe(RevisionTree tree) =>
        string.Join(",", tree.GetRevisions().Select(r => r + (tree.IsLeaf(r) ? (tree.IsRevisionDeleted(r) ? "!" : "*") : "")).Order());
}
