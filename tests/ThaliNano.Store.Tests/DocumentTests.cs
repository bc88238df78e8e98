using ThaliNano.Store.Tests.Simulation;
using static ThaliNano.Store.Tests.Simulation.RevisionRule;

namespace ThaliNano.Store.Tests;

public class DocumentTests
{
    [Fact]
    public void NewEditsComputeTheDocumentedRevisionAndReadBack()
    {
        using var f = new StoreFixture();
        Database db = f.Store.CreateDatabase("readings");
        byte[] body = Utf8("{\"t\":21.5}");
        string rev1 = db.Put("a", null, body);
        Assert.Equal(Compute(null, false, body), rev1);

        byte[] body2 = Utf8("{\"t\":22}");
        string rev2 = db.Put("a", rev1, body2);
        Assert.Equal(Compute(rev1, false, body2), rev2);

        Document doc = db.Get("a", null, ReadOptions.Revisions)!;
        Assert.Equal(rev2, doc.Rev);
        Assert.Equal("{\"t\":22}", Str(doc.Body));
        Assert.False(doc.Deleted);
        Assert.Equal(2, doc.RevisionsStart);
        Assert.Equal(new[] { Hash(rev2), Hash(rev1) }, doc.RevisionIds);
        Assert.Null(db.Get("a", rev1, ReadOptions.None));
        Assert.Null(db.Get("missing"));
    }

    [Fact]
    public void StaleOrMissingRevisionsConflict()
    {
        using var f = new StoreFixture();
        Database db = f.Store.CreateDatabase("db");
        string rev1 = db.Put("a", null, Utf8("{}"));
        db.Put("a", rev1, Utf8("{\"x\":1}"));
        Assert.Throws<DocumentConflictException>(() => db.Put("a", rev1, Utf8("{\"x\":2}")));
        Assert.Throws<DocumentConflictException>(() => db.Put("a", null, Utf8("{\"x\":2}")));
        Assert.Throws<DocumentConflictException>(() => db.Put("b", "1-0123456789abcdef0123456789abcdef", Utf8("{}")));
        Assert.Throws<ArgumentException>(() => db.Put("_bad", null, Utf8("{}")));
        Assert.Throws<ArgumentException>(() => db.Put("a", "nonsense", Utf8("{}")));
    }

    [Fact]
    public void DeleteLeavesATombstoneThatCanBeRecreated()
    {
        using var f = new StoreFixture();
        Database db = f.Store.CreateDatabase("db");
        string rev1 = db.Put("a", null, Utf8("{}"));
        string tomb = db.Delete("a", rev1);
        Assert.Equal(Compute(rev1, true, Utf8("{}")), tomb);
        Document doc = db.Get("a")!;
        Assert.True(doc.Deleted);
        Assert.Equal(tomb, doc.Rev);
        DatabaseInfo info = db.GetInfo();
        Assert.Equal(0, info.DocCount);
        Assert.Equal(1, info.DeletedDocCount);

        string again = db.Put("a", null, Utf8("{\"back\":true}"));
        Assert.Equal(Compute(tomb, false, Utf8("{\"back\":true}")), again);
        Assert.Equal(1, db.GetInfo().DocCount);
    }

    [Fact]
    public void ReplicatedWritesMergeIdempotentlyAndConflictsFollowTheWinnerRule()
    {
        using var f = new StoreFixture();
        Database db = f.Store.CreateDatabase("db");
        string h1 = new string('1', 32), h2a = new string('a', 32), h2b = new string('b', 32), h3 = new string('3', 32);
        db.PutReplicated("d", 2, new[] { h2a, h1 }, false, Utf8("{\"side\":\"a\"}"));
        db.PutReplicated("d", 2, new[] { h2a, h1 }, false, Utf8("{\"side\":\"a\"}"));
        Assert.Equal(1, db.GetInfo().UpdateSeq);

        db.PutReplicated("d", 2, new[] { h2b, h1 }, false, Utf8("{\"side\":\"b\"}"));
        Document doc = db.Get("d", null, ReadOptions.Conflicts)!;
        Assert.Equal(Winner(new[] { ("2-" + h2a, false), ("2-" + h2b, false) }), doc.Rev);
        Assert.Equal("2-" + h2b, doc.Rev);
        Assert.Equal(new[] { "2-" + h2a }, doc.Conflicts);

        // A deleted branch loses to a live one even when it is longer.
        db.PutReplicated("d", 3, new[] { h3, h2b }, true, Utf8("{}"));
        doc = db.Get("d", null, ReadOptions.Conflicts | ReadOptions.DeletedConflicts)!;
        Assert.Equal("2-" + h2a, doc.Rev);
        Assert.Empty(doc.Conflicts);
        Assert.Equal(new[] { "3-" + h3 }, doc.DeletedConflicts);

        // Every leaf deleted: the document is deleted, the winner is the highest deleted leaf.
        string t = db.Delete("d", "2-" + h2a);
        Assert.True(db.Get("d")!.Deleted);
        Assert.Equal(Winner(new[] { (t, true), ("3-" + h3, true) }), db.Get("d")!.Rev);
    }

    [Fact]
    public void OpenRevsLatestAndRevsDiff()
    {
        using var f = new StoreFixture();
        Database db = f.Store.CreateDatabase("db");
        string r1 = db.Put("a", null, Utf8("{\"n\":1}"));
        string r2 = db.Put("a", r1, Utf8("{\"n\":2}"));
        string other = "2-" + new string('f', 32);
        db.PutReplicated("a", 2, new[] { Hash(other), Hash(r1) }, false, Utf8("{\"n\":3}"));

        OpenRevision[] all = db.GetOpenRevs("a", null, false, ReadOptions.None);
        Assert.Equal(new[] { other, r2 }.OrderBy(x => x), all.Select(a => a.Document.Rev).OrderBy(x => x));

        OpenRevision[] latest = db.GetOpenRevs("a", new[] { r1 }, true, ReadOptions.Revisions);
        Assert.Equal(2, latest.Length);
        Assert.All(latest, l => Assert.Equal(Hash(r1), l.Document.RevisionIds[1]));

        OpenRevision[] exact = db.GetOpenRevs("a", new[] { r1, r2, "9-" + new string('9', 32) }, false, ReadOptions.None);
        Assert.Equal(r1, exact[0].MissingRev);
        Assert.Equal(r2, exact[1].Document.Rev);
        Assert.Equal("9-" + new string('9', 32), exact[2].MissingRev);

        string unknown = "3-" + new string('c', 32);
        Assert.Equal(new[] { unknown }, db.RevsDiff("a", new[] { r1, r2, unknown, unknown }));
        Assert.Equal(new[] { r1 }, db.RevsDiff("nope", new[] { r1 }));
    }

    [Fact]
    public void RevsLimitStemsHistory()
    {
        using var f = new StoreFixture();
        Database db = f.Store.CreateDatabase("db", new DatabaseOptions { RevsLimit = 3 });
        string rev = db.Put("a", null, Utf8("{\"i\":0}"));
        for (int i = 1; i < 10; i++)
        {
            rev = db.Put("a", rev, Utf8("{\"i\":" + i + "}"));
        }

        Document doc = db.Get("a", null, ReadOptions.Revisions)!;
        Assert.Equal(10, doc.RevisionsStart);
        Assert.Equal(3, doc.RevisionIds.Length);
        f.Reopen();
        Assert.Equal(3, f.Store.OpenDatabase("db").Get("a", null, ReadOptions.Revisions)!.RevisionIds.Length);
    }

    [Fact]
    public void LastWriterWinsKeepsTheNewestTimestampAndConverges()
    {
        var options = new DatabaseOptions { ConflictPolicy = ConflictPolicy.LastWriterWins, TimestampField = "ts" };
        using var left = new StoreFixture();
        using var right = new StoreFixture(2);
        Database a = left.Store.CreateDatabase("db", options);
        Database b = right.Store.CreateDatabase("db", options);
        string root = new string('1', 32), older = new string('e', 32), newer = new string('2', 32);
        byte[] oldBody = Utf8("{\"ts\":100,\"v\":\"old\"}"), newBody = Utf8("{\"ts\":200,\"v\":\"new\"}");

        // The two replicas receive the same conflicting branches in opposite orders.
        a.PutReplicated("d", 2, new[] { older, root }, false, oldBody);
        a.PutReplicated("d", 2, new[] { newer, root }, false, newBody);
        b.PutReplicated("d", 2, new[] { newer, root }, false, newBody);
        b.PutReplicated("d", 2, new[] { older, root }, false, oldBody);

        foreach (Database db in new[] { a, b })
        {
            Document doc = db.Get("d", null, ReadOptions.Conflicts)!;
            Assert.Equal("2-" + newer, doc.Rev);
            Assert.Equal("{\"ts\":200,\"v\":\"new\"}", Str(doc.Body));
            Assert.Empty(doc.Conflicts);
        }

        string[] leavesA = a.GetOpenRevs("d", null, false, ReadOptions.None).Select(r => r.Document.Rev).OrderBy(x => x).ToArray();
        string[] leavesB = b.GetOpenRevs("d", null, false, ReadOptions.None).Select(r => r.Document.Rev).OrderBy(x => x).ToArray();
        Assert.Equal(leavesA, leavesB);
        Assert.Contains(Compute("2-" + older, true, Array.Empty<byte>()), leavesA);
    }

    [Theory]
    [InlineData("{\"ts\":7.9,\"v\":1}", "{\"v\":2}", 0)]
    [InlineData("{\"a\":{\"ts\":99},\"ts\":5}", "{\"ts\":6}", 1)]
    [InlineData("{\"t\\u0073\":9}", "{\"ts\":\"10\"}", 0)]
    public void LastWriterWinsReadsTopLevelNumbersOnly(string first, string second, int expectedWinner)
    {
        using var f = new StoreFixture();
        Database db = f.Store.CreateDatabase("db", new DatabaseOptions { ConflictPolicy = ConflictPolicy.LastWriterWins, TimestampField = "ts" });
        string root = new string('1', 32);
        string[] leaves = [new string('a', 32), new string('b', 32)];
        db.PutReplicated("d", 2, new[] { leaves[0], root }, false, Utf8(first));
        db.PutReplicated("d", 2, new[] { leaves[1], root }, false, Utf8(second));
        Document doc = db.Get("d", null, ReadOptions.Conflicts)!;
        Assert.Equal("2-" + leaves[expectedWinner], doc.Rev);
        Assert.Empty(doc.Conflicts);
    }

    [Fact]
    public void GroupCommitSyncsOnceAndReportsPerWriteErrors()
    {
        using var f = new StoreFixture();
        Database db = f.Store.CreateDatabase("db");
        string r = db.Put("x", null, Utf8("{}"));
        long syncs = f.Flash.SyncCount;
        var batch = new WriteBatch();
        for (int i = 0; i < 10; i++)
        {
            batch.Put("doc" + i, null, Utf8("{\"i\":" + i + "}"), false);
        }

        batch.Put("x", "1-" + new string('0', 32), Utf8("{}"), false);
        batch.Put("doc3", Compute(null, false, Utf8("{\"i\":3}")), Utf8("{\"i\":33}"), false);
        WriteResult[] results = db.Commit(batch);
        Assert.Equal(1, f.Flash.SyncCount - syncs);
        Assert.Equal(12, results.Length);
        Assert.IsType<DocumentConflictException>(results[10].Error);
        Assert.True(results[11].Ok);
        Assert.Equal("{\"i\":33}", Str(db.Get("doc3")!.Body));
        Assert.Equal(11, db.GetInfo().DocCount);
        Assert.Equal(r, db.Get("x")!.Rev);
    }
}
