using System.Text;
using ThaliNano.Drivers.Host.FileStorage;
using ThaliNano.Store;
using Xunit.Abstractions;

namespace ThaliNano.Drivers.Host.Tests;

/// <summary>
/// RAM must not grow with the number of stored documents: the managed bytes a store retains once open with warm
/// caches are measured with 1k and 20k small documents on real files (so the data is not in managed memory).
/// </summary>
[Collection(nameof(BoundedMemoryTests))]
public sealed class BoundedMemoryTests(ITestOutputHelper output) : IDisposable
{
    private const long Bound = 48 * 1024;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "thalinano-ram-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, true);
        }
    }

    /// <summary>Writes <paramref name="count"/> ~100-byte readings in group commits of 100 under its own folder.</summary>
    public static string Fill(string root, int count)
    {
        // Loading only: no syncs, a large cache and rare checkpoints (the measurement opens with the defaults).
        var options = new StoreOptions { IndexCachePages = 1024, CheckpointBytes = 1 << 24 };
        using var store = new DocumentStore(new HostFileStorage(root, durable: false), options);
        Database db = store.CreateDatabase("readings");
        var batch = new WriteBatch();
        for (int i = 0; i < count; i++)
        {
            batch.Put("reading-" + i.ToString("D7"), null, Encoding.UTF8.GetBytes("{\"sensor\":\"hall-3\",\"timestamp\":" + (1700000000000L + i) + ",\"celsius\":21." + (i % 10) + ",\"rh\":40}"), false);
            if (batch.Count == 100)
            {
                db.Commit(batch);
                batch.Clear();
            }
        }

        db.Commit(batch);
        return root;
    }

    /// <summary>Managed bytes retained by an open store whose caches were warmed by reads and a changes feed.</summary>
    public static long Retained(string root, int count)
    {
        // One discarded warm-up (first-use statics and tiered JIT land in whichever sample comes first), then the median
        // of five undisturbed samples: other threads (the test runner, finalizers, servers of earlier tests winding down)
        // allocate or free while a sample runs, which shows as a heap that does not return to where it started.
        Measure(root, count);
        var samples = new List<long>();
        for (int attempt = 0; attempt < 25 && samples.Count < 5; attempt++)
        {
            long? retained = Measure(root, count);
            if (retained is long bytes)
            {
                samples.Add(bytes);
            }
        }

        if (samples.Count < 5)
        {
            throw new InvalidOperationException($"only {samples.Count} of 25 samples were undisturbed by other threads");
        }

        samples.Sort();
        return samples[samples.Count / 2];
    }

    /// <summary>The bytes the open store held over the heap after closing it; null when the heap did not settle back.</summary>
    private static long? Measure(string root, int count)
    {
        const long Quiet = 1024;
        long before = GC.GetTotalMemory(true);
        var store = new DocumentStore(new HostFileStorage(root), new StoreOptions());
        Database db = store.OpenDatabase("readings");
        var random = new Random(1);
        for (int i = 0; i < 200; i++)
        {
            db.Get("reading-" + random.Next(count).ToString("D7"));
        }

        ChangesCursor feed = db.GetChanges(0, 0);
        int rows = 0;
        while (feed.MoveNext())
        {
            rows++;
        }

        if (rows != count)
        {
            throw new InvalidOperationException($"changes had {rows} rows, expected {count}");
        }

        feed = null!;
        long open = GC.GetTotalMemory(true);
        GC.KeepAlive(db);
        store.Dispose();
        db = null!;
        store = null!;
        long closed = GC.GetTotalMemory(true);
        return Math.Abs(closed - before) <= Quiet ? open - closed : null;
    }

    [Fact]
    public void RetainedMemoryDoesNotGrowWithTheDocumentCount()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        string smallRoot = Fill(Path.Combine(_root, "1k"), 1000);
        string largeRoot = Fill(Path.Combine(_root, "20k"), 20000);
        output.WriteLine($"fill {watch.ElapsedMilliseconds} ms");
        long small = Retained(smallRoot, 1000);
        long large = Retained(largeRoot, 20000);
        output.WriteLine($"measure {watch.ElapsedMilliseconds} ms");
        output.WriteLine($"retained managed bytes: 1k docs {small}, 20k docs {large}");
        Assert.InRange(small, 1, Bound);
        Assert.InRange(large, 1, Bound);
        Assert.True(Math.Abs(large - small) < 8 * 1024, $"1k docs retain {small} bytes, 20k docs {large}");
    }
}

/// <summary>Heap measurements must not share the process with tests allocating in parallel.</summary>
[CollectionDefinition(nameof(BoundedMemoryTests), DisableParallelization = true)]
public sealed class BoundedMemoryCollection
{
}
