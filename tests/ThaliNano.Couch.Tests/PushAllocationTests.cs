using System.Text;
using ThaliNano.Couch.Tests.Fakes;

namespace ThaliNano.Couch.Tests;

/// <summary>
/// What a PouchDB push costs the hub in allocations, per document: _revs_diff then _bulk_docs (new_edits=false, with
/// _revisions) in batches of 100 small documents, through the handler, with the index cached as on the host board
/// (HubConfiguration.ForHost: 512 pages, checkpoint every 1 MB, one commit per request), so the figures are the handler's and the store's own
/// work, not page-file I/O. Measured 1193 and 2376 bytes per document; the bounds leave about a quarter of headroom
/// (before the work that set them: 3361 for _bulk_docs with the same cache).
/// </summary>
public sealed class PushAllocationTests : IDisposable
{
    private const int Batches = 20;
    private const int BatchSize = 100;

    private readonly TestHub _hub = new(o => o.BulkCommitBytes = CouchOptions.ForHost().BulkCommitBytes, store: s =>
    {
        s.IndexCachePages = 512;
        s.CheckpointBytes = 1024 * 1024;
    });

    public PushAllocationTests() => _hub.CreateDb("db");

    public void Dispose() => _hub.Dispose();

    [Fact]
    public void PushedDocumentsAllocateABoundedFewKilobytesEach()
    {
        long revsDiff = 0;
        long bulkDocs = 0;
        for (int i = 0; i < Batches; i++)
        {
            var diff = _hub.Post("/db/_revs_diff", RevsDiffBody(i * BatchSize));
            diff.AssertStatus(200);
            Assert.Equal(BatchSize, diff.Json.EnumerateObject().Count());
            revsDiff += _hub.Measure.LastAllocated;

            var bulk = _hub.Post("/db/_bulk_docs", BulkDocsBody(i * BatchSize));
            bulk.AssertStatus(201);
            Assert.Equal("[]", bulk.Text);
            bulkDocs += _hub.Measure.LastAllocated;
        }

        int docs = Batches * BatchSize;
        Assert.Equal(docs, _hub.Get("/db").Json.GetProperty("doc_count").GetInt64());
        long diffPerDoc = revsDiff / docs;
        long bulkPerDoc = bulkDocs / docs;
        Console.WriteLine($"push: _revs_diff {diffPerDoc} B/doc, _bulk_docs {bulkPerDoc} B/doc");
        Assert.True(diffPerDoc < 1500, $"_revs_diff allocated {diffPerDoc} bytes per document");
        Assert.True(bulkPerDoc < 3000, $"_bulk_docs allocated {bulkPerDoc} bytes per document");
    }

    private static string Id(int j) => "doc-" + j.ToString("D6");

    private static string Hash(int j) => (j * 7919L).ToString("x32");

    /// <summary>{"doc-000000":["1-hash"],..}, as PouchDB asks.</summary>
    private static string RevsDiffBody(int first)
    {
        var b = new StringBuilder("{");
        for (int j = first; j < first + BatchSize; j++)
        {
            b.Append(j > first ? "," : "").Append('"').Append(Id(j)).Append("\":[\"1-").Append(Hash(j)).Append("\"]");
        }

        return b.Append('}').ToString();
    }

    /// <summary>The documents of the replication benchmark, as PouchDB pushes them.</summary>
    private static string BulkDocsBody(int first)
    {
        var b = new StringBuilder("{\"docs\":[");
        for (int j = first; j < first + BatchSize; j++)
        {
            b.Append(j > first ? "," : "").Append("{\"_id\":\"").Append(Id(j)).Append("\",\"n\":").Append(j)
                .Append(",\"text\":\"a small document of about one hundred bytes\",\"_rev\":\"1-").Append(Hash(j))
                .Append("\",\"_revisions\":{\"start\":1,\"ids\":[\"").Append(Hash(j)).Append("\"]}}");
        }

        return b.Append("],\"new_edits\":false}").ToString();
    }
}
