using ThaliNano.Couch.Tests.Fakes;

namespace ThaliNano.Couch.Tests;

/// <summary>_local documents: replication checkpoints (revs "0-N", 404 bodies with "error":"not_found", never in _changes).</summary>
public sealed class LocalTests : IDisposable
{
    private readonly TestHub _hub = new();

    public LocalTests() => _hub.CreateDb("db");

    public void Dispose() => _hub.Dispose();

    [Fact]
    public void MissingCheckpointIs404NotFound()
    {
        var r = _hub.Get("/db/_local/abc");
        Assert.Equal(404, r.Status);
        Assert.Contains("\"error\":\"not_found\"", r.Text);
        Assert.Equal("{\"error\":\"not_found\",\"reason\":\"missing\"}", r.Text);
    }

    [Fact]
    public void CheckpointLifecycleAsPouchDbWritesIt()
    {
        // PouchDB's replication id arrives with its '=' padding percent-encoded.
        string id = "abcDEF.12_3==";
        string path = "/db/_local/" + Uri.EscapeDataString(id);
        string body = "{\"_id\":\"_local/" + id + "\",\"session_id\":\"s1\",\"history\":[{\"last_seq\":5,\"session_id\":\"s1\"}],"
            + "\"replicator\":\"pouchdb\",\"version\":1,\"last_seq\":5}";
        var created = _hub.Put(path, body);
        created.AssertStatus(201);
        Assert.Equal("{\"ok\":true,\"id\":\"_local/" + id + "\",\"rev\":\"0-1\"}", created.Text);

        var doc = _hub.Get(path).Json;
        Assert.Equal("_local/" + id, doc.GetProperty("_id").GetString());
        Assert.Equal("0-1", doc.GetProperty("_rev").GetString());
        Assert.Equal(5, doc.GetProperty("last_seq").GetInt32());
        Assert.Equal("s1", doc.GetProperty("history")[0].GetProperty("session_id").GetString());

        _hub.Put(path, body).AssertError(409, "conflict");
        var updated = _hub.Put(path, body.Replace("\"last_seq\":5}", "\"last_seq\":9,\"_rev\":\"0-1\"}"));
        updated.AssertStatus(201);
        Assert.Equal("0-2", updated.Json.GetProperty("rev").GetString());
        Assert.Equal(9, _hub.Get(path).Json.GetProperty("last_seq").GetInt32());

        // Never in the changes feed, never counted as a document.
        Assert.Empty(_hub.Get("/db/_changes").Json.GetProperty("results").EnumerateArray());
        Assert.Equal(0, _hub.Get("/db").Json.GetProperty("doc_count").GetInt64());

        _hub.Delete(path).AssertError(409, "conflict");
        var deleted = _hub.Delete(path + "?rev=0-2");
        deleted.AssertStatus(200);
        Assert.Equal("0-0", deleted.Json.GetProperty("rev").GetString());
        _hub.Get(path).AssertError(404, "not_found");
        _hub.Delete(path + "?rev=0-2").AssertError(404, "not_found");
    }

    [Fact]
    public void CouchDbStyleCheckpointWithRevInBody()
    {
        var first = _hub.Put("/db/_local/0123456789abcdef0123456789abcdef", "{\"session_id\":\"x\",\"source_last_seq\":3,\"history\":[]}");
        first.AssertStatus(201);
        var second = _hub.Put("/db/_local/0123456789abcdef0123456789abcdef", "{\"_rev\":\"0-1\",\"session_id\":\"y\",\"source_last_seq\":7,\"history\":[]}");
        second.AssertStatus(201);
        Assert.Equal("0-2", second.Json.GetProperty("rev").GetString());
    }

    [Fact]
    public void LocalEdgeCases()
    {
        _hub.Get("/db/_local").AssertError(404, "not_found");
        _hub.Put("/db/_local/x", "[]").AssertError(400, "bad_request");
        _hub.Get("/nope/_local/x").AssertError(404, "not_found");
        _hub.Put("/db/_local/a%2Fb", "{\"v\":1}").AssertStatus(201);
        Assert.Equal("_local/a/b", _hub.Get("/db/_local/a%2Fb").Json.GetProperty("_id").GetString());
        Assert.Equal("_local/a/b", _hub.Get("/db/_local%2Fa%2Fb").Json.GetProperty("_id").GetString());
        Assert.Equal("_local documents do not accept attachments.", _hub.Get("/db/_local/a/b").AssertError(400, "bad_request"));
    }
}
