using System.Text.Json;
using ThaliNano.Couch.Tests.Fakes;

namespace ThaliNano.Couch.Tests;

/// <summary>GET/PUT/DELETE /{db}/{docid} and POST /{db}, as the CouchDB 3 API documents them.</summary>
public sealed class DocumentTests : IDisposable
{
    private const string RevPattern = "^[0-9]+-[0-9a-f]{32}$";
    private static readonly string s_h1 = new('1', 32);
    private static readonly string s_h2 = new('2', 32);
    private static readonly string s_h3 = new('3', 32);
    private readonly TestHub _hub = new();

    public DocumentTests() => _hub.CreateDb("db");

    public void Dispose() => _hub.Dispose();

    [Fact]
    public void PutCreatesWith201OkIdRevAndETag()
    {
        var r = _hub.Put("/db/doc1", "{\"name\":\"x\",\"n\":[1,2.5,{\"deep\":null}]}");
        r.AssertStatus(201);
        var json = r.Json;
        Assert.True(json.GetProperty("ok").GetBoolean());
        Assert.Equal("doc1", json.GetProperty("id").GetString());
        string rev = json.GetProperty("rev").GetString()!;
        Assert.Matches("^1-[0-9a-f]{32}$", rev);
        Assert.Equal("\"" + rev + "\"", r.Header("ETag"));
        Assert.Equal(3, json.EnumerateObject().Count());

        var doc = _hub.Get("/db/doc1");
        doc.AssertStatus(200);
        Assert.Equal("\"" + rev + "\"", doc.Header("ETag"));
        var d = doc.Json;
        Assert.Equal("doc1", d.GetProperty("_id").GetString());
        Assert.Equal(rev, d.GetProperty("_rev").GetString());
        Assert.Equal("x", d.GetProperty("name").GetString());
        Assert.Equal(2.5, d.GetProperty("n")[1].GetDouble());
        Assert.Equal(JsonValueKind.Null, d.GetProperty("n")[2].GetProperty("deep").ValueKind);
        Assert.False(d.TryGetProperty("_deleted", out _));
    }

    [Fact]
    public void UpdatesNeedTheCurrentRevElse409Conflict()
    {
        string rev1 = _hub.PutDoc("db", "d", "{\"v\":1}");
        var conflict = _hub.Put("/db/d", "{\"v\":2}");
        Assert.Equal(409, conflict.Status);
        Assert.Equal("{\"error\":\"conflict\",\"reason\":\"Document update conflict.\"}", conflict.Text);
        string rev2 = _hub.PutDoc("db", "d", "{\"v\":2,\"_rev\":\"" + rev1 + "\"}");
        Assert.StartsWith("2-", rev2);
        _hub.Put("/db/d", "{\"v\":3,\"_rev\":\"" + rev1 + "\"}").AssertError(409, "conflict");
        var viaQuery = _hub.Put("/db/d?rev=" + rev2, "{\"v\":3}");
        viaQuery.AssertStatus(201);
        string rev3 = viaQuery.Json.GetProperty("rev").GetString()!;
        var viaIfMatch = _hub.Send(Keys.Admin, "PUT", "/db/d", "{\"v\":4}", ("If-Match", "\"" + rev3 + "\""));
        viaIfMatch.AssertStatus(201);
        Assert.StartsWith("4-", viaIfMatch.Json.GetProperty("rev").GetString());
        Assert.Equal(4, _hub.Get("/db/d").Json.GetProperty("v").GetInt32());
    }

    [Fact]
    public void DisagreeingRevsAre400()
    {
        string rev = _hub.PutDoc("db", "d", "{}");
        Assert.Equal("Document rev from request body and query string have different values",
            _hub.Put("/db/d?rev=1-" + s_h1, "{\"_rev\":\"" + rev + "\"}").AssertError(400, "bad_request"));
        Assert.Equal("Document rev and etag have different values",
            _hub.Send(Keys.Admin, "PUT", "/db/d?rev=" + rev, "{}", ("If-Match", "\"1-" + s_h1 + "\"")).AssertError(400, "bad_request"));
        Assert.Equal("Invalid rev format", _hub.Put("/db/d", "{\"_rev\":\"banana\"}").AssertError(400, "bad_request"));
        Assert.Equal(rev, _hub.Get("/db/d").Json.GetProperty("_rev").GetString());
    }

    [Fact]
    public void MissingAndDeletedDocumentsAre404WithCouchDbsReasons()
    {
        var missing = _hub.Get("/db/nope");
        Assert.Equal(404, missing.Status);
        Assert.Equal("{\"error\":\"not_found\",\"reason\":\"missing\"}", missing.Text);
        string rev = _hub.PutDoc("db", "gone", "{\"a\":1}");
        var deleted = _hub.Delete("/db/gone?rev=" + rev);
        deleted.AssertStatus(200);
        Assert.True(deleted.Json.GetProperty("ok").GetBoolean());
        string tomb = deleted.Json.GetProperty("rev").GetString()!;
        Assert.StartsWith("2-", tomb);
        Assert.Equal("{\"error\":\"not_found\",\"reason\":\"deleted\"}", _hub.Get("/db/gone").Text);
        var byRev = _hub.Get("/db/gone?rev=" + tomb);
        byRev.AssertStatus(200);
        Assert.True(byRev.Json.GetProperty("_deleted").GetBoolean());
        Assert.Equal("gone", byRev.Json.GetProperty("_id").GetString());
    }

    [Fact]
    public void DeleteNeedsARev()
    {
        string rev = _hub.PutDoc("db", "d", "{}");
        _hub.Delete("/db/d").AssertError(409, "conflict");
        _hub.Delete("/db/nope").AssertError(404, "not_found");
        _hub.Delete("/db/d?rev=1-" + s_h1).AssertError(409, "conflict");
        var viaIfMatch = _hub.Send(Keys.Admin, "DELETE", "/db/d", null, ("If-Match", "\"" + rev + "\""));
        viaIfMatch.AssertStatus(200);
        Assert.Equal("d", viaIfMatch.Json.GetProperty("id").GetString());
    }

    [Fact]
    public void RecreatingADeletedDocumentNeedsNoRev()
    {
        string rev = _hub.PutDoc("db", "d", "{\"v\":1}");
        _hub.Delete("/db/d?rev=" + rev).AssertStatus(200);
        string again = _hub.PutDoc("db", "d", "{\"v\":2}");
        Assert.StartsWith("3-", again);
        Assert.Equal(2, _hub.Get("/db/d").Json.GetProperty("v").GetInt32());
    }

    [Fact]
    public void PutWithDeletedTrueDeletes()
    {
        string rev = _hub.PutDoc("db", "d", "{\"v\":1}");
        _hub.Put("/db/d", "{\"_rev\":\"" + rev + "\",\"_deleted\":true}").AssertStatus(201);
        Assert.Equal("deleted", _hub.Get("/db/d").AssertError(404, "not_found"));
    }

    [Fact]
    public void RevsTrueGivesRevisionsNewestFirstWithoutPrefixes()
    {
        string r1 = _hub.PutDoc("db", "d", "{}");
        string r2 = _hub.PutDoc("db", "d", "{\"_rev\":\"" + r1 + "\"}");
        string r3 = _hub.PutDoc("db", "d", "{\"_rev\":\"" + r2 + "\"}");
        var revisions = _hub.Get("/db/d?revs=true").Json.GetProperty("_revisions");
        Assert.Equal(3, revisions.GetProperty("start").GetInt32());
        Assert.Equal(new[] { r3[2..], r2[2..], r1[2..] }, revisions.GetProperty("ids").EnumerateArray().Select(e => e.GetString()).ToArray());
        Assert.False(_hub.Get("/db/d").Json.TryGetProperty("_revisions", out _));
    }

    [Fact]
    public void NewEditsFalseStoresTheGivenRevisionsAndMakesConflicts()
    {
        var a = _hub.Put("/db/c?new_edits=false", "{\"_rev\":\"1-" + s_h1 + "\",\"side\":\"a\"}");
        a.AssertStatus(201);
        Assert.Equal("1-" + s_h1, a.Json.GetProperty("rev").GetString());
        _hub.Put("/db/c?new_edits=false", "{\"_rev\":\"1-" + s_h2 + "\",\"side\":\"b\"}").AssertStatus(201);
        _hub.Put("/db/c?new_edits=false", "{\"_rev\":\"1-" + s_h2 + "\",\"side\":\"b\"}").AssertStatus(201);
        var doc = _hub.Get("/db/c?conflicts=true").Json;
        Assert.Equal("1-" + s_h2, doc.GetProperty("_rev").GetString());
        Assert.Equal("b", doc.GetProperty("side").GetString());
        Assert.Equal(new[] { "1-" + s_h1 }, doc.GetProperty("_conflicts").EnumerateArray().Select(e => e.GetString()).ToArray());
        Assert.Equal("a", _hub.Get("/db/c?rev=1-" + s_h1).Json.GetProperty("side").GetString());

        // A tombstone on the losing branch shows up as a deleted conflict.
        _hub.Put("/db/c?new_edits=false", "{\"_rev\":\"2-" + s_h3 + "\",\"_deleted\":true,\"_revisions\":{\"start\":2,\"ids\":[\"" + s_h3 + "\",\"" + s_h1 + "\"]}}")
            .AssertStatus(201);
        var after = _hub.Get("/db/c?conflicts=true&deleted_conflicts=true").Json;
        Assert.False(after.TryGetProperty("_conflicts", out _));
        Assert.Equal(new[] { "2-" + s_h3 }, after.GetProperty("_deleted_conflicts").EnumerateArray().Select(e => e.GetString()).ToArray());
    }

    [Fact]
    public void NewEditsFalseNeedsARevOrWellFormedRevisions()
    {
        _hub.Put("/db/x?new_edits=false", "{\"a\":1}").AssertError(400, "bad_request");
        _hub.Put("/db/x?new_edits=false", "{\"_rev\":\"notarev\"}").AssertError(400, "bad_request");
        _hub.Put("/db/x?new_edits=false", "{\"_revisions\":{\"start\":0,\"ids\":[\"" + s_h2 + "\"]}}").AssertError(400, "bad_request");
        _hub.Put("/db/x?new_edits=false", "{\"_revisions\":{\"start\":1,\"ids\":[]}}").AssertError(400, "bad_request");
        _hub.Get("/db/x").AssertError(404, "not_found");
    }

    [Fact]
    public void LatestFollowsARevToItsLeaf()
    {
        string r1 = _hub.PutDoc("db", "d", "{\"v\":1}");
        string r2 = _hub.PutDoc("db", "d", "{\"v\":2,\"_rev\":\"" + r1 + "\"}");
        _hub.Get("/db/d?rev=" + r1).AssertError(404, "not_found");
        var latest = _hub.Get("/db/d?rev=" + r1 + "&latest=true");
        latest.AssertStatus(200);
        Assert.Equal(r2, latest.Json.GetProperty("_rev").GetString());
    }

    [Fact]
    public void PostGeneratesLowercaseHexIdsOrUsesTheGivenOne()
    {
        var ids = new HashSet<string>();
        for (int i = 0; i < 20; i++)
        {
            var r = _hub.Post("/db", "{\"i\":" + i + "}");
            r.AssertStatus(201);
            string id = r.Json.GetProperty("id").GetString()!;
            Assert.Matches("^[0-9a-f]{32}$", id);
            Assert.Matches("^1-[0-9a-f]{32}$", r.Json.GetProperty("rev").GetString()!);
            Assert.True(ids.Add(id));
            Assert.Equal(i, _hub.Get("/db/" + id).Json.GetProperty("i").GetInt32());
        }

        var named = _hub.Post("/db/", "{\"_id\":\"chosen\",\"v\":1}");
        named.AssertStatus(201);
        Assert.Equal("chosen", named.Json.GetProperty("id").GetString());
        _hub.Post("/db", "{\"_id\":\"chosen\"}").AssertError(409, "conflict");
    }

    [Fact]
    public void BatchOkIs202WithoutRevAndStillWrites()
    {
        var r = _hub.Put("/db/b?batch=ok", "{\"v\":1}");
        r.AssertStatus(202);
        Assert.Equal("{\"ok\":true,\"id\":\"b\"}", r.Text);
        _hub.Get("/db/b").AssertStatus(200);
        _hub.Put("/db/b?batch=maybe", "{}").AssertError(400, "query_parse_error");
    }

    [Fact]
    public void IdsWithSlashesAndUnicodeRoundTrip()
    {
        string id = "a/b c+d?é€😀";
        string rev = _hub.PutDoc("db", id, "{\"x\":\"ü\"}");
        var doc = _hub.Get("/db/" + Uri.EscapeDataString(id)).Json;
        Assert.Equal(id, doc.GetProperty("_id").GetString());
        Assert.Equal("ü", doc.GetProperty("x").GetString());
        Assert.Equal(rev, doc.GetProperty("_rev").GetString());
    }

    [Fact]
    public void UnsupportedDocumentFeaturesGetClearErrors()
    {
        Assert.Contains("attachments", _hub.Put("/db/att", "{\"_attachments\":{\"a.txt\":{\"content_type\":\"text/plain\",\"data\":\"aGk=\"}}}")
            .AssertError(400, "bad_request"));
        _hub.Put("/db/empty-att", "{\"_attachments\":{}}").AssertStatus(201);
        Assert.Contains("attachments", _hub.Send(Keys.Admin, "PUT", "/db/mp", "--x\r\n\r\n{}\r\n--x--", ("Content-Type", "multipart/related; boundary=x"))
            .AssertError(400, "bad_request"));
        Assert.Contains("attachments", _hub.Get("/db/att/file.txt").AssertError(400, "bad_request"));
        _hub.PutDoc("db", "plain", "{}");
        Assert.Contains("attachments", _hub.Get("/db/plain?attachments=true").AssertError(400, "bad_request"));
        Assert.Contains("design", _hub.Get("/db/_design/ddoc").AssertError(404, "not_found"));
        Assert.Contains("design", _hub.Put("/db/_design/ddoc", "{\"views\":{}}").AssertError(403, "forbidden"));
        Assert.Contains("design", _hub.Get("/db/_design/ddoc/_view/v").AssertError(404, "not_found"));
        Assert.Contains("design", _hub.Put("/db/_design%2Fddoc", "{}").AssertError(403, "forbidden"));
        Assert.Equal("Only reserved document ids may start with underscore.", _hub.Put("/db/_weird", "{}").AssertError(400, "illegal_docid"));
        Assert.Equal("Only reserved document ids may start with underscore.", _hub.Post("/db", "{\"_id\":\"_weird\"}").AssertError(400, "illegal_docid"));
        Assert.Contains("revs_info", _hub.Get("/db/plain?open_revs=all&revs_info=true").AssertError(400, "bad_request"));
        _hub.Get("/db/plain?revs=yes").AssertError(400, "query_parse_error");
        Assert.Equal(2, _hub.Get("/db").Json.GetProperty("doc_count").GetInt64());
    }

    [Fact]
    public void BadBodiesAre400AndLeaveTheStoreAlone()
    {
        string rev = _hub.PutDoc("db", "d", "{\"v\":1}");
        string[] bodies =
        [
            "", "{", "[1,2]", "\"str\"", "{\"a\":}", "{\"a\":1,}", "{\"a\":tru}", "{\"a\":1} x", "{\"_rev\":5}",
            "{\"_deleted\":\"yes\"}", "{\"_revisions\":[1]}", "{\"a\":\"\u0001\"}", "{\"a\":01}", "{\"a\":\"\\x\"}",
        ];
        foreach (string body in bodies)
        {
            var r = _hub.Put("/db/d?rev=" + rev, body);
            Assert.True(r.Status == 400, body + " -> " + r.Status + " " + r.Text);
            Assert.NotNull(r.Json.GetProperty("reason").GetString());
        }

        Assert.Equal("Bad special document member: _foo", _hub.Put("/db/d?rev=" + rev, "{\"_foo\":1}").AssertError(400, "doc_validation"));
        Assert.Equal(rev, _hub.Get("/db/d").Json.GetProperty("_rev").GetString());
        Assert.Equal(1, _hub.Get("/db").Json.GetProperty("update_seq").GetInt64());
    }

    [Fact]
    public void IgnoredSpecialFieldsAreDropped()
    {
        _hub.Put("/db/d", "{\"_id\":\"other\",\"_conflicts\":[\"1-a\"],\"_revs_info\":[],\"_local_seq\":3,\"v\":1}").AssertStatus(201);
        var doc = _hub.Get("/db/d").Json;
        Assert.Equal("d", doc.GetProperty("_id").GetString());
        Assert.Equal(new[] { "_id", "_rev", "v" }, doc.EnumerateObject().Select(p => p.Name).ToArray());
    }

    [Fact]
    public void OversizedDocumentsAre413()
    {
        using var hub = new TestHub(o => o.MaxDocumentBytes = 1024);
        hub.CreateDb("db");
        string big = "{\"a\":\"" + new string('x', 2000) + "\"}";
        hub.Put("/db/big", big).AssertError(413, "document_too_large");
        string nested = "{\"a\":[" + string.Join(",", Enumerable.Repeat("\"" + new string('y', 100) + "\"", 20)) + "]}";
        hub.Put("/db/big", nested).AssertError(413, "document_too_large");
        hub.Put("/db/small", "{\"a\":\"" + new string('x', 900) + "\"}").AssertStatus(201);
        hub.Get("/db/big").AssertError(404, "not_found");
    }

    [Fact]
    public void MethodsOtherThanGetHeadPutDeleteAre405()
    {
        _hub.PutDoc("db", "d", "{}");
        _hub.Send(Keys.Admin, "COPY", "/db/d", null, ("Destination", "e")).AssertError(405, "method_not_allowed");
        _hub.Post("/db/d", "{}").AssertError(405, "method_not_allowed");
    }

    [Fact]
    public void HeadOfADocumentHasItsETag()
    {
        string rev = _hub.PutDoc("db", "d", "{}");
        var head = _hub.Send(Keys.Admin, "HEAD", "/db/d");
        head.AssertStatus(200);
        Assert.Equal("\"" + rev + "\"", head.Header("ETag"));
        Assert.Empty(head.Body);
    }
}
