using System.Text;

namespace ThaliNano.Benchmarks.Json;

/// <summary>The CouchDB-shaped JSON texts the JSON benchmarks read and write.</summary>
public static class JsonDocuments
{
    public const string Document = "doc";
    public const string BulkDocs = "bulk_docs";
    public const string Changes = "changes";

    private const string Hash = "967a00dff5e02add41819138abb3284d";

    public static byte[] Get(string name) => Encoding.UTF8.GetBytes(name switch
    {
        Document => SensorReading(42),
        BulkDocs => "{\"docs\":[" + string.Join(",", Enumerable.Range(0, 100).Select(Replicated)) + "],\"new_edits\":false}",
        Changes => "{\"results\":[" + string.Join(",", Enumerable.Range(1, 100).Select(Change)) + "],\"last_seq\":100,\"pending\":0}",
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown document"),
    });

    // About 150 bytes: a small document as a device stores it.
    private static string SensorReading(int i) =>
        $"{{\"_id\":\"sensor-{i:D4}\",\"_rev\":\"3-{Hash}\",\"type\":\"reading\",\"celsius\":21.5,\"humidity\":48,\"at\":\"2026-01-12T09:30:00Z\",\"tags\":[\"kitchen\",\"east\"]}}";

    // A document as a replicator pushes it with new_edits=false: its revision history comes along.
    private static string Replicated(int i) =>
        SensorReading(i)[..^1] + $",\"_revisions\":{{\"start\":3,\"ids\":[\"{Hash}\",\"{Hash[16..]}{Hash[..16]}\",\"{Hash[8..]}{Hash[..8]}\"]}}}}";

    private static string Change(int seq) => seq % 10 == 0
        ? $"{{\"seq\":{seq},\"id\":\"sensor-{seq:D4}\",\"changes\":[{{\"rev\":\"2-{Hash}\"}}],\"deleted\":true}}"
        : $"{{\"seq\":{seq},\"id\":\"sensor-{seq:D4}\",\"changes\":[{{\"rev\":\"1-{Hash}\"}}]}}";
}
