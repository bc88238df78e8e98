using System.Text.Json;
using ThaliNano.Couch.Tests.Fakes;

namespace ThaliNano.Couch.Tests;

/// <summary>
/// POST _bulk_get?revs=true&amp;latest=true: a 200 object whose only key is "results", exactly one entry per requested
/// (id, rev) in request order, each docs holding {"ok":doc} or {"error":{"id","rev","error","reason"}}.
/// </summary>
public sealed class BulkGetTests : IDisposable
{
    private static readonly string s_h1 = new('1', 32);
    private static readonly string s_h2 = new('2', 32);
    private static readonly string s_h3 = new('3', 32);
    private readonly TestHub _hub = new();

    public BulkGetTests() => _hub.CreateDb("db");

    public void Dispose() => _hub.Dispose();

    [Fact]
    public void ExactShapeInRequestOrder()
    {
        string ra = _hub.PutDoc("db", "a", "{\"v\":\"a\"}");
        string rb = _hub.PutDoc("db", "b", "{\"v\":\"b\"}");
        string body = "{\"docs\":[{\"id\":\"b\",\"rev\":\"" + rb + "\"},{\"id\":\"a\",\"rev\":\"" + ra + "\",\"atts_since\":[]},"
            + "{\"id\":\"a\",\"rev\":\"9-" + s_h3 + "\"},{\"id\":\"zz\",\"rev\":\"1-" + s_h1 + "\"}]}";
        var r = _hub.Post("/db/_bulk_get?revs=true&latest=true&attachments=false", body);
        r.AssertStatus(200);
        var root = r.Json;
        Assert.Equal(new[] { "results" }, root.EnumerateObject().Select(p => p.Name).ToArray());
        var results = root.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(new[] { "b", "a", "a", "zz" }, results.Select(x => x.GetProperty("id").GetString()).ToArray());
        foreach (var result in results)
        {
            Assert.Equal(new[] { "id", "docs" }, result.EnumerateObject().Select(p => p.Name).ToArray());
            Assert.Single(result.GetProperty("docs").EnumerateArray());
        }

        var okB = results[0].GetProperty("docs")[0].GetProperty("ok");
        Assert.Equal("b", okB.GetProperty("_id").GetString());
        Assert.Equal(rb, okB.GetProperty("_rev").GetString());
        Assert.Equal("b", okB.GetProperty("v").GetString());
        Assert.Equal(1, okB.GetProperty("_revisions").GetProperty("start").GetInt32());
        Assert.Equal(rb[2..], okB.GetProperty("_revisions").GetProperty("ids")[0].GetString());
        Assert.Equal("a", results[1].GetProperty("docs")[0].GetProperty("ok").GetProperty("v").GetString());
        Assert.Equal("{\"error\":{\"id\":\"a\",\"rev\":\"9-" + s_h3 + "\",\"error\":\"not_found\",\"reason\":\"missing\"}}",
            results[2].GetProperty("docs")[0].GetRawText());
        Assert.Equal("{\"error\":{\"id\":\"zz\",\"rev\":\"1-" + s_h1 + "\",\"error\":\"not_found\",\"reason\":\"missing\"}}",
            results[3].GetProperty("docs")[0].GetRawText());
    }

    [Fact]
    public void TombstonesAreServed()
    {
        string rev = _hub.PutDoc("db", "t", "{\"v\":1}");
        string tomb = _hub.Delete("/db/t?rev=" + rev).Json.GetProperty("rev").GetString()!;
        var ok = _hub.Post("/db/_bulk_get?revs=true", "{\"docs\":[{\"id\":\"t\",\"rev\":\"" + tomb + "\"}]}")
            .Json.GetProperty("results")[0].GetProperty("docs")[0].GetProperty("ok");
        Assert.True(ok.GetProperty("_deleted").GetBoolean());
        Assert.Equal(2, ok.GetProperty("_revisions").GetProperty("start").GetInt32());
    }

    [Fact]
    public void LatestGivesEveryLeafBelowTheRev()
    {
        _hub.Post("/db/_bulk_docs", "{\"new_edits\":false,\"docs\":[{\"_id\":\"c\",\"_rev\":\"2-" + s_h2 + "\",\"_revisions\":{\"start\":2,\"ids\":[\""
            + s_h2 + "\",\"" + s_h1 + "\"]}},{\"_id\":\"c\",\"_rev\":\"2-" + s_h3 + "\",\"_revisions\":{\"start\":2,\"ids\":[\"" + s_h3 + "\",\"" + s_h1 + "\"]}}]}")
            .AssertStatus(201);
        var docs = _hub.Post("/db/_bulk_get?latest=true", "{\"docs\":[{\"id\":\"c\",\"rev\":\"1-" + s_h1 + "\"}]}")
            .Json.GetProperty("results")[0].GetProperty("docs").EnumerateArray().ToList();
        Assert.Equal(new[] { "2-" + s_h2, "2-" + s_h3 }, docs.Select(d => d.GetProperty("ok").GetProperty("_rev").GetString()).OrderBy(x => x).ToArray());
        var without = _hub.Post("/db/_bulk_get", "{\"docs\":[{\"id\":\"c\",\"rev\":\"1-" + s_h1 + "\"}]}")
            .Json.GetProperty("results")[0].GetProperty("docs")[0];
        Assert.Equal("not_found", without.GetProperty("error").GetProperty("error").GetString());
    }

    [Fact]
    public void WithoutRevTheWinnerIsServed()
    {
        _hub.PutDoc("db", "w", "{\"v\":7}");
        var doc = _hub.Post("/db/_bulk_get", "{\"docs\":[{\"id\":\"w\"},{\"id\":\"none\"}]}").Json.GetProperty("results");
        Assert.Equal(7, doc[0].GetProperty("docs")[0].GetProperty("ok").GetProperty("v").GetInt32());
        Assert.Equal("not_found", doc[1].GetProperty("docs")[0].GetProperty("error").GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.Null, doc[1].GetProperty("docs")[0].GetProperty("error").GetProperty("rev").ValueKind);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"docs\":{}}")]
    [InlineData("{\"docs\":[\"a\"]}")]
    [InlineData("{\"docs\":[{\"id\":5}]}")]
    [InlineData("[]")]
    public void MalformedRequestsAre400(string body)
    {
        _hub.Post("/db/_bulk_get", body).AssertError(400, "bad_request");
    }

    [Fact]
    public void ManyDocsStreamAndKeepTheShape()
    {
        var ids = Enumerable.Range(0, 300).Select(i => "doc" + i).ToList();
        foreach (var batch in ids.Chunk(100))
        {
            _hub.Post("/db/_bulk_docs", "{\"docs\":[" + string.Join(",", batch.Select(id => "{\"_id\":\"" + id + "\",\"pad\":\"" + new string('x', 50) + "\"}")) + "]}")
                .AssertStatus(201);
        }
        var request = "{\"docs\":[" + string.Join(",", ids.Select(id => "{\"id\":\"" + id + "\"}")) + "]}";
        var r = _hub.Post("/db/_bulk_get?revs=true&latest=true", request);
        r.AssertStatus(200);
        Assert.Equal("chunked", r.Header("Transfer-Encoding"));
        Assert.Equal(ids, r.Json.GetProperty("results").EnumerateArray().Select(x => x.GetProperty("id").GetString()!).ToList());
    }

    [Fact]
    public void TooManyEntriesIs413()
    {
        using var hub = new TestHub(o => o.MaxRequestItems = 5);
        hub.CreateDb("db");
        string body = "{\"docs\":[" + string.Join(",", Enumerable.Range(0, 6).Select(i => "{\"id\":\"d" + i + "\"}")) + "]}";
        hub.Post("/db/_bulk_get", body).AssertError(413, "too_many_items");
    }
}
