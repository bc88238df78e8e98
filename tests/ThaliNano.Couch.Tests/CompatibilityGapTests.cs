using System.Text.Json;
using ThaliNano.Couch.Tests.Fakes;

namespace ThaliNano.Couch.Tests;

/// <summary>Gaps PouchDB's replication tests found: _revisions over _rev, feeds of deleted databases, design filters.</summary>
public sealed class CompatibilityGapTests : IDisposable
{
    private static readonly string s_h1 = new('1', 32);
    private static readonly string s_h2 = new('2', 32);
    private readonly TestHub _hub = new();

    public CompatibilityGapTests() => _hub.CreateDb("db");

    public void Dispose() => _hub.Dispose();

    [Fact]
    public void ReplicatedPutTakesRevisionsOverADisagreeingRev()
    {
        // As CouchDB: with new_edits=false, _revisions sets the revision and _rev is ignored.
        _hub.Put("/db/k?new_edits=false", "{\"_rev\":\"1-" + s_h1 + "\",\"_revisions\":{\"start\":2,\"ids\":[\"" + s_h1 + "\",\"" + s_h1 + "\"]},\"v\":1}")
            .AssertStatus(201);
        var doc = _hub.Get("/db/k?revs=true").Json;
        Assert.Equal("2-" + s_h1, doc.GetProperty("_rev").GetString());
        Assert.Equal(new[] { s_h1, s_h1 }, doc.GetProperty("_revisions").GetProperty("ids").EnumerateArray().Select(x => x.GetString()).ToArray());
    }

    [Fact]
    public void ReplicatedBulkDocsTakeRevisionsOverADisagreeingRev()
    {
        var r = _hub.Post("/db/_bulk_docs", "{\"new_edits\":false,\"docs\":[{\"_id\":\"k\",\"_rev\":\"9-" + s_h2
            + "\",\"_revisions\":{\"start\":2,\"ids\":[\"" + s_h2 + "\",\"" + s_h1 + "\"]}}]}");
        r.AssertStatus(201);
        Assert.Equal("[]", r.Text);
        Assert.Equal("2-" + s_h2, _hub.Get("/db/k").Json.GetProperty("_rev").GetString());
    }

    [Fact]
    public void DeletingTheDatabaseEndsAWaitingLongpollWithItsLastSeq()
    {
        _hub.PutDoc("db", "a", "{}");
        var feed = _hub.Start(Keys.Admin, "GET", "/db/_changes?feed=longpoll&since=1&timeout=30000");
        Thread.Sleep(200);
        _hub.Delete("/db").AssertStatus(200);
        Assert.True(feed.WaitClosed(TimeSpan.FromSeconds(5)), "the longpoll outlived its database");
        var r = Response.Parse(feed.Written);
        r.AssertStatus(200);
        Assert.Empty(r.Json.GetProperty("results").EnumerateArray());
        Assert.Equal(1, r.Json.GetProperty("last_seq").GetInt64());
    }

    [Fact]
    public void DeletingTheDatabaseEndsAContinuousFeedWithTheLastSeqLine()
    {
        _hub.PutDoc("db", "a", "{}");
        var feed = _hub.Start(Keys.Admin, "GET", "/db/_changes?feed=continuous&since=0&timeout=30000");
        Assert.True(feed.WaitFor("\"id\":\"a\"", TimeSpan.FromSeconds(3)));
        _hub.Delete("/db").AssertStatus(200);
        Assert.True(feed.WaitClosed(TimeSpan.FromSeconds(5)), "the feed outlived its database");
        var r = Response.Parse(feed.Written);
        r.AssertStatus(200);
        var lines = r.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal("{\"last_seq\":1,\"pending\":0}", lines[1]);
    }

    [Fact]
    public void DesignFiltersAreNotFoundAsCouchDbAnswersForAMissingDesignDocument()
    {
        Assert.Equal("missing", _hub.Get("/db/_changes?filter=app/by_type").AssertError(404, "not_found"));
        Assert.Equal("missing", _hub.Get("/db/_changes?feed=longpoll&filter=app%2Fby_type").AssertError(404, "not_found"));
        Assert.Equal("`filter` must be of the form `designname/filtername`", _hub.Get("/db/_changes?filter=nofilter").AssertError(400, "bad_request"));
        _hub.Get("/db/_changes?filter=_selector").AssertError(400, "bad_request");
    }

    [Fact]
    public void RevsInfoListsTheWinnersPathWithAvailability()
    {
        string r1 = _hub.PutDoc("db", "a", "{}");
        string r2 = _hub.PutDoc("db", "a", "{\"_rev\":\"" + r1 + "\"}");
        var doc = _hub.Get("/db/a?revs_info=true");
        doc.AssertStatus(200);
        Assert.Equal("[{\"rev\":\"" + r2 + "\",\"status\":\"available\"},{\"rev\":\"" + r1 + "\",\"status\":\"missing\"}]",
            doc.Json.GetProperty("_revs_info").GetRawText());
        string r3 = _hub.Delete("/db/a?rev=" + r2).Json.GetProperty("rev").GetString()!;
        var tomb = _hub.Get("/db/a?rev=" + r3 + "&revs_info=true").Json.GetProperty("_revs_info");
        Assert.Equal("deleted", tomb[0].GetProperty("status").GetString());
        Assert.Equal(3, tomb.GetArrayLength());
    }

    [Fact]
    public void ChangesDescendingListsNewestFirst()
    {
        _hub.PutDoc("db", "a", "{}");
        _hub.PutDoc("db", "b", "{}");
        _hub.PutDoc("db", "c", "{}");
        var r = _hub.Get("/db/_changes?descending=true");
        r.AssertStatus(200);
        Assert.Equal(new[] { "c", "b", "a" }, r.Json.GetProperty("results").EnumerateArray().Select(x => x.GetProperty("id").GetString()).ToArray());
        Assert.Equal(1, r.Json.GetProperty("last_seq").GetInt64());
        var limited = _hub.Get("/db/_changes?descending=true&limit=1").Json;
        Assert.Equal("c", limited.GetProperty("results")[0].GetProperty("id").GetString());
        Assert.Equal(3, limited.GetProperty("last_seq").GetInt64());
    }
}
