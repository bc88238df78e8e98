using System.Diagnostics;
using System.Globalization;
using ThaliNano.Drivers.Host.FileStorage;
using ThaliNano.Store;
using ThaliNano.Store.Storage;

namespace ThaliNano.Benchmarks.Store;

/// <summary>
/// Recovery after a kill: a database of many documents loaded as the hub would (group commits of 100), then abandoned
/// without Dispose (no final checkpoint, dirty index pages lost, as kill -9 leaves it), then timed: a fresh open plus the
/// first read, on a fresh copy of the killed store each time. Also with a torn tail (half a record at the end of the log,
/// a write cut by power loss), recovered by truncation, and by the copy into a new generation and index rebuild that a
/// file system without truncation needs (what every torn tail cost before truncation).
/// </summary>
public static class RecoveryReport
{
    private static readonly CultureInfo s_invariant = CultureInfo.InvariantCulture;

    public static IEnumerable<(string What, string Value, string Note)> Rows(string root, int docs)
    {
        var host = new StoreOptions { IndexCachePages = 512, CheckpointBytes = 1 << 20 };
        var hostRecords = new StoreOptions { IndexCachePages = 512, CheckpointBytes = 1 << 20, CheckpointRecords = 2000 };
        string label = $"{docs / 1000}k docs";
        foreach (var (name, options) in new[] { ("host options", host), ("host + 2000-record checkpoints", hostRecords) })
        {
            string loaded = Path.Combine(root, "recovery-" + options.CheckpointRecords);
            Load(loaded, docs, options);
            string dir = loaded + "-run";
            var runs = new List<(double Ms, long Replayed, int Rebuilds)>();
            for (int i = 0; i < 3; i++)
            {
                CopyTree(loaded, dir);
                runs.Add(OpenAndRead(new HostFileStorage(dir), options, docs));
            }

            var (ms, replayed, rebuilds) = runs.OrderBy(r => r.Ms).ElementAt(1);
            yield return ($"ms to open + first read after kill, {name}", ms.ToString("F0", s_invariant), $"{label}; median of 3; replayed {replayed / 1024} KB of log{Rebuilt(rebuilds)}");
            if (options != host)
            {
                continue;
            }

            CopyTree(loaded, dir);
            TearTail(dir);
            (ms, replayed, rebuilds) = OpenAndRead(new HostFileStorage(dir), options, docs);
            yield return ($"ms, torn tail cut by truncation, {name}", ms.ToString("F0", s_invariant), $"{label}; replayed {replayed / 1024} KB{Rebuilt(rebuilds)}");
            CopyTree(loaded, dir);
            TearTail(dir);
            (ms, replayed, rebuilds) = OpenAndRead(new NoTruncation(new HostFileStorage(dir)), options, docs);
            yield return ($"ms, torn tail copied (no truncation), {name}", ms.ToString("F0", s_invariant), $"{label}; the recovery before this change: log copied, index rebuilt from {replayed / 1024} KB{Rebuilt(rebuilds)}");
        }
    }

    /// <summary>A fresh copy of the killed store for each measured open (an open checkpoints what it replayed).</summary>
    private static void CopyTree(string from, string to)
    {
        if (Directory.Exists(to))
        {
            Directory.Delete(to, true);
        }

        Directory.CreateDirectory(to);
        foreach (string dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        }

        foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }

    private static string Rebuilt(int rebuilds) => rebuilds == 0 ? "" : $", index rebuilt {rebuilds}x";

    /// <summary>
    /// Group commits of 100 without fsync (loading is not what is measured), then the store is dropped unclosed. The
    /// load stops 1900 documents past a multiple of 2000, near the worst case of 2000-record checkpoints.
    /// </summary>
    private static void Load(string dir, int docs, StoreOptions options)
    {
        docs = docs - docs % 2000 + 1900;
        var store = new DocumentStore(new HostFileStorage(dir, durable: false), options);
        Database db = store.CreateDatabase("bench");
        var batch = new WriteBatch();
        for (int i = 0; i < docs; i++)
        {
            batch.Put(StoreReport.Id(i), null, StoreReport.Reading(i), false);
            if (batch.Count == 100)
            {
                db.Commit(batch);
                batch.Clear();
            }
        }

        db.Commit(batch);
        GC.KeepAlive(store);
    }

    private static (double Ms, long Replayed, int Rebuilds) OpenAndRead(IFileStorage storage, StoreOptions options, int docs)
    {
        var watch = Stopwatch.StartNew();
        var store = new DocumentStore(storage, options);
        Database db = store.OpenDatabase("bench");
        if (db.Get(StoreReport.Id(docs / 2)) == null)
        {
            throw new InvalidOperationException("a loaded document is missing after recovery");
        }

        double ms = watch.Elapsed.TotalMilliseconds;
        var result = (ms, db.RecoveredBytes, db.IndexRebuilds);
        store.Dispose();
        return result;
    }

    /// <summary>Appends the first half of a record's frame to the current log, as a write cut by power loss leaves it.</summary>
    private static void TearTail(string dir)
    {
        string log = Directory.GetFiles(Path.Combine(dir, "bench"), "log.*").Single();
        byte[] head = new byte[116];
        using var file = new FileStream(log, FileMode.Open);
        file.ReadExactly(head);
        file.Seek(0, SeekOrigin.End);
        file.Write(head, 16, 100); // the first record's frame starts after the 16-byte file header
    }

    /// <summary>The host storage as a platform without truncation sees it (the recovery before truncation existed).</summary>
    private sealed class NoTruncation(IFileStorage inner) : FileStorageDecorator(inner)
    {
        public override IStorageFile Open(string path) => new Untruncatable(Inner.Open(path));

        public override IStorageFile Create(string path) => new Untruncatable(Inner.Create(path));

        private sealed class Untruncatable(IStorageFile file) : StorageFileDecorator(file)
        {
            public override bool TryTruncate(long length) => false;
        }
    }
}
