using ThaliNano.Store.Tests.Simulation;
using static ThaliNano.Store.Tests.Simulation.RevisionRule;

namespace ThaliNano.Store.Tests;

/// <summary>
/// A database's caches: index pages hold their entries rather than whole pages, in one cache for both tables; and
/// <see cref="Database.ReleaseCaches"/> and the idle variant the device calls periodically: a released database holds no
/// index page nor read buffer, reads and writes as before, and loses nothing acknowledged to a power cut at any point.
/// </summary>
public class CacheReleaseTests
{
    private const int Documents = 300;

    // The most the log's read buffers take here, besides the index pages: records of these documents are under 100 bytes.
    private const int LogBuffers = 256;

    [Fact]
    public void ASmallDatabaseCachesItsEntriesNotWholePages()
    {
        using var f = new StoreFixture();
        Database db = f.Store.CreateDatabase("small");
        Dictionary<string, string> revs = Write(db, 0, 10);
        AssertHolds(db, revs);

        // A hash page of 10 entries and a seq page of 1, each rounded up to 64-byte steps (whole pages: 2 KB).
        Assert.InRange(db.CacheBytes, 128, LogBuffers + 256);
    }

    [Fact]
    public void HashAndSeqPagesShareOneCacheOfTheConfiguredSize()
    {
        using var f = new StoreFixture();
        f.Options.IndexCachePages = 2;
        Database db = f.Reopen().CreateDatabase("shared");
        Dictionary<string, string> revs = Write(db, 0, Documents);

        Assert.InRange(db.CacheBytes, 1, LogBuffers + 2 * 1024);
        AssertHolds(db, revs);
        Assert.Equal(Documents, Changes(db).Count);
        db = f.Crash().OpenDatabase("shared");
        AssertHolds(db, revs);
        Assert.Equal(Enumerable.Range(0, Documents).Select(i => "doc-" + i), Changes(db));
        Assert.InRange(db.CacheBytes, 1, LogBuffers + 2 * 1024);
    }

    [Fact]
    public void AReleasedDatabaseHoldsNothingAndReadsAndWritesAsBefore()
    {
        using var f = new StoreFixture();
        Database db = f.Store.CreateDatabase("quiet");
        Dictionary<string, string> revs = Write(db, 0, Documents);
        Assert.True(db.CacheBytes > 2048);

        db.ReleaseCaches();

        Assert.Equal(0, db.CacheBytes);
        AssertHolds(db, revs);
        Assert.Equal(Documents, Changes(db).Count);
        foreach (var (id, rev) in Write(db, Documents, 20))
        {
            revs[id] = rev;
        }

        string updated = db.Put("doc-7", revs["doc-7"], Utf8("{\"v\":\"again\"}"));
        revs["doc-7"] = updated;
        AssertHolds(db, revs);
        Assert.Equal(Documents + 20, db.GetInfo().DocCount);
        Assert.Equal(Documents + 21, db.GetInfo().UpdateSeq);
    }

    [Fact]
    public void DirtyPagesAreCheckpointedByTheReleaseSoTheNextOpenReplaysNothing()
    {
        using var f = new StoreFixture();
        f.Options.CheckpointBytes = 1 << 20;
        Database db = f.Reopen().CreateDatabase("dirty");
        Dictionary<string, string> revs = Write(db, 0, Documents);
        long written = f.Flash.BytesWritten;

        db.ReleaseCaches();

        Assert.True(f.Flash.BytesWritten > written);
        Assert.Equal(0, db.CacheBytes);
        db = f.Crash().OpenDatabase("dirty");
        Assert.Equal(0, db.RecoveredBytes);
        Assert.Equal(0, db.IndexRebuilds);
        AssertHolds(db, revs);
    }

    [Fact]
    public void APowerCutAnywhereInAReleaseLosesNothingAcknowledged()
    {
        int cuts = 0;
        for (long events = 0; ; events += events < 40 ? 1 : 97)
        {
            using var f = new StoreFixture(seed: (int)events);
            f.Options.CheckpointBytes = 1 << 20;
            f.Options.IndexCachePages = 2;
            Database db = f.Reopen().CreateDatabase("cut");
            Dictionary<string, string> revs = Write(db, 0, Documents);

            f.Flash.CutAfter(events);
            bool finished = true;
            try
            {
                db.ReleaseCaches();
            }
            catch (PowerCutException)
            {
                finished = false;
                cuts++;
            }

            db = f.Crash(CutMode.RandomPrefix).OpenDatabase("cut");
            AssertHolds(db, revs);
            Assert.Equal(Documents, Changes(db).Count);
            if (finished)
            {
                break;
            }
        }

        Assert.True(cuts > 40, cuts + " cuts");
    }

    [Fact]
    public void OnAFullDiskTheReleaseSkipsItsCheckpointAndKeepsTheDirtyPages()
    {
        using var f = new StoreFixture();
        f.Options.CheckpointBytes = 1 << 20;
        Database db = f.Reopen().CreateDatabase("full");
        Dictionary<string, string> revs = Write(db, 0, 40);
        int cached = db.CacheBytes;
        f.Flash.Capacity = f.Flash.BytesStored;

        db.ReleaseCaches();

        Assert.Equal(1, db.CheckpointsSkipped);
        Assert.InRange(db.CacheBytes, 1, cached);
        AssertHolds(db, revs);
        f.Flash.Capacity = long.MaxValue;
        db = f.Crash().OpenDatabase("full");
        AssertHolds(db, revs);
    }

    [Fact]
    public void TryReleaseCachesReportsAFailedCheckpointAndTheDatabaseReopensWithEverythingAcknowledged()
    {
        using var f = new StoreFixture();
        Database db = f.Store.CreateDatabase("rare");
        Dictionary<string, string> revs = Write(db, 0, 20);

        f.Flash.SyncsFail = true;
        Assert.False(db.TryReleaseCaches());
        f.Flash.SyncsFail = false;

        AssertHolds(db, revs);
        Assert.True(db.TryReleaseCaches());
        Assert.Equal(0, db.CacheBytes);
        AssertHolds(db, revs);
        AssertHolds(f.Crash().OpenDatabase("rare"), revs);
    }

    [Fact]
    public void OnlyADatabaseUnusedSinceThePreviousCallReleases()
    {
        using var f = new StoreFixture();
        Database busy = f.Store.CreateDatabase("busy");
        Database idle = f.Store.CreateDatabase("idle");
        Write(busy, 0, 10);
        Write(idle, 0, 10);

        Assert.Equal(0, f.Store.ReleaseIdleCaches());
        busy.Get("doc-1");
        idle.GetInfo(); // counters only: not a use that keeps the caches
        Assert.Equal(1, f.Store.ReleaseIdleCaches());

        Assert.True(busy.CacheBytes > 0);
        Assert.Equal(0, idle.CacheBytes);
        Assert.True(busy.ReleaseCachesIfIdle());
        Assert.Equal(0, busy.CacheBytes);
    }

    [Fact]
    public void AFullyCheckpointedReleaseClosesTheFilesKeepsTheCountersAndReopensOnTheNextUse()
    {
        using var f = new StoreFixture();
        Database db = f.Store.CreateDatabase("dormant");
        Dictionary<string, string> revs = Write(db, 0, 50);
        db.PutLocal("_local/cp", null, Utf8("{}"));
        DatabaseInfo before = db.GetInfo();
        long used = f.Store.UsedBytes;

        db.ReleaseCaches();

        // Counters answer without the files: a log made unreadable is not noticed until the next real use.
        DatabaseInfo info = db.GetInfo();
        Assert.Equal((before.DocCount, before.LocalDocCount, before.UpdateSeq, before.SizeOnFlash), (info.DocCount, info.LocalDocCount, info.UpdateSeq, info.SizeOnFlash));
        Assert.Equal(used, f.Store.UsedBytes);
        byte[] log = f.Flash.ReadAllBytes("dormant/log.1");
        f.Flash.Corrupt("dormant/log.1", 0, (byte)(log[0] ^ 0xFF));
        Assert.Equal(before.UpdateSeq, db.GetInfo().UpdateSeq);
        Assert.ThrowsAny<StoreException>(() => db.Get("doc-1"));
        f.Flash.Corrupt("dormant/log.1", 0, log[0]);

        AssertHolds(db, revs);
        Assert.Equal(0, db.RecoveredBytes);
        Assert.Equal(0, db.IndexRebuilds);
        Assert.Equal("0-1", db.GetLocal("_local/cp")!.Rev);
        foreach (var (id, rev) in Write(db, 50, 5))
        {
            revs[id] = rev;
        }

        Assert.Equal(55, db.GetInfo().DocCount);
        AssertHolds(f.Reopen().OpenDatabase("dormant"), revs);
    }

    [Fact]
    public void AChangesFeedReadsOnAcrossAReleaseThatClosedTheFiles()
    {
        using var f = new StoreFixture();
        Database db = f.Store.CreateDatabase("feed");
        Write(db, 0, 30);
        ChangesCursor feed = db.GetChanges(0, 0);
        var ids = new List<string>();
        for (int i = 0; i < 10 && feed.MoveNext(); i++)
        {
            ids.Add(feed.Current.Id);
        }

        db.ReleaseCaches();
        Assert.Equal(0, db.CacheBytes);
        while (feed.MoveNext())
        {
            ids.Add(feed.Current.Id);
        }

        Assert.Equal(Enumerable.Range(0, 30).Select(i => "doc-" + i), ids);
        Assert.Equal(30, feed.LastSeq);
    }

    [Fact]
    public void ADatabaseFoundCorruptKeepsItsFilesAndItsReportAcrossARelease()
    {
        using var f = new StoreFixture();
        Database db = f.Store.CreateDatabase("damaged");
        Dictionary<string, string> revs = Write(db, 0, 10);
        byte[] log = f.Flash.ReadAllBytes("damaged/log.1");
        f.Flash.Corrupt("damaged/log.1", 40, (byte)(log[40] ^ 0xFF));
        Assert.ThrowsAny<StoreException>(() => db.Get("doc-0"));
        Assert.True(db.IsReadOnly);

        db.ReleaseCaches();

        Assert.Equal(0, db.CacheBytes);
        Assert.True(db.IsReadOnly);
        Assert.NotNull(db.GetInfo().Corruption);
        Assert.Throws<StoreCorruptedException>(() => db.Put("new", null, Utf8("{}")));
        revs.Remove("doc-0");
        AssertHolds(db, revs);
    }

    [Fact]
    public void TheStoreReleasesEveryOpenDatabaseUsedOrNot()
    {
        using var f = new StoreFixture();
        Database a = f.Store.CreateDatabase("a");
        Database b = f.Store.CreateDatabase("b");
        Dictionary<string, string> revs = Write(a, 0, 10);
        Write(b, 0, 10);

        f.Store.ReleaseCaches();

        Assert.Equal(0, a.CacheBytes);
        Assert.Equal(0, b.CacheBytes);
        AssertHolds(a, revs);
    }

    [Fact]
    public void AClosedDatabaseIgnoresARelease()
    {
        using var f = new StoreFixture();
        Database db = f.Store.CreateDatabase("closed");
        Dictionary<string, string> revs = Write(db, 0, 10);
        db.Dispose();

        db.ReleaseCaches();

        AssertHolds(f.Store.OpenDatabase("closed"), revs);
    }

    private static Dictionary<string, string> Write(Database db, int from, int count)
    {
        var revs = new Dictionary<string, string>();
        for (int start = from; start < from + count; start += 25)
        {
            var batch = new WriteBatch();
            int end = Math.Min(from + count, start + 25);
            for (int i = start; i < end; i++)
            {
                batch.Put("doc-" + i, null, Utf8("{\"v\":" + i + "}"), false);
            }

            WriteResult[] results = db.Commit(batch);
            for (int i = start; i < end; i++)
            {
                revs["doc-" + i] = results[i - start].Rev;
            }
        }

        return revs;
    }

    private static void AssertHolds(Database db, Dictionary<string, string> revs)
    {
        foreach (var (id, rev) in revs)
        {
            Document? doc = db.Get(id);
            Assert.True(doc != null, id + " is missing");
            Assert.Equal(rev, doc.Rev);
        }
    }

    private static List<string> Changes(Database db)
    {
        var ids = new List<string>();
        ChangesCursor feed = db.GetChanges(0, 0);
        while (feed.MoveNext())
        {
            ids.Add(feed.Current.Id);
        }

        return ids;
    }
}
