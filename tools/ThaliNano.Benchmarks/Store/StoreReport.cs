using System.Diagnostics;
using System.Globalization;
using System.Text;
using ThaliNano.Drivers.Host.FileStorage;
using ThaliNano.Store;

namespace ThaliNano.Benchmarks.Store;

/// <summary>
/// The document store's figures, printed as one table (not a BenchmarkDotNet run: the quantities are throughput with
/// real fsyncs, bytes on disk and retained heap, each measured once on purpose-built stores in a temporary folder of
/// the host file system), then the recovery times (<see cref="RecoveryReport"/>).
/// Run: dotnet run -c Release --project tools/ThaliNano.Benchmarks -- store [--quick] [--recovery]
/// </summary>
public static class StoreReport
{
    private static readonly CultureInfo s_invariant = CultureInfo.InvariantCulture;

    public static int Run(string[] args)
    {
        bool quick = args.Contains("--quick");
        string root = Path.Combine(Path.GetTempPath(), "thalinano-bench-" + Guid.NewGuid().ToString("N"));
        var rows = new List<(string What, string Value, string Note)>();
        try
        {
            if (args.Contains("--recovery"))
            {
                rows.AddRange(RecoveryReport.Rows(root, quick ? 20000 : 150000));
                return Print(rows);
            }

            int appends = quick ? 300 : 2000;
            double single = Appends(Path.Combine(root, "single"), appends, 1);
            double grouped = Appends(Path.Combine(root, "group"), appends, 100);
            rows.Add(("appends/s, one sync per doc", single.ToString("F0", s_invariant), $"{appends} new readings of ~100 B, host file system (ext4), fsync per write"));
            rows.Add(("appends/s, group commit of 100", grouped.ToString("F0", s_invariant), $"same, one fsync per 100 readings: {grouped / single:F1}x"));

            int sized = quick ? 2000 : 10000;
            string sizeRoot = Fill(Path.Combine(root, "size"), sized);
            var (flash, raw) = Sizes(sizeRoot, sized);
            rows.Add(("bytes on flash per doc", (flash / (double)sized).ToString("F1", s_invariant), $"all files of the database, {sized} docs"));
            rows.Add(("raw JSON per doc", (raw / (double)sized).ToString("F1", s_invariant), "{\"_id\",\"_rev\",...body} as CouchDB serves it"));
            rows.Add(("flash / raw JSON", (flash / (double)raw).ToString("F2", s_invariant), "target <= 1.30"));

            int[] counts = quick ? [1000, 5000, 10000] : [1000, 10000, 100000];
            long baseline = 0;
            foreach (int count in counts)
            {
                string dir = count == sized ? sizeRoot : Fill(Path.Combine(root, "ram" + count), count);
                long retained = Retained(dir, count);
                baseline = baseline == 0 ? retained : baseline;
                rows.Add(($"managed bytes retained, {count / 1000}k docs", retained.ToString(s_invariant), $"ratio to {counts[0] / 1000}k: {retained / (double)baseline:F2}"));
            }

            var (written, live) = Compaction(sizeRoot, sized);
            rows.Add(("compaction write amplification", (written / (double)live).ToString("F2", s_invariant), $"{written} bytes written / {live} live bytes (every doc updated once first)"));
            rows.AddRange(RecoveryReport.Rows(root, quick ? 20000 : 150000));
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, true);
            }
        }

        return Print(rows);
    }

    internal static byte[] Reading(int i) =>
        Encoding.UTF8.GetBytes("{\"sensor\":\"hall-3\",\"timestamp\":" + (1700000000000L + i) + ",\"celsius\":21." + (i % 10) + ",\"rh\":40,\"battery\":3.71}");

    internal static string Id(int i) => "reading-" + i.ToString("D7", s_invariant);

    private static double Appends(string dir, int count, int batchSize)
    {
        using var store = new DocumentStore(new HostFileStorage(dir), new StoreOptions());
        Database db = store.CreateDatabase("bench");
        var watch = Stopwatch.StartNew();
        var batch = new WriteBatch();
        for (int i = 0; i < count; i++)
        {
            if (batchSize == 1)
            {
                db.Put(Id(i), null, Reading(i));
                continue;
            }

            batch.Put(Id(i), null, Reading(i), false);
            if (batch.Count == batchSize)
            {
                db.Commit(batch);
                batch.Clear();
            }
        }

        db.Commit(batch);
        return count / watch.Elapsed.TotalSeconds;
    }

    /// <summary>Loads readings without fsync and with a large cache (the loading is not what is measured).</summary>
    private static string Fill(string dir, int count)
    {
        var options = new StoreOptions { IndexCachePages = 2048, CheckpointBytes = 1 << 26 };
        using var store = new DocumentStore(new HostFileStorage(dir, durable: false), options);
        Database db = store.CreateDatabase("bench");
        var batch = new WriteBatch();
        for (int i = 0; i < count; i++)
        {
            batch.Put(Id(i), null, Reading(i), false);
            if (batch.Count == 500)
            {
                db.Commit(batch);
                batch.Clear();
            }
        }

        db.Commit(batch);
        return dir;
    }

    private static (long Flash, long Raw) Sizes(string dir, int count)
    {
        long flash = new DirectoryInfo(dir).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
        using var store = new DocumentStore(new HostFileStorage(dir), new StoreOptions());
        Database db = store.OpenDatabase("bench");
        long raw = 0;
        for (int i = 0; i < count; i++)
        {
            Document doc = db.Get(Id(i))!;
            // {"_id":"<id>","_rev":"<rev>",<body without its opening brace>
            raw += Encoding.UTF8.GetByteCount("{\"_id\":\"" + doc.Id + "\",\"_rev\":\"" + doc.Rev + "\",") + doc.Body.Length - 1;
        }

        return (flash, raw);
    }

    private static long Retained(string dir, int count)
    {
        var store = new DocumentStore(new HostFileStorage(dir), new StoreOptions());
        Database db = store.OpenDatabase("bench");
        var random = new Random(1);
        for (int i = 0; i < 200; i++)
        {
            db.Get(Id(random.Next(count)));
        }

        ChangesCursor feed = db.GetChanges(0, 0);
        while (feed.MoveNext())
        {
        }

        feed = null!;
        long open = GC.GetTotalMemory(true);
        GC.KeepAlive(db);
        store.Dispose();
        db = null!;
        store = null!;
        return open - GC.GetTotalMemory(true);
    }

    private static (long Written, long Live) Compaction(string dir, int count)
    {
        using var store = new DocumentStore(new HostFileStorage(dir), new StoreOptions());
        Database db = store.OpenDatabase("bench");
        var batch = new WriteBatch();
        for (int i = 0; i < count; i++)
        {
            batch.Put(Id(i), db.Get(Id(i))!.Rev, Reading(i + 1), false);
            if (batch.Count == 500)
            {
                db.Commit(batch);
                batch.Clear();
            }
        }

        db.Commit(batch);
        CompactionResult result = db.Compact();
        return (result.BytesWritten, result.LiveBytes);
    }

    private static int Print(List<(string What, string Value, string Note)> rows)
    {
        int w1 = Math.Max(6, rows.Max(r => r.What.Length));
        int w2 = Math.Max(5, rows.Max(r => r.Value.Length));
        Console.WriteLine($"| {"metric".PadRight(w1)} | {"value".PadLeft(w2)} | note |");
        Console.WriteLine($"|{new string('-', w1 + 2)}|{new string('-', w2 + 1)}:|---|");
        foreach (var (what, value, note) in rows)
        {
            Console.WriteLine($"| {what.PadRight(w1)} | {value.PadLeft(w2)} | {note} |");
        }

        return 0;
    }
}
