using System.Text;
using ThaliNano.Store.Revisions;
using static ThaliNano.Store.Tests.Revisions.Scenarios;

namespace ThaliNano.Store.Tests.Revisions;

/// <summary>The rules of the replication brief ("Revision semantics") and of CouchDB's couch_key_tree.</summary>
public sealed class RevisionTreeTests
{
    private static readonly byte[] s_body = Encoding.UTF8.GetBytes("{\"t\":1}");

    private static Revision R(string text) => Revision.Parse(text);

    private static RevisionTree Merged(params string[][] paths)
    {
        var tree = new RevisionTree();
        foreach (string[] path in paths)
        {
            bool deleted = path[0].EndsWith('!');
            string[] revs = path.Select(p => p.TrimEnd('!')).ToArray();
            Assert.True(tree.Merge(Revs(revs), deleted));
        }

        return tree;
    }

    private static string[] P(params string[] revs) => revs;

    private static string[] Texts(Revision[] revs) => revs.Select(r => r.ToString()).ToArray();

    private static string[] Leaves(RevisionTree tree) =>
        Enumerable.Range(0, tree.LeafCount).Select(k => tree.GetLeaf(k) + (tree.IsLeafDeleted(k) ? "!" : "")).ToArray();

    [Fact]
    public void EmptyTreeHasNoWinner()
    {
        var tree = new RevisionTree();

        Assert.True(tree.IsEmpty);
        Assert.True(tree.Winner.IsNone);
        Assert.False(tree.IsDeleted);
        Assert.Equal(0, tree.LeafCount);
        Assert.Empty(tree.GetConflicts());
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.GetLeaf(0));
    }

    [Fact]
    public void FirstEditIsGenerationOneComputedFromTheBody()
    {
        var tree = new RevisionTree();

        Revision rev = tree.AddEdit(false, s_body, 0, s_body.Length);

        Assert.Equal(Revision.Compute(Revision.None, false, s_body, 0, s_body.Length), rev);
        Assert.Equal(1, rev.Generation);
        Assert.Equal(rev, tree.Winner);
        Assert.Equal(1, tree.LeafCount);
    }

    [Fact]
    public void EditOfTheLeafExtendsIt()
    {
        var tree = new RevisionTree();
        Revision first = tree.AddEdit(false, s_body, 0, s_body.Length);

        Revision second = tree.AddEdit(first, true, false, s_body, 0, 3);

        Assert.Equal(Revision.Compute(first, false, s_body, 0, 3), second);
        Assert.Equal(new[] { second.ToString() }, Leaves(tree));
        Assert.False(tree.IsLeaf(first));
        Assert.Equal(new[] { second, first }, tree.GetHistory(second, 10));
    }

    [Fact]
    public void EditOfANonLeafOrUnknownRevisionIsAConflict()
    {
        var tree = new RevisionTree();
        Revision first = tree.AddEdit(false, s_body, 0, s_body.Length);
        tree.AddEdit(first, true, false, s_body, 0, 3);

        Assert.Throws<RevisionConflictException>(() => tree.AddEdit(first, true, false, s_body, 0, 2));
        Assert.Throws<RevisionConflictException>(() => tree.AddEdit(R("2-abc"), true, false, s_body, 0, 2));
        Assert.Throws<RevisionConflictException>(() => tree.AddEdit(false, s_body, 0, 2));
        Assert.Throws<ArgumentException>(() => tree.AddEdit(Revision.None, true, false, s_body, 0, 2));
        Assert.Equal(2, tree.NodeCount);
    }

    [Fact]
    public void ConflictingLeavesCanEachBeEdited()
    {
        RevisionTree tree = Merged(P("2-b", "1-a"), P("2-c", "1-a"));

        Revision onB = tree.AddEdit(R("2-b"), true, false, s_body, 0, 1);

        Assert.Equal(new[] { onB.ToString(), "2-c" }, Leaves(tree));
    }

    [Fact]
    public void DeletingMakesTheDocumentDeletedAndRecreatingExtendsTheTombstone()
    {
        var tree = new RevisionTree();
        Revision first = tree.AddEdit(false, s_body, 0, s_body.Length);
        Revision tombstone = tree.AddEdit(first, true, true, Array.Empty<byte>(), 0, 0);
        Assert.True(tree.IsDeleted);
        Assert.Equal(tombstone, tree.Winner);

        // PUT without _rev on a deleted document: CouchDB and PouchDB make the new revision a child of the tombstone.
        Revision recreated = tree.AddEdit(false, s_body, 0, 2);

        Assert.Equal(3, recreated.Generation);
        Assert.Equal(Revision.Compute(tombstone, false, s_body, 0, 2), recreated);
        Assert.False(tree.IsDeleted);
        Assert.Equal(new[] { recreated, tombstone, first }, tree.GetHistory(recreated, 5));
        Assert.Equal(1, tree.LeafCount);
    }

    [Fact]
    public void EditOfADeletedLeafIsAllowed()
    {
        RevisionTree tree = Merged(P("2-b", "1-a"), P("2-c!", "1-a"));

        Revision child = tree.AddEdit(R("2-c"), true, false, s_body, 0, 1);

        Assert.Equal(new[] { child.ToString(), "2-b" }, Leaves(tree));
    }

    [Fact]
    public void LiveLeafBeatsDeletedLeafOfHigherGeneration()
    {
        RevisionTree tree = Merged(P("5-e!", "4-d", "3-c", "2-b", "1-a"), P("2-x", "1-a"));

        Assert.Equal(R("2-x"), tree.Winner);
        Assert.False(tree.IsDeleted);
        Assert.Empty(tree.GetConflicts());
        Assert.Equal(new[] { "5-e" }, Texts(tree.GetDeletedConflicts()));
    }

    [Fact]
    public void HigherGenerationWinsNumerically()
    {
        RevisionTree tree = Merged(P("9-z", "8-y"), P("10-a", "9-b"));

        Assert.Equal(R("10-a"), tree.Winner);
        Assert.Equal(new[] { "9-z" }, Texts(tree.GetConflicts()));
    }

    [Theory]
    [InlineData("2-b", "2-a", "2-b")]
    [InlineData("2-a", "2-B", "2-a")]
    [InlineData("2-ab", "2-a", "2-ab")]
    [InlineData("2-f0000000000000000000000000000000", "2-efffffffffffffffffffffffffffffff", "2-f0000000000000000000000000000000")]
    [InlineData("2-g", "2-ffffffffffffffffffffffffffffffff", "2-g")]
    public void SameGenerationIsDecidedByTheHashString(string one, string other, string winner)
    {
        Assert.Equal(R(winner), Merged(P(one, "1-r"), P(other, "1-r")).Winner);
        Assert.Equal(R(winner), Merged(P(other, "1-r"), P(one, "1-r")).Winner);
    }

    [Fact]
    public void AllLeavesDeletedMeansDeletedDocumentWithTheHighestTombstoneWinning()
    {
        RevisionTree tree = Merged(P("3-c!", "2-b", "1-a"), P("2-z!", "1-a"), P("3-d!", "2-b"));

        Assert.True(tree.IsDeleted);
        Assert.Equal(R("3-d"), tree.Winner);
        Assert.Empty(tree.GetConflicts());
        Assert.Equal(new[] { "3-c", "2-z" }, Texts(tree.GetDeletedConflicts()));
    }

    [Fact]
    public void LeavesAreOrderedWinnerFirstThenLiveThenDeletedEachDescending()
    {
        RevisionTree tree = Merged(
            P("2-a", "1-r"), P("4-b!", "3-x", "2-x", "1-r"), P("3-c", "2-c", "1-r"), P("2-d!", "1-r"), P("3-e", "2-e", "1-r"));

        Assert.Equal(new[] { "3-e", "3-c", "2-a", "4-b!", "2-d!" }, Leaves(tree));
        Assert.Equal(new[] { "3-c", "2-a" }, Texts(tree.GetConflicts()));
        Assert.Equal(new[] { "4-b", "2-d" }, Texts(tree.GetDeletedConflicts()));
        Assert.Equal(new[] { "3-e", "3-c", "2-a", "4-b", "2-d" }, Texts(tree.GetLeaves()));
        Assert.True(tree.IsLeafDeleted(3));
        Assert.False(tree.IsLeafDeleted(0));
    }

    [Fact]
    public void ReplicatedConflictKeepsBothBranches()
    {
        var tree = new RevisionTree();
        Revision first = tree.AddEdit(false, s_body, 0, s_body.Length);
        Revision local = tree.AddEdit(first, true, false, s_body, 0, 2);
        Revision remote = Revision.Compute(first, false, s_body, 0, 4);

        Assert.True(tree.Merge(new[] { remote, first }, false));

        Revision expectedWinner = Revision.Compare(local, remote) > 0 ? local : remote;
        Revision expectedConflict = expectedWinner == local ? remote : local;
        Assert.Equal(expectedWinner, tree.Winner);
        Assert.Equal(new[] { expectedConflict }, tree.GetConflicts());
        Assert.Equal(3, tree.NodeCount);
    }

    [Fact]
    public void MergingAPresentLeafIsANoOp()
    {
        RevisionTree tree = Merged(P("3-c", "2-b", "1-a"));
        byte[] before = Encode(tree);

        Assert.False(tree.Merge(Revs("3-c", "2-b", "1-a"), false));
        Assert.False(tree.Merge(Revs("3-c"), true));
        Assert.False(tree.Merge(Revs("2-b", "1-a"), true));

        Assert.Equal(before, Encode(tree));
        Assert.False(tree.IsDeleted);
    }

    [Fact]
    public void OverlappingPathExtendsTheBranch()
    {
        RevisionTree tree = Merged(P("2-b", "1-a"));

        Assert.True(tree.Merge(Revs("5-e", "4-d", "3-c", "2-b"), false));

        Assert.Equal(new[] { "5-e" }, Leaves(tree));
        Assert.Equal(new[] { "5-e", "4-d", "3-c", "2-b", "1-a" }, Texts(tree.GetHistory(R("5-e"), 100)));
    }

    [Fact]
    public void PathWithoutOverlapStartsANewRoot()
    {
        RevisionTree tree = Merged(P("2-b", "1-a"));

        Assert.True(tree.Merge(Revs("3-z", "2-y"), false));

        Assert.Equal(new[] { "3-z", "2-b" }, Leaves(tree));
        Assert.Equal(new[] { "3-z", "2-y" }, Texts(tree.GetHistory(R("3-z"), 100)));
        Assert.Equal(new[] { "2-b" }, Texts(tree.GetConflicts()));
    }

    [Fact]
    public void StemmedOldRevisionComesBackAsAConflictAsInCouchDb()
    {
        // A revision whose descendants were kept but which was itself stemmed is unknown again.
        RevisionTree tree = Merged(P("5-e", "4-d", "3-c", "2-b", "1-a"));
        tree.Stem(2);

        Assert.True(tree.Merge(Revs("3-c", "2-b"), false));

        Assert.Equal(new[] { "5-e", "3-c" }, Leaves(tree));
    }

    [Fact]
    public void MergeSetsTheLeafDeletedFlag()
    {
        RevisionTree tree = Merged(P("1-a"));

        Assert.True(tree.Merge(Revs("2-b", "1-a"), true));

        Assert.True(tree.IsDeleted);
        Assert.True(tree.IsRevisionDeleted(R("2-b")));
        Assert.False(tree.IsRevisionDeleted(R("1-a")));
        Assert.Equal(R("2-b"), tree.Winner);
    }

    [Fact]
    public void MergeRejectsHistoriesThatDoNotCountDown()
    {
        var tree = new RevisionTree();

        Assert.Throws<ArgumentException>(() => tree.Merge(Array.Empty<Revision>(), false));
        Assert.Throws<ArgumentException>(() => tree.Merge(null!, false));
        Assert.Throws<ArgumentException>(() => tree.Merge(Revs("3-c", "1-a"), false));
        Assert.Throws<ArgumentException>(() => tree.Merge(Revs("2-c", "3-a"), false));
        Assert.Throws<ArgumentException>(() => tree.Merge(new[] { R("2-b"), Revision.None }, false));
        Assert.True(tree.IsEmpty);
    }

    [Fact]
    public void MergeReattachesStemmedAncestorsAndStemTrimsThemAgain()
    {
        // couch_key_tree:merge extends a stemmed tree upwards when a longer history arrives.
        RevisionTree tree = Merged(P("3-c", "2-b", "1-a"));
        tree.Stem(2);
        Assert.Equal(new[] { "3-c", "2-b" }, Texts(tree.GetHistory(R("3-c"), 10)));

        Assert.True(tree.Merge(Revs("3-x", "2-b", "1-a"), false));

        Assert.Equal(new[] { "3-x", "2-b", "1-a" }, Texts(tree.GetHistory(R("3-x"), 10)));
        Assert.Equal(new[] { "3-c", "2-b", "1-a" }, Texts(tree.GetHistory(R("3-c"), 10)));
        tree.Stem(2);
        Assert.Equal(new[] { "2-b", "3-c", "3-x" }, Texts(tree.GetRevisions()));
    }

    [Fact]
    public void MergeJoinsTreesThatStemmingSplit()
    {
        RevisionTree tree = Merged(P("6-f", "5-e", "4-d", "3-c", "2-b", "1-a"), P("3-y", "2-b"));
        tree.Stem(2);
        Assert.Equal(new[] { "6-f", "5-e" }, Texts(tree.GetHistory(R("6-f"), 10)));
        Assert.Equal(new[] { "3-y", "2-b" }, Texts(tree.GetHistory(R("3-y"), 10)));

        Assert.True(tree.Merge(Revs("7-g", "6-f", "5-e", "4-d", "3-c", "2-b"), false));

        Assert.Equal(new[] { "7-g", "6-f", "5-e", "4-d", "3-c", "2-b" }, Texts(tree.GetHistory(R("7-g"), 10)));
        Assert.Equal(new[] { "7-g", "3-y" }, Leaves(tree));
        tree.Stem(3);
        Assert.Equal(new[] { "2-b", "3-y", "5-e", "6-f", "7-g" }, Texts(tree.GetRevisions()).Order());
    }

    [Fact]
    public void StemKeepsTheNewestRevisionsOfEachBranch()
    {
        RevisionTree tree = Merged(P("5-e", "4-d", "3-c", "2-b", "1-a"));

        tree.Stem(3);

        Assert.Equal(new[] { "3-c", "4-d", "5-e" }, Texts(tree.GetRevisions()));
        Assert.Equal(new[] { "5-e", "4-d", "3-c" }, Texts(tree.GetHistory(R("5-e"), 100)));
        Assert.False(tree.Contains(R("2-b")));
        tree.Stem(1);
        Assert.Equal(new[] { "5-e" }, Texts(tree.GetRevisions()));
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.Stem(0));
    }

    [Fact]
    public void StemSplitsATreeIntoSeveralRoots()
    {
        // 1-a - 2-b - 3-c1 - 4-d1 - 5-e1 - 6-f1
        //           \ 3-c2
        RevisionTree tree = Merged(P("6-f1", "5-e1", "4-d1", "3-c1", "2-b", "1-a"), P("3-c2", "2-b", "1-a"));

        tree.Stem(2);

        // Kept: what lies within 2 revisions of a leaf; 5-e1 loses its parent and becomes a root.
        Assert.Equal(new[] { "2-b", "3-c2", "5-e1", "6-f1" }, Texts(tree.GetRevisions()).Order());
        Assert.Equal(new[] { "6-f1", "5-e1" }, Texts(tree.GetHistory(R("6-f1"), 10)));
        Assert.Equal(new[] { "3-c2", "2-b" }, Texts(tree.GetHistory(R("3-c2"), 10)));
        Assert.Equal(new[] { "6-f1", "3-c2" }, Leaves(tree));
    }

    [Fact]
    public void StemKeepsARevisionNearOneLeafAttachedToItsOtherChildrenAsCouchDbDoes()
    {
        // couch_key_tree:stem keeps 4-d1 under 3-c because 3-c is within reach of leaf 4-d2;
        // pouchdb-merge would cut 4-d1 into a root of its own. The kept revisions are the same.
        RevisionTree tree = Merged(P("5-e1", "4-d1", "3-c", "2-b", "1-a"), P("4-d2", "3-c"));

        tree.Stem(2);

        Assert.Equal(new[] { "3-c", "4-d1", "4-d2", "5-e1" }, Texts(tree.GetRevisions()).Order());
        Assert.Equal(new[] { "5-e1", "4-d1", "3-c" }, Texts(tree.GetHistory(R("5-e1"), 10)));
    }

    [Fact]
    public void StemNeverRemovesLeaves()
    {
        RevisionTree tree = Merged(P("9-z", "8-y", "7-x"), P("8-q!", "7-x"), P("2-b", "1-a"));

        tree.Stem(1);

        Assert.Equal(new[] { "9-z", "2-b", "8-q!" }, Leaves(tree));
        Assert.Equal(3, tree.NodeCount);
    }

    [Fact]
    public void HistoryIsNewestFirstAndLimited()
    {
        RevisionTree tree = Merged(P("4-d", "3-c", "2-b", "1-a"), P("3-x", "2-b"));

        Assert.Equal(new[] { "4-d", "3-c" }, Texts(tree.GetHistory(R("4-d"), 2)));
        Assert.Equal(new[] { "3-x", "2-b", "1-a" }, Texts(tree.GetHistory(R("3-x"), 1000)));
        Assert.Equal(new[] { "2-b", "1-a" }, Texts(tree.GetHistory(R("2-b"), 1000)));
        Assert.Empty(tree.GetHistory(R("3-q"), 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => tree.GetHistory(R("4-d"), 0));
    }

    [Fact]
    public void LatestGivesTheLeavesBelowARevision()
    {
        RevisionTree tree = Merged(P("4-d", "3-c", "2-b", "1-a"), P("3-x!", "2-b"), P("2-y", "1-a"));

        Assert.Equal(new[] { "4-d" }, Texts(tree.GetLatest(R("4-d"))));
        Assert.Equal(new[] { "4-d" }, Texts(tree.GetLatest(R("3-c"))));
        Assert.Equal(new[] { "4-d", "3-x" }, Texts(tree.GetLatest(R("2-b"))));
        Assert.Equal(new[] { "4-d", "2-y", "3-x" }, Texts(tree.GetLatest(R("1-a"))));
        Assert.Equal(new[] { "3-x" }, Texts(tree.GetLatest(R("3-x"))));
        Assert.Empty(tree.GetLatest(R("9-q")));
    }

    [Fact]
    public void MissingRevisionsAreThoseNotInTheTree()
    {
        RevisionTree tree = Merged(P("3-c", "2-b", "1-a"));

        Revision[] missing = tree.FindMissing(Revs("3-c", "4-d", "1-a", "2-x", "4-d", "2-b"));

        Assert.Equal(new[] { "4-d", "2-x" }, Texts(missing));
        Assert.Empty(tree.FindMissing(Revs("2-b")));
        Assert.Equal(new[] { "1-a" }, Texts(new RevisionTree().FindMissing(Revs("1-a"))));
    }

    [Fact]
    public void PossibleAncestorsAreLeavesOlderThanAMissingRevision()
    {
        RevisionTree tree = Merged(P("3-c", "2-b", "1-a"), P("2-x!", "1-a"), P("5-q", "4-p"));

        Assert.Equal(new[] { "3-c", "2-x" }, Texts(tree.GetPossibleAncestors(Revs("4-z", "2-y"))));
        Assert.Equal(new[] { "5-q", "3-c", "2-x" }, Texts(tree.GetPossibleAncestors(Revs("6-n"))));
        Assert.Empty(tree.GetPossibleAncestors(Revs("2-n")));
    }

    [Fact]
    public void ContainsAndIsLeafKnowInnerRevisions()
    {
        RevisionTree tree = Merged(P("3-c", "2-b", "1-a"));

        Assert.True(tree.Contains(R("2-b")));
        Assert.False(tree.IsLeaf(R("2-b")));
        Assert.True(tree.IsLeaf(R("3-c")));
        Assert.False(tree.Contains(R("2-c")));
        Assert.False(tree.Contains(Revision.None));
    }

    [Fact]
    public void TooManyRevisionsAreRefusedWithoutChangingTheTree()
    {
        RevisionTree tree = Merged(P("2-b", "1-a"));
        string[] history = Enumerable.Range(0, RevisionTree.MaxNodes - 1).Select(i => $"{RevisionTree.MaxNodes - i}-n{i}").ToArray();
        byte[] before = Encode(tree);

        Assert.Throws<RevisionTreeLimitException>(() => tree.Merge(Revs(history), false));

        Assert.Equal(before, Encode(tree));
        Assert.True(tree.Merge(Revs(history[..^2]), false));
        Assert.Equal(RevisionTree.MaxNodes - 1, tree.NodeCount);
    }

    [Fact]
    public void TooManyLeavesAreRefused()
    {
        var tree = new RevisionTree();
        for (int i = 0; i < RevisionTree.MaxLeaves; i++)
        {
            Assert.True(tree.Merge(Revs($"2-b{i}", "1-a"), i % 2 == 0));
        }

        Assert.Throws<RevisionTreeLimitException>(() => tree.Merge(Revs("2-more", "1-a"), false));
        Assert.Throws<RevisionTreeLimitException>(() => tree.Merge(Revs("1-root"), false));
        Assert.True(tree.Merge(Revs("3-c", "2-b0"), false), "extending a leaf adds no leaf");
        Assert.Equal(RevisionTree.MaxLeaves, tree.LeafCount);
    }

    internal static byte[] Encode(RevisionTree tree)
    {
        byte[] bytes = new byte[tree.GetEncodedLength()];
        tree.Encode(bytes, 0);
        return bytes;
    }
}
