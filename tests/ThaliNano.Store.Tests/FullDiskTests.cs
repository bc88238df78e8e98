using ThaliNano.Store.Tests.Simulation;
using static ThaliNano.Store.Tests.Simulation.RevisionRule;

namespace ThaliNano.Store.Tests;

/// <summary>
/// The store on a file system that runs out of space: writes refused (507) before the disk is full, or cut back when
/// the disk refuses them; closing and recovery that need no more space than there is; torn tails cut in place.
/// </summary>
public class FullDiskTests
{
    private static string Body(int i) => "{\"reading\":" + i + ",\"pad\":\"" + new string('x', 60) + "\"}";

    /// <summary>Writes single documents until the store refuses one; returns the acknowledged ones.</summary>
    private static Dictionary<string, string> FillUntilRefused(Database db, out InsufficientStorageException refusal)
    {
        var stored = new Dictionary<string, string>();
        for (int i = 0; i < 100_000; i++)
        {
            try
            {
                db.Put("r" + i, null, Utf8(Body(i)));
                stored["r" + i] = Body(i);
            }
            catch (InsufficientStorageException e)
            {
                refusal = e;
                return stored;
            }
        }

        throw new InvalidOperationException("the store never ran out of space");
    }

    private static Dictionary<string, string> Write(Database db, int count)
    {
        var stored = new Dictionary<string, string>();
        for (int i = 0; i < count; i++)
        {
            db.Put("r" + i, null, Utf8(Body(i)));
            stored["r" + i] = Body(i);
        }

        return stored;
    }

    /// <summary>Cuts power 40 bytes into the write of document "cut" and reboots keeping those bytes: a torn tail.</summary>
    private static void TearAWrite(StoreFixture f, Database db)
    {
        f.Flash.CutAfter(40);
        Assert.Throws<PowerCutException>(() => db.Put("cut", null, Utf8(Body(99))));
        f.Flash.Reboot(CutMode.KeepAll);
    }

    private static void AssertHolds(Database db, Dictionary<string, string> stored)
    {
        Assert.False(db.IsReadOnly);
        Assert.Equal(stored.Count, db.GetInfo().DocCount);
        foreach (var kv in stored)
        {
            Assert.Equal(kv.Value, Str(db.Get(kv.Key)!.Body));
        }
    }

    [Fact]
    public void AnAppendTheFlashRefusesIs507AndLeavesTheDatabaseHealthy()
    {
        // Free space unknown (as on the ESP32): the store finds out only when the flash refuses the append.
        using var f = new StoreFixture();
        Database db = f.Store.CreateDatabase("full");
        f.Flash.Capacity = f.Flash.BytesStored + 12_000;
        f.Flash.ReportsFreeSpace = false;
        var stored = FillUntilRefused(db, out var refusal);

        Assert.Contains("simulated flash full", refusal.Message);
        Assert.True(stored.Count > 20);
        long length = f.Flash.GetFileLength("full/log.1");
        Assert.Throws<InsufficientStorageException>(() => db.Put("more", null, Utf8(Body(0))));
        Assert.Equal(length, f.Flash.GetFileLength("full/log.1"));
        AssertHolds(db, stored);

        f.Flash.Capacity = long.MaxValue;
        db.Put("after", null, Utf8("{}"));
        stored["after"] = "{}";
        var store = f.Reopen();
        AssertHolds(store.OpenDatabase("full"), stored);
    }

    [Theory]
    [InlineData(false, "the disk would have less than the 24000 free bytes the store keeps")]
    [InlineData(true, "the store would exceed its limit of 20000 bytes for writes (40000 bytes, less 20000 kept for compaction)")]
    public void WritesStopAtTheReserveAndCompactionStillFits(bool storeLimit, string reason)
    {
        using var f = new StoreFixture();
        if (storeLimit)
        {
            f.Options.MaxStoreBytes = 40_000;
            f.Options.CompactionReserveBytes = 20_000;
        }
        else
        {
            f.Options.MinFreeBytes = 24_000;
            f.Flash.Capacity = 40_000;
        }

        var store = f.Reopen();
        Database db = store.CreateDatabase("reserve");
        var stored = FillUntilRefused(db, out var refusal);

        Assert.StartsWith(reason, refusal.Message);
        Assert.True(storeLimit ? store.UsedBytes <= 20_000 : f.Flash.AvailableBytes >= 24_000);
        AssertHolds(db, stored);

        // The reserve is what closing and compacting use: every document is live, so compaction needs room for all.
        store = f.Reopen();
        Assert.Equal(0, db.CheckpointsSkipped);
        db = store.OpenDatabase("reserve");
        CompactionResult r = db.Compact();
        Assert.Equal(stored.Count, r.RecordsCopied);
        AssertHolds(db, stored);
    }

    [Fact]
    public void ACompactionThatDoesNotFitIs507AndChangesNothing()
    {
        using var f = new StoreFixture();
        f.Flash.Capacity = 30_000;
        Database db = f.Store.CreateDatabase("tight");
        var stored = FillUntilRefused(db, out _);

        var e = Assert.Throws<InsufficientStorageException>(() => db.Compact());

        Assert.StartsWith("not enough free space to compact tight: its live data and index need more than the ", e.Message);
        Assert.Equal(["log.1"], f.Flash.ListFiles("tight").Where(n => n.StartsWith("log.", StringComparison.Ordinal)));
        Assert.Equal(["x.1"], f.Flash.ListDirectories("tight"));
        AssertHolds(db, stored);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ClosingOnAFullFlashDoesNotThrowAndTheNextOpenRecovers(bool reportsFreeSpace)
    {
        using var f = new StoreFixture();
        f.Flash.ReportsFreeSpace = reportsFreeSpace;
        f.Options.CheckpointBytes = 1 << 20;
        var store = f.Reopen();
        Database db = store.CreateDatabase("close");
        var stored = Write(db, 40);

        f.Flash.Capacity = f.Flash.BytesStored;
        store.Dispose();
        Assert.Equal(1, db.CheckpointsSkipped);

        // Knowing the free space, the checkpoint is skipped before a page is touched and the next open replays the log.
        // Not knowing it (the device: there the quota keeps the room), a page file the flash could not take is left
        // empty: derived data, which the next open rebuilds from the log in the room the old index freed.
        store = new DocumentStore(f.Flash, f.Options);
        db = store.OpenDatabase("close");
        Assert.Equal(reportsFreeSpace ? 0 : 1, db.IndexRebuilds);
        Assert.True(db.RecoveredBytes > 40 * 60, "replayed " + db.RecoveredBytes);
        AssertHolds(db, stored);
        store.Dispose();
    }

    [Fact]
    public void ATornTailIsCutInPlaceWithoutCopyingTheLog()
    {
        using var f = new StoreFixture();
        Database db = f.Store.CreateDatabase("torn");
        var stored = Write(db, 30);

        // A write cut by power loss (half a frame at the end of the log), then not a byte of room left.
        TearAWrite(f, db);
        long torn = f.Flash.GetFileLength("torn/log.1");
        f.Flash.Capacity = f.Flash.BytesStored;

        var store = new DocumentStore(f.Flash, f.Options);
        db = store.OpenDatabase("torn");
        Assert.Equal(1, f.Flash.Truncations);
        Assert.True(f.Flash.GetFileLength("torn/log.1") < torn);
        Assert.False(f.Flash.FileExists("torn/log.2"), "the log was copied to a new generation");
        Assert.Equal(0, db.IndexRebuilds);
        AssertHolds(db, stored);

        f.Flash.Capacity = long.MaxValue;
        db.Put("after", null, Utf8("{}"));
        store.Dispose();
    }

    [Fact]
    public void WithoutTruncationATornTailMovesToANewGeneration()
    {
        using var f = new StoreFixture();
        f.Flash.CanTruncate = false;
        Database db = f.Store.CreateDatabase("copy");
        db.Put("kept", null, Utf8(Body(1)));
        TearAWrite(f, db);

        var store = new DocumentStore(f.Flash, f.Options);
        db = store.OpenDatabase("copy");
        Assert.True(f.Flash.FileExists("copy/log.2"));
        Assert.Equal(Body(1), Str(db.Get("kept")!.Body));
        Assert.Null(db.Get("cut"));
        store.Dispose();
    }

    [Fact]
    public void RecordCheckpointsBoundTheReplayAfterACrash()
    {
        using var f = new StoreFixture();
        f.Options.CheckpointBytes = 1 << 20;
        f.Options.CheckpointRecords = 10;
        var store = f.Reopen();
        Database db = store.CreateDatabase("bounded");
        long checkpointed = 0;
        for (int i = 0; i < 25; i++)
        {
            db.Put("r" + i, null, Utf8(Body(i)));
            if (i == 19)
            {
                checkpointed = f.Flash.GetFileLength("bounded/log.1");
            }
        }

        long end = f.Flash.GetFileLength("bounded/log.1");
        store = f.Crash(CutMode.KeepAll);
        db = store.OpenDatabase("bounded");
        Assert.Equal(end - checkpointed, db.RecoveredBytes);
        Assert.Equal(25, db.GetInfo().DocCount);
        store.Dispose();
    }

    [Fact]
    public void LeafAndIdLimitsAreOptionsAndTheErrorsNameThem()
    {
        using var f = new StoreFixture();
        f.Options.MaxLeaves = 3;
        f.Options.MaxIdBytes = 10;
        var store = f.Reopen();
        Database db = store.CreateDatabase("limits");
        for (int i = 0; i < 3; i++)
        {
            db.PutReplicated("doc", 1, ["a" + i], false, Utf8("{}"));
        }

        var leaves = Assert.Throws<ArgumentException>(() => db.PutReplicated("doc", 1, ["a3"], false, Utf8("{}")));
        Assert.Equal("document doc would have 4 leaf revisions (branches), more than this hub's limit of 3 (MaxLeaves)", leaves.Message);
        Assert.Equal(3, db.Get("doc", null, ReadOptions.Conflicts)!.Conflicts!.Length + 1);

        db.Put("0123456789", null, Utf8("{}"));
        var id = Assert.Throws<ArgumentException>(() => db.Put("0123456789a", null, Utf8("{}")));
        Assert.Equal("Document id is 11 bytes of UTF-8, longer than this hub's limit of 10 bytes (MaxIdBytes)", id.Message);
        Assert.Throws<ArgumentException>(() => db.PutLocal("_local/xxxxx", null, Utf8("{}")));
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(1, 0, 0)]
    [InlineData(0, 1, 0)]
    [InlineData(0, 0, 1)]
    public void OptionsOutsideTheirRangesAreRefused(int leaves, int idBytes, int reserveOverLimit)
    {
        var o = new StoreOptions { MaxStoreBytes = 1000, CompactionReserveBytes = reserveOverLimit == 0 ? 100 : 1000 };
        o.MaxLeaves = leaves == 0 ? 128 : ThaliNano.Store.Revisions.RevisionTree.MaxLeaves + 1;
        o.MaxIdBytes = idBytes == 0 ? 1000 : 1001;
        if (leaves + idBytes + reserveOverLimit == 0)
        {
            new DocumentStore(new SimulatedFlash(), o).Dispose();
            return;
        }

        Assert.Throws<ArgumentException>(() => new DocumentStore(new SimulatedFlash(), o));
    }
}
