using ThaliNano.Store.Tests.Simulation;
using static ThaliNano.Store.Tests.Simulation.RevisionRule;

namespace ThaliNano.Store.Tests;

/// <summary>Damaged bytes anywhere are detected and reported (exception or read-only state), never served as data, never a crash.</summary>
public class CorruptionTests
{
    private const string Name = "corrupt-me";

    private static (SimulatedFlash Flash, Dictionary<string, string> Docs, string Local) Build(bool cleanClose)
    {
        var flash = new SimulatedFlash(7);
        var options = new StoreOptions { Clock = new FakeClock(), IndexCachePages = 2, CheckpointBytes = 300 };
        var store = new DocumentStore(flash, options);
        Database db = store.CreateDatabase(Name);
        var docs = new Dictionary<string, string>();
        for (int i = 0; i < 30; i++)
        {
            string id = "doc" + (i % 12);
            string body = "{\"i\":" + i + "}";
            Document? old = db.Get(id);
            db.Put(id, old?.Rev, Utf8(body));
            docs[id] = body;
        }

        db.PutLocal("_local/cp", null, Utf8("{\"seq\":30}"));
        if (cleanClose)
        {
            store.Dispose();
        }
        else
        {
            flash.CutAfter(0);
            Assert.Throws<PowerCutException>(() => flash.SyncAll());
            flash.Reboot(CutMode.KeepAll);
        }

        return (flash, docs, "{\"seq\":30}");
    }

    /// <summary>Reads everything; returns true when the data was served intact, false when corruption was reported.</summary>
    private static bool ReadAll(SimulatedFlash flash, Dictionary<string, string> docs, string local, out Database? opened)
    {
        opened = null;
        try
        {
            var store = new DocumentStore(flash, new StoreOptions { Clock = new FakeClock(), IndexCachePages = 2 });
            Database db = store.OpenDatabase(Name);
            opened = db;
            if (db.IsReadOnly)
            {
                Assert.NotNull(db.GetInfo().Corruption);
                return false;
            }

            foreach (var kv in docs)
            {
                Document? doc = db.Get(kv.Key);
                Assert.NotNull(doc);
                Assert.Equal(kv.Value, Str(doc!.Body));
            }

            ChangesCursor feed = db.GetChanges(0, 0);
            var ids = new List<string>();
            while (feed.MoveNext())
            {
                ids.Add(feed.Current.Id);
            }

            Assert.Equal(docs.Keys.OrderBy(x => x), ids.OrderBy(x => x));
            Assert.Equal(local, Str(db.GetLocal("_local/cp")!.Body));
            Assert.Equal(docs.Count, db.GetInfo().DocCount);
            return !db.IsReadOnly;
        }
        catch (StoreCorruptedException)
        {
            return false;
        }
        catch (UnsupportedFormatException)
        {
            return false;
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void FlippedBytesAnywhereAreDetected(bool cleanClose)
    {
        var (flash, docs, local) = Build(cleanClose);
        string[] files = flash.FilePaths.OrderBy(x => x).ToArray();
        var random = new Random(cleanClose ? 1 : 2);
        int reported = 0;
        for (int trial = 0; trial < 400; trial++)
        {
            SimulatedFlash copy = flash.Clone(trial);
            string file = files[random.Next(files.Length)];
            byte[] content = copy.ReadAllBytes(file);
            if (content.Length == 0)
            {
                continue;
            }

            int offset = random.Next(content.Length);
            copy.Corrupt(file, offset, (byte)(content[offset] ^ (1 + random.Next(255))));
            bool intact;
            Database? db;
            try
            {
                intact = ReadAll(copy, docs, local, out db);
            }
            catch (Exception e)
            {
                throw new Exception($"trial {trial}: flipping {file} at {offset} of {content.Length} raised {e.GetType().Name}: {e.Message}", e);
            }

            if (intact)
            {
                continue;
            }

            reported++;
            if (db != null && db.IsReadOnly)
            {
                // Salvage brings the database back to a writable state, keeping every sound record.
                CompactionResult salvage = db.Compact();
                Assert.True(salvage.Salvaged);
                Assert.False(db.IsReadOnly);
                db.Put("after-salvage", null, Utf8("{}"));
            }
        }

        Assert.True(reported > 0, "no flip was ever reported: the test does not reach the log");
    }

    [Fact]
    public void ACorruptRecordFollowedBySoundOnesMakesTheDatabaseReadOnlyAndSalvageKeepsTheRest()
    {
        var (flash, docs, _) = Build(false);
        string log = flash.FilePaths.Single(p => p.Contains("/log."));
        flash.Corrupt(log, 40, (byte)(flash.ReadAllBytes(log)[40] ^ 0xFF));
        var store = new DocumentStore(flash, new StoreOptions { Clock = new FakeClock() });
        Database db = store.OpenDatabase(Name);
        Assert.Throws<StoreCorruptedException>(() =>
        {
            ChangesCursor feed = db.GetChanges(0, 0);
            while (feed.MoveNext())
            {
            }
        });
        Assert.True(db.IsReadOnly);
        Assert.Contains(log, db.GetInfo().Corruption);
        Assert.Throws<StoreCorruptedException>(() => db.Put("x", null, Utf8("{}")));

        CompactionResult result = db.Compact();
        Assert.True(result.Salvaged);
        Assert.True(result.BytesLost > 0);
        Assert.False(db.IsReadOnly);
        // Every document whose latest record was not the damaged one is intact.
        int intact = docs.Count(kv => db.Get(kv.Key) is Document d && Str(d.Body) == kv.Value);
        Assert.True(intact >= docs.Count - 1, $"only {intact} of {docs.Count} documents survived salvage");
    }

    [Fact]
    public void ForeignAndNewerFilesAreRefused()
    {
        var (flash, _, _) = Build(true);
        string log = flash.FilePaths.Single(p => p.Contains("/log."));

        SimulatedFlash foreign = flash.Clone(1);
        foreign.Replace(log, "GIF89a, not a log at all"u8.ToArray());
        var e1 = Assert.Throws<UnsupportedFormatException>(() => new DocumentStore(foreign, new StoreOptions()).OpenDatabase(Name));
        Assert.Contains("magic", e1.Message);

        SimulatedFlash newer = flash.Clone(2);
        byte[] header = newer.ReadAllBytes(log);
        header[4] = 2;
        uint crc = Crc(header, 12);
        BitConverter.GetBytes(crc).CopyTo(header, 12);
        newer.Replace(log, header);
        var e2 = Assert.Throws<UnsupportedFormatException>(() => new DocumentStore(newer, new StoreOptions()).OpenDatabase(Name));
        Assert.Contains("newer", e2.Message);

        SimulatedFlash foreignMeta = flash.Clone(3);
        foreach (string meta in foreignMeta.FilePaths.Where(p => p.Contains("/meta.")).ToList())
        {
            foreignMeta.Replace(meta, "{\"couchdb\":\"Welcome\"}"u8.ToArray());
        }

        Assert.Throws<UnsupportedFormatException>(() => new DocumentStore(foreignMeta, new StoreOptions()).OpenDatabase(Name));
    }

    private static uint Crc(byte[] data, int count)
    {
        uint crc = 0xFFFFFFFF;
        for (int i = 0; i < count; i++)
        {
            crc ^= data[i];
            for (int k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
            }
        }

        return ~crc;
    }
}
