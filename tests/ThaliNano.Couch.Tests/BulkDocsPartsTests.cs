using ThaliNano.Couch.Tests.Fakes;

namespace ThaliNano.Couch.Tests;

/// <summary>
/// A _bulk_docs request heavier than CouchOptions.BulkCommitBytes: the documents past that weight wait on a scratch file
/// of the store, and all are written in parts of that weight, one sync each, with the same answer as one commit; a
/// request refused while it is read writes nothing, and no scratch file outlives a request.
/// </summary>
public sealed class BulkDocsPartsTests : IDisposable
{
    private const int Docs = 40;
    private readonly TestHub _hub = new(o => o.BulkCommitBytes = 1024);

    public BulkDocsPartsTests() => _hub.CreateDb("db");

    public void Dispose() => _hub.Dispose();

    [Fact]
    public void ReplicatedDocumentsPastTheBudgetAreWrittenInPartsAsPouchDbSendsThem()
    {
        long usedBefore = _hub.Store.UsedBytes;
        int syncsBefore = _hub.Storage.Syncs;
        var r = _hub.Post("/db/_bulk_docs", Body(Enumerable.Range(0, Docs).Select(Replicated), "\"new_edits\":false"));
        r.AssertStatus(201);
        Assert.Equal("[]", r.Text);

        Assert.InRange(_hub.Storage.Syncs - syncsBefore, 5, Docs / 2);
        Assert.Equal(Docs, _hub.Get("/db").Json.GetProperty("doc_count").GetInt64());
        for (int i = 0; i < Docs; i++)
        {
            var doc = _hub.Get("/db/" + Id(i) + "?revs=true").Json;
            Assert.Equal("2-" + Hash(i, 2), doc.GetProperty("_rev").GetString());
            Assert.Equal([Hash(i, 2), Hash(i, 1)], doc.GetProperty("_revisions").GetProperty("ids").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(i, doc.GetProperty("n").GetInt32());
            Assert.Equal(i % 5 == 0 ? "é ✓ \"quoted\"" : null, doc.TryGetProperty("note", out var note) ? note.GetString() : null);
        }

        AssertNoScratchFile();
        Assert.True(_hub.Store.UsedBytes > usedBefore);
    }

    [Fact]
    public void NewEditsAnswerEveryDocumentInOrderAcrossParts()
    {
        string existing = _hub.PutDoc("db", Id(7), "{}");
        var docs = Enumerable.Range(0, Docs).Select(i => i == 7
            ? "{\"_id\":\"" + Id(i) + "\",\"_rev\":\"" + existing + "\",\"n\":7}"
            : i == 30 ? "{\"_id\":\"_design/d" + i + "\"}" : "{\"_id\":\"" + Id(i) + "\",\"n\":" + i + ",\"pad\":\"" + new string('x', 60) + "\"}");
        var results = _hub.Post("/db/_bulk_docs", Body(docs, null)).Json.EnumerateArray().ToList();

        Assert.Equal(Docs, results.Count);
        for (int i = 0; i < Docs; i++)
        {
            if (i == 30)
            {
                Assert.Equal("_design/d30", results[i].GetProperty("id").GetString());
                Assert.Equal("forbidden", results[i].GetProperty("error").GetString());
                continue;
            }

            Assert.Equal(Id(i), results[i].GetProperty("id").GetString());
            Assert.Equal(_hub.Get("/db/" + Id(i)).Json.GetProperty("_rev").GetString(), results[i].GetProperty("rev").GetString());
        }

        Assert.StartsWith("2-", results[7].GetProperty("rev").GetString());
        AssertNoScratchFile();
    }

    [Fact]
    public void ABadDocumentAfterTheBudgetIs400AndNothingIsWritten()
    {
        var docs = Enumerable.Range(0, Docs).Select(i => i == Docs - 1 ? "{\"_id\":\"bad\",\"_unknown\":1}" : Replicated(i));
        Assert.Contains("_unknown", _hub.Post("/db/_bulk_docs", Body(docs, "\"new_edits\":false")).AssertError(400, "doc_validation"));

        Assert.Equal(0, _hub.Get("/db").Json.GetProperty("update_seq").GetInt64());
        AssertNoScratchFile();
    }

    [Fact]
    public void AStoreTooFullForTheScratchFileIs507AndNothingIsWritten()
    {
        using var hub = new TestHub(o => o.BulkCommitBytes = 1024, store: s =>
        {
            s.MaxStoreBytes = 12 * 1024;
            s.CompactionReserveBytes = 1024;
        });
        hub.CreateDb("db");
        var docs = Enumerable.Range(0, Docs).Select(i => "{\"_id\":\"" + Id(i) + "\",\"pad\":\"" + new string('p', 400) + "\"}");

        hub.Post("/db/_bulk_docs", Body(docs, null)).AssertError(507, "insufficient_storage");

        Assert.Equal(0, hub.Get("/db").Json.GetProperty("update_seq").GetInt64());
        Assert.DoesNotContain(hub.Storage.ListFiles(""), f => f.StartsWith("scratch.", StringComparison.Ordinal));
        hub.Post("/db/_bulk_docs", Body(docs.Take(3), null)).AssertStatus(201);
    }

    private void AssertNoScratchFile() =>
        Assert.DoesNotContain(_hub.Storage.ListFiles(""), f => f.StartsWith("scratch.", StringComparison.Ordinal));

    private static string Id(int i) => "doc-" + i.ToString("D3");

    private static string Hash(int i, int generation) => (i * 7919L + generation).ToString("x32");

    /// <summary>A document as PouchDB pushes it: second generation, its path in _revisions, non-ASCII text in some.</summary>
    private static string Replicated(int i) =>
        "{\"_id\":\"" + Id(i) + "\",\"_rev\":\"2-" + Hash(i, 2) + "\",\"n\":" + i
        + (i % 5 == 0 ? ",\"note\":\"é ✓ \\\"quoted\\\"\"" : "")
        + ",\"_revisions\":{\"start\":2,\"ids\":[\"" + Hash(i, 2) + "\",\"" + Hash(i, 1) + "\"]}}";

    private static string Body(IEnumerable<string> docs, string? after) =>
        "{\"docs\":[" + string.Join(",", docs) + "]" + (after == null ? "" : "," + after) + "}";
}
