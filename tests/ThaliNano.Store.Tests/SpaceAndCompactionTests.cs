using ThaliNano.Store.Tests.Simulation;
using static ThaliNano.Store.Tests.Simulation.RevisionRule;

namespace ThaliNano.Store.Tests;

public class SpaceAndCompactionTests
{
    private static List<(long Seq, string Id, bool Deleted, string Revs)> Changes(Database db, long since = 0)
    {
        var rows = new List<(long, string, bool, string)>();
        ChangesCursor feed = db.GetChanges(since, 0);
        while (feed.MoveNext())
        {
            rows.Add((feed.Current.Seq, feed.Current.Id, feed.Current.Deleted, string.Join(",", feed.Current.Revs)));
        }

        return rows;
    }

    [Fact]
    public void QuotaRefusesWritesWithoutHarmingStoredData()
    {
        using var f = new StoreFixture();
        Database db = f.Store.CreateDatabase("small", new DatabaseOptions { QuotaBytes = 4096 });
        var stored = new Dictionary<string, string>();
        InsufficientStorageException? full = null;
        for (int i = 0; i < 200 && full == null; i++)
        {
            string body = "{\"reading\":" + i + ",\"pad\":\"" + new string('x', 40) + "\"}";
            try
            {
                db.Put("r" + i, null, Utf8(body));
                stored["r" + i] = body;
            }
            catch (InsufficientStorageException e)
            {
                full = e;
            }
        }

        Assert.NotNull(full);
        Assert.Contains("quota", full!.Message);
        Assert.True(db.GetInfo().SizeOnFlash <= 4096);
        Assert.Equal(stored.Count, db.GetInfo().DocCount);

        // Purge is allowed when full, and compaction gives the space back.
        foreach (string id in stored.Keys.Take(stored.Count / 2).ToList())
        {
            db.Purge(id, null);
            stored.Remove(id);
        }

        db.Compact();
        db.Put("after", null, Utf8("{}"));
        stored["after"] = "{}";
        f.Reopen();
        db = f.Store.OpenDatabase("small");
        foreach (var kv in stored)
        {
            Assert.Equal(kv.Value, Str(db.Get(kv.Key)!.Body));
        }
    }

    [Fact]
    public void StoreLimitAppliesAcrossDatabases()
    {
        using var f = new StoreFixture(maxStoreBytes: 8192);
        Database a = f.Store.CreateDatabase("a");
        Database b = f.Store.CreateDatabase("b");
        Assert.Throws<InsufficientStorageException>(() =>
        {
            for (int i = 0; i < 1000; i++)
            {
                (i % 2 == 0 ? a : b).Put("d" + i, null, Utf8("{\"pad\":\"" + new string('y', 60) + "\"}"));
            }
        });
        Assert.True(f.Store.UsedBytes <= 8192);
        Assert.Throws<InsufficientStorageException>(() => f.Store.CreateDatabase("c"));
    }

    [Fact]
    public void CompactionReclaimsSpaceKeepsReadsAndSeqs()
    {
        using var f = new StoreFixture();
        Database db = f.Store.CreateDatabase("c");
        for (int round = 0; round < 5; round++)
        {
            for (int i = 0; i < 40; i++)
            {
                Document? old = db.Get("d" + i);
                db.Put("d" + i, old?.Rev, Utf8("{\"round\":" + round + ",\"i\":" + i + "}"));
            }
        }

        db.Delete("d3", db.Get("d3")!.Rev);
        db.PutReplicated("d4", 9, new[] { new string('9', 32) }, false, Utf8("{\"conflict\":true}"));
        db.PutLocal("_local/x", null, Utf8("{\"l\":1}"));
        db.Purge("d5", null);

        var before = Changes(db);
        var docsBefore = Enumerable.Range(0, 40).Select(i => db.GetOpenRevs("d" + i, null, false, ReadOptions.Revisions)
            .Select(o => o.Document.Rev + Str(o.Document.Body) + string.Join("", o.Document.RevisionIds)).OrderBy(x => x).ToArray()).ToArray();
        DatabaseInfo infoBefore = db.GetInfo();
        long sizeBefore = infoBefore.SizeOnFlash;

        CompactionResult result = db.Compact();
        Assert.True(result.SizeAfter < sizeBefore / 2, $"compaction kept {result.SizeAfter} of {sizeBefore} bytes");
        Assert.Equal(Changes(db), before);
        Assert.Equal(infoBefore.UpdateSeq, db.GetInfo().UpdateSeq);
        Assert.Equal(infoBefore.DocCount, db.GetInfo().DocCount);
        Assert.Equal(infoBefore.DeletedDocCount, db.GetInfo().DeletedDocCount);
        for (int i = 0; i < 40; i++)
        {
            Assert.Equal(docsBefore[i], db.GetOpenRevs("d" + i, null, false, ReadOptions.Revisions)
                .Select(o => o.Document.Rev + Str(o.Document.Body) + string.Join("", o.Document.RevisionIds)).OrderBy(x => x).ToArray());
        }

        Assert.Equal("{\"l\":1}", Str(db.GetLocal("_local/x")!.Body));
        Assert.Equal(Changes(db, before[10].Seq), before.Skip(11).ToList());

        // New writes continue after the highest seq ever given, even after a reopen.
        f.Reopen();
        db = f.Store.OpenDatabase("c");
        db.Put("new", null, Utf8("{}"));
        Assert.Equal(infoBefore.UpdateSeq + 1, db.GetInfo().UpdateSeq);
    }

    [Fact]
    public void CompactionDropsTombstonesPastTheirRetention()
    {
        using var f = new StoreFixture();
        Database db = f.Store.CreateDatabase("t", new DatabaseOptions { TombstoneRetentionSeconds = 3600 });
        string r = db.Put("old", null, Utf8("{}"));
        db.Delete("old", r);
        f.Clock.UtcSeconds += 7200;
        string r2 = db.Put("young", null, Utf8("{}"));
        db.Delete("young", r2);
        CompactionResult result = db.Compact();
        Assert.Equal(1, result.TombstonesDropped);
        Assert.Null(db.Get("old"));
        Assert.True(db.Get("young")!.Deleted);
        Assert.Equal(new[] { "young" }, Changes(db).Select(c => c.Id));
    }

    [Fact]
    public void CompactionIsCrashSafeAtEveryStep()
    {
        // Cut power at every event of a compaction in turn: the database always opens with the same content.
        using var f = new StoreFixture();
        Database db = f.Store.CreateDatabase("x");
        for (int i = 0; i < 30; i++)
        {
            Document? old = db.Get("d" + (i % 10));
            db.Put("d" + (i % 10), old?.Rev, Utf8("{\"i\":" + i + "}"));
        }

        var expected = Changes(db);
        f.Store.Dispose();
        SimulatedFlash baseline = f.Flash.Clone(0);
        int step = 0;
        while (true)
        {
            SimulatedFlash flash = baseline.Clone(step);
            var store = new DocumentStore(flash, new StoreOptions { Clock = f.Clock });
            Database d = store.OpenDatabase("x");
            flash.CutAfter(step);
            bool finished;
            try
            {
                d.Compact();
                finished = true;
            }
            catch (PowerCutException)
            {
                finished = false;
            }

            flash.Disarm();
            if (!finished)
            {
                flash.Reboot((CutMode)(step % 3));
            }

            var reopened = new DocumentStore(flash, new StoreOptions { Clock = f.Clock }).OpenDatabase("x");
            Assert.Equal(expected, Changes(reopened));
            Assert.Single(flash.FilePaths, p => p.Contains("/log."));
            if (finished)
            {
                break;
            }

            step += 1 + step / 50;
        }

        Assert.True(step > 10);
    }

    [Fact]
    public void PurgeRemovesDocumentsOrLeavesDurably()
    {
        using var f = new StoreFixture();
        Database db = f.Store.CreateDatabase("p");
        string a = db.Put("a", null, Utf8("{}"));
        string other = "1-" + new string('e', 32);
        db.PutReplicated("a", 1, new[] { Hash(other) }, false, Utf8("{\"other\":1}"));
        db.Put("b", null, Utf8("{}"));
        long seqBefore = db.GetInfo().UpdateSeq;

        Assert.Equal(new[] { other }, db.Purge("a", new[] { other, "7-" + new string('7', 32) }));
        Assert.Equal(new[] { a }, db.GetOpenRevs("a", null, false, ReadOptions.None).Select(o => o.Document.Rev));
        Assert.Equal(new[] { other }, db.RevsDiff("a", new[] { other }));
        Assert.Equal(new[] { "b" }, db.Purge("b", null).Select(_ => "b"));
        Assert.Null(db.Get("b"));
        Assert.Empty(db.Purge("b", null));

        f.Crash();
        db = f.Store.OpenDatabase("p");
        Assert.Null(db.Get("b"));
        Assert.Equal(new[] { "a" }, Changes(db).Select(c => c.Id));
        Assert.True(db.GetInfo().UpdateSeq > seqBefore);
        Assert.Equal(1, db.GetInfo().DocCount);
    }
}
