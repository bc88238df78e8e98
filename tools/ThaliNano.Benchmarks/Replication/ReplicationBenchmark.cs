using System.Globalization;
using System.Text.Json.Nodes;
using ThaliNano.Boards.Host;
using ThaliNano.Firmware;
using ThaliNano.Tests.Interop;

namespace ThaliNano.Benchmarks.Replication;

/// <summary>
/// PouchDB 9 (Node) pushing and pulling small documents over loopback to and from an in-process host hub (mutual TLS)
/// and to and from pouchdb-server 4.2 (--in-memory, plain HTTP), in the same run; prints a table, not BenchmarkDotNet.
/// Hub allocations: GC.GetTotalAllocatedBytes over each phase (the whole process, so the harness's own small share
/// counts too). Usage: replication [--docs N] [--batch N] [--rounds N]
/// </summary>
internal static class ReplicationBenchmark
{
    public static int Run(string[] args)
    {
        int docs = Option(args, "--docs", 10_000), batch = Option(args, "--batch", 100), rounds = Option(args, "--rounds", 1);
        string folder = Directory.CreateTempSubdirectory("thali-replication-bench-").FullName;
        try
        {
            Console.WriteLine($"PouchDB 9 replicating {docs} documents (batch_size {batch}), {rounds} round(s), loopback; hub over mutual TLS, pouchdb-server over HTTP");
            var hubRuns = new List<Phase[]>();
            var peerRuns = new List<Phase[]>();
            for (int round = 0; round < rounds; round++)
            {
                hubRuns.Add(RunHub(Path.Combine(folder, "hub-" + round), docs, batch));
                peerRuns.Add(RunPeer(Path.Combine(folder, "peer-" + round), docs, batch));
            }

            Phase[] hub = Best(hubRuns), peer = Best(peerRuns);
            Console.WriteLine();
            Console.WriteLine("| peer | push docs/s | pull docs/s | requests per batch (push / pull) | hub bytes allocated per doc (push / pull) |");
            Console.WriteLine("|---|--:|--:|--:|--:|");
            Console.WriteLine(Row("ThaliNano host hub (mTLS)", hub, true));
            Console.WriteLine(Row("pouchdb-server 4.2 --in-memory (HTTP)", peer, false));
            Console.WriteLine($"| **ratio hub / pouchdb-server** | **{hub[0].DocsPerSecond / peer[0].DocsPerSecond:F2}x** | **{hub[1].DocsPerSecond / peer[1].DocsPerSecond:F2}x** | | |");
            Console.WriteLine();
            Console.WriteLine("client-side request time by kind (until the response head), hub push: " + hub[0].Kinds);
            Console.WriteLine("  pouchdb-server push: " + peer[0].Kinds);
            Console.WriteLine("  hub pull: " + hub[1].Kinds);
            Console.WriteLine("  pouchdb-server pull: " + peer[1].Kinds);
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Phase[] RunHub(string folder, int docs, int batch)
    {
        using HostHub hub = HostHub.Open(Path.Combine(folder, "hub-data"));
        ClientIdentity client = ClientIdentity.Create(Path.Combine(folder, "clients"), "bench");
        hub.Pair(client.CertificatePem, owner: true);
        var log = new CountingLog();
        hub.Serve(0, log);
        object Input(string phase) => new
        {
            phase,
            count = docs,
            db = "bench",
            localDir = Path.Combine(folder, "local"),
            hub = hub.CompactUrl,
            cert = client.CertificatePath,
            key = client.KeyPath,
            batchSize = batch,
        };
        return new[] { Measure(Input("push"), log), Measure(Input("pull"), log) };
    }

    private static Phase[] RunPeer(string folder, int docs, int batch)
    {
        using var peer = new PouchDbServer();
        object Input(string phase) => new { phase, count = docs, db = "bench", localDir = Path.Combine(folder, "local"), peer = peer.Url, batchSize = batch };
        return new[] { Measure(Input("push"), null), Measure(Input("pull"), null) };
    }

    private static Phase Measure(object input, CountingLog? log)
    {
        GC.Collect();
        long before = GC.GetTotalAllocatedBytes(precise: true);
        log?.Reset();
        JsonNode r = NodePeers.RunScript("replication-bench.js", input, TimeSpan.FromMinutes(5));
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        int docs = r["docs"]!.GetValue<int>();
        var kinds = r["msByKind"]!.AsObject().OrderByDescending(p => p.Value!.GetValue<int>())
            .Select(p => $"{p.Key} {r["byKind"]![p.Key]} x, {p.Value} ms");
        return new Phase(docs, r["ms"]!.GetValue<double>(), r["requests"]!.GetValue<int>(), r["batches"]!.GetValue<int>(),
            log == null ? -1 : allocated, log?.Count ?? -1, string.Join(", ", kinds));
    }

    private static Phase[] Best(List<Phase[]> runs) => new[]
    {
        runs.Select(r => r[0]).MaxBy(p => p.DocsPerSecond)!,
        runs.Select(r => r[1]).MaxBy(p => p.DocsPerSecond)!,
    };

    private static string Row(string name, Phase[] p, bool allocations) =>
        $"| {name} | {p[0].DocsPerSecond:F0} | {p[1].DocsPerSecond:F0} | {p[0].RequestsPerBatch:F1} / {p[1].RequestsPerBatch:F1} | "
        + (allocations ? $"{p[0].BytesPerDoc:F0} / {p[1].BytesPerDoc:F0}" : "n/a") + " |";

    private static int Option(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private sealed record Phase(int Docs, double Ms, int Requests, int Batches, long Allocated, int HubRequests, string Kinds)
    {
        public double DocsPerSecond => Docs / (Ms / 1000);

        public double RequestsPerBatch => Batches == 0 ? double.NaN : (double)Requests / Batches;

        public double BytesPerDoc => (double)Allocated / Docs;
    }

    /// <summary>Counts the requests the hub answered (a cross-check of the client's count).</summary>
    private sealed class CountingLog : IHubRequestLog
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Reset() => Interlocked.Exchange(ref _count, 0);

        public void Request(string method, string target, string? principal, int status) => Interlocked.Increment(ref _count);
    }
}
