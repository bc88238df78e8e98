using System.Text;
using ThaliNano.Couch.Tests.Fakes;

namespace ThaliNano.Couch.Tests;

/// <summary>
/// POST _bulk_docs: 201 with a JSON array (the CouchDB replicator counts 200 as a failure); new_edits=false answers
/// only errors ([] when all went in) and is idempotent; one group commit per request within CouchOptions.BulkCommitBytes
/// (heavier requests: BulkDocsPartsTests).
/// </summary>
public sealed class BulkDocsTests : IDisposable
{
    private static readonly string s_h1 = new('1', 32);
    private static readonly string s_h2 = new('2', 32);
    private static readonly string s_h3 = new('3', 32);
    private readonly TestHub _hub = new();

    public BulkDocsTests() => _hub.CreateDb("db");

    public void Dispose() => _hub.Dispose();

    [Fact]
    public void NewEditsTrueAnswersOnePerDocumentInOrder()
    {
        string rev = _hub.PutDoc("db", "existing", "{}");
        var r = _hub.Post("/db/_bulk_docs",
            "{\"docs\":[{\"_id\":\"a\",\"v\":1},{\"_id\":\"existing\",\"v\":2},{\"v\":3},{\"_id\":\"existing\",\"_rev\":\"" + rev + "\",\"v\":4}]}");
        r.AssertStatus(201);
        Assert.Equal("application/json", r.Header("Content-Type"));
        var results = r.Json.EnumerateArray().ToList();
        Assert.Equal(4, results.Count);
        Assert.True(results[0].GetProperty("ok").GetBoolean());
        Assert.Equal("a", results[0].GetProperty("id").GetString());
        Assert.Matches("^1-[0-9a-f]{32}$", results[0].GetProperty("rev").GetString()!);
        Assert.Equal("{\"id\":\"existing\",\"error\":\"conflict\",\"reason\":\"Document update conflict.\"}", results[1].GetRawText());
        Assert.Matches("^[0-9a-f]{32}$", results[2].GetProperty("id").GetString()!);
        Assert.StartsWith("2-", results[3].GetProperty("rev").GetString());
        Assert.Equal(4, _hub.Get("/db/existing").Json.GetProperty("v").GetInt32());
        Assert.Equal(3, _hub.Get("/db/" + results[2].GetProperty("id").GetString()).Json.GetProperty("v").GetInt32());
    }

    [Fact]
    public void ReplicatedWritesAnswerEmptyArrayAndAreIdempotent()
    {
        // What PouchDB pushes: _revisions with the full path, new_edits after docs.
        string body = "{\"docs\":[{\"_id\":\"p\",\"_rev\":\"2-" + s_h2 + "\",\"v\":2,\"_revisions\":{\"start\":2,\"ids\":[\"" + s_h2 + "\",\"" + s_h1
            + "\"]}},{\"_id\":\"q\",\"_rev\":\"1-" + s_h3 + "\",\"_deleted\":true,\"_revisions\":{\"start\":1,\"ids\":[\"" + s_h3 + "\"]}}],\"new_edits\":false}";
        for (int i = 0; i < 3; i++)
        {
            var r = _hub.Post("/db/_bulk_docs", body);
            r.AssertStatus(201);
            Assert.Equal("[]", r.Text);
        }

        var p = _hub.Get("/db/p?revs=true").Json;
        Assert.Equal("2-" + s_h2, p.GetProperty("_rev").GetString());
        Assert.Equal(new[] { s_h2, s_h1 }, p.GetProperty("_revisions").GetProperty("ids").EnumerateArray().Select(e => e.GetString()).ToArray());
        Assert.Equal("deleted", _hub.Get("/db/q").AssertError(404, "not_found"));
        var info = _hub.Get("/db").Json;
        Assert.Equal(1, info.GetProperty("doc_count").GetInt64());
        Assert.Equal(1, info.GetProperty("doc_del_count").GetInt64());
        Assert.Equal(2, info.GetProperty("update_seq").GetInt64());
    }

    [Fact]
    public void NewEditsFalseBeforeDocsAndRevOnly()
    {
        var r = _hub.Post("/db/_bulk_docs", "{\"new_edits\":false,\"docs\":[{\"_id\":\"x\",\"_rev\":\"3-" + s_h3 + "\",\"v\":1}]}");
        r.AssertStatus(201);
        Assert.Equal("[]", r.Text);
        Assert.Equal("3-" + s_h3, _hub.Get("/db/x").Json.GetProperty("_rev").GetString());
    }

    [Fact]
    public void ReplicatedBranchExtendsTheLocalOne()
    {
        _hub.Post("/db/_bulk_docs", "{\"new_edits\":false,\"docs\":[{\"_id\":\"x\",\"_rev\":\"1-" + s_h1 + "\"}]}").AssertStatus(201);
        _hub.Post("/db/_bulk_docs", "{\"new_edits\":false,\"docs\":[{\"_id\":\"x\",\"_rev\":\"3-" + s_h3
            + "\",\"_revisions\":{\"start\":3,\"ids\":[\"" + s_h3 + "\",\"" + s_h2 + "\",\"" + s_h1 + "\"]}}]}").AssertStatus(201);
        var doc = _hub.Get("/db/x?conflicts=true").Json;
        Assert.Equal("3-" + s_h3, doc.GetProperty("_rev").GetString());
        Assert.False(doc.TryGetProperty("_conflicts", out _));
    }

    [Fact]
    public void ReplicatedErrorsAreListedAloneWithTheirIds()
    {
        var r = _hub.Post("/db/_bulk_docs", "{\"new_edits\":false,\"docs\":[{\"_id\":\"ok\",\"_rev\":\"1-" + s_h1 + "\"},{\"_id\":\"norev\"},"
            + "{\"_id\":\"_design/d\",\"_rev\":\"1-" + s_h1 + "\",\"views\":{}},{\"_id\":\"att\",\"_rev\":\"1-" + s_h1
            + "\",\"_attachments\":{\"f\":{\"stub\":true}}}]}");
        r.AssertStatus(201);
        var errors = r.Json.EnumerateArray().ToList();
        Assert.Equal(3, errors.Count);
        Assert.Equal("norev", errors[0].GetProperty("id").GetString());
        Assert.Equal("bad_request", errors[0].GetProperty("error").GetString());
        Assert.Equal("_design/d", errors[1].GetProperty("id").GetString());
        Assert.Equal("forbidden", errors[1].GetProperty("error").GetString());
        Assert.Contains("design", errors[1].GetProperty("reason").GetString());
        Assert.Equal("att", errors[2].GetProperty("id").GetString());
        Assert.Equal("forbidden", errors[2].GetProperty("error").GetString());
        Assert.Contains("attachments", errors[2].GetProperty("reason").GetString());
        _hub.Get("/db/ok").AssertStatus(200);
        _hub.Get("/db/att").AssertError(404, "not_found");
    }

    [Fact]
    public void OneGroupCommitPerRequest()
    {
        var docs = string.Join(",", Enumerable.Range(0, 50).Select(i => "{\"_id\":\"d" + i + "\",\"v\":" + i + "}"));
        int before = _hub.Storage.Syncs;
        _hub.Post("/db/_bulk_docs", "{\"docs\":[" + docs + "]}").AssertStatus(201);
        int syncs = _hub.Storage.Syncs - before;
        Assert.InRange(syncs, 1, 2);
        Assert.Equal(50, _hub.Get("/db").Json.GetProperty("doc_count").GetInt64());
    }

    [Fact]
    public void LimitsAre413AndNothingIsWritten()
    {
        using var hub = new TestHub(o =>
        {
            o.MaxBulkDocs = 10;
            o.MaxDocumentBytes = 512;
            o.MaxBulkBytes = 4096;
        });
        hub.CreateDb("db");
        string eleven = "{\"docs\":[" + string.Join(",", Enumerable.Range(0, 11).Select(i => "{\"_id\":\"d" + i + "\"}")) + "]}";
        hub.Post("/db/_bulk_docs", eleven).AssertError(413, "too_many_docs");
        string heavy = "{\"docs\":[" + string.Join(",", Enumerable.Range(0, 10).Select(i => "{\"_id\":\"h" + i + "\",\"pad\":\"" + new string('p', 480) + "\"}")) + "]}";
        hub.Post("/db/_bulk_docs", heavy).AssertError(413, "request_too_large");
        hub.Post("/db/_bulk_docs", "{\"docs\":[{\"_id\":\"big\",\"pad\":\"" + new string('p', 600) + "\"}]}").AssertError(413, "document_too_large");
        Assert.Equal(0, hub.Get("/db").Json.GetProperty("update_seq").GetInt64());
        hub.Post("/db/_bulk_docs", "{\"docs\":[" + string.Join(",", Enumerable.Range(0, 10).Select(i => "{\"_id\":\"d" + i + "\"}")) + "]}")
            .AssertStatus(201);
    }

    [Theory]
    [InlineData("{}", "POST body must include `docs` parameter.")]
    [InlineData("{\"docs\":{}}", "`docs` parameter must be an array.")]
    [InlineData("{\"docs\":[1]}", "Document must be a JSON object")]
    [InlineData("{\"docs\":[],\"new_edits\":\"no\"}", "new_edits must be true or false")]
    [InlineData("{\"docs\":[],\"all_or_nothing\":true}", "all_or_nothing is not supported by this hub")]
    public void MalformedRequestsAre400WithAPreciseReason(string body, string reason)
    {
        Assert.Equal(reason, _hub.Post("/db/_bulk_docs", body).AssertError(400, "bad_request"));
    }

    [Fact]
    public void InvalidJsonIs400AndNothingIsWritten()
    {
        var r = _hub.Post("/db/_bulk_docs", "{\"docs\":[{\"_id\":\"a\"},{\"_id\":\"b\",}]}");
        Assert.StartsWith("invalid JSON", r.AssertError(400, "bad_request"));
        _hub.Get("/db/a").AssertError(404, "not_found");
    }

    [Fact]
    public void EmptyDocsIs201EmptyArray()
    {
        var r = _hub.Post("/db/_bulk_docs", "{\"docs\":[]}");
        r.AssertStatus(201);
        Assert.Equal("[]", r.Text);
    }

    [Fact]
    public void SystemDatabaseRefusesBulkWrites()
    {
        _hub.Post("/_thali/_bulk_docs", "{\"docs\":[]}").AssertError(403, "forbidden");
    }

    [Fact]
    public void LargeBatchFromTheCouchDbReplicatorSize()
    {
        using var hub = new TestHub(o => o.MaxBulkDocs = 500);
        hub.CreateDb("db");
        var body = new StringBuilder("{\"new_edits\":false,\"docs\":[");
        for (int i = 0; i < 100; i++)
        {
            body.Append(i == 0 ? "" : ",").Append("{\"_id\":\"doc").Append(i).Append("\",\"_rev\":\"1-").Append(i.ToString("x32"))
                .Append("\",\"n\":").Append(i).Append('}');
        }

        hub.Post("/db/_bulk_docs", body.Append("]}").ToString()).AssertStatus(201);
        Assert.Equal(100, hub.Get("/db").Json.GetProperty("doc_count").GetInt64());
    }
}
