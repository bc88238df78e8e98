using System.Diagnostics;
using System.Text.Json;
using ThaliNano.Couch.Tests.Fakes;

namespace ThaliNano.Couch.Tests;

/// <summary>
/// _changes as PouchDB 9 and the CouchDB 3 replicator read it: rows {"seq","id","changes":[{"rev"}],"deleted"?},
/// last_seq and pending; normal (streamed, no limit needed), longpoll, continuous; since, limit, style, include_docs,
/// filter=_doc_ids.
/// </summary>
public sealed class ChangesTests : IDisposable
{
    private static readonly string s_h1 = new('1', 32);
    private static readonly string s_h2 = new('2', 32);
    private readonly TestHub _hub = new();

    public ChangesTests() => _hub.CreateDb("db");

    public void Dispose() => _hub.Dispose();

    private static List<JsonElement> Rows(Response r) => r.Json.GetProperty("results").EnumerateArray().ToList();

    [Fact]
    public void EachDocumentOnceAtItsLatestSeq()
    {
        string a1 = _hub.PutDoc("db", "a", "{}");
        _hub.PutDoc("db", "b", "{}");
        string a2 = _hub.PutDoc("db", "a", "{\"_rev\":\"" + a1 + "\"}");
        string c = _hub.PutDoc("db", "c", "{}");
        string cDel = _hub.Delete("/db/c?rev=" + c).Json.GetProperty("rev").GetString()!;
        var r = _hub.Get("/db/_changes");
        r.AssertStatus(200);
        var rows = Rows(r);
        Assert.Equal(new[] { "b", "a", "c" }, rows.Select(x => x.GetProperty("id").GetString()).ToArray());
        Assert.Equal(new long[] { 2, 3, 5 }, rows.Select(x => x.GetProperty("seq").GetInt64()).ToArray());
        Assert.Equal("{\"seq\":3,\"id\":\"a\",\"changes\":[{\"rev\":\"" + a2 + "\"}]}", rows[1].GetRawText());
        Assert.Equal("{\"seq\":5,\"id\":\"c\",\"changes\":[{\"rev\":\"" + cDel + "\"}],\"deleted\":true}", rows[2].GetRawText());
        Assert.Equal(5, r.Json.GetProperty("last_seq").GetInt64());
        Assert.Equal(0, r.Json.GetProperty("pending").GetInt64());
    }

    [Fact]
    public void StyleAllDocsListsEveryLeafMainOnlyTheWinner()
    {
        _hub.Post("/db/_bulk_docs", "{\"new_edits\":false,\"docs\":[{\"_id\":\"k\",\"_rev\":\"1-" + s_h1 + "\"},{\"_id\":\"k\",\"_rev\":\"1-" + s_h2 + "\"}]}")
            .AssertStatus(201);
        var all = Rows(_hub.Get("/db/_changes?style=all_docs")).Single().GetProperty("changes").EnumerateArray()
            .Select(x => x.GetProperty("rev").GetString()).ToArray();
        Assert.Equal(new[] { "1-" + s_h1, "1-" + s_h2 }, all.OrderBy(x => x).ToArray());
        var main = Rows(_hub.Get("/db/_changes?style=main_only")).Single().GetProperty("changes").EnumerateArray()
            .Select(x => x.GetProperty("rev").GetString()).ToArray();
        Assert.Equal(new[] { "1-" + s_h2 }, main);
        Assert.Equal(main, Rows(_hub.Get("/db/_changes")).Single().GetProperty("changes").EnumerateArray().Select(x => x.GetProperty("rev").GetString()).ToArray());
    }

    [Fact]
    public void PouchDbPagesWithSinceAndLimitUntilEmpty()
    {
        for (int i = 0; i < 25; i++)
        {
            _hub.PutDoc("db", "d" + i.ToString("00"), "{}");
        }

        var seen = new List<string>();
        long since = 0;
        int requests = 0;
        while (true)
        {
            var r = _hub.Get("/db/_changes?style=all_docs&since=" + since + "&limit=10");
            requests++;
            var rows = Rows(r);
            if (rows.Count == 0)
            {
                Assert.Equal(since, r.Json.GetProperty("last_seq").GetInt64());
                Assert.Equal(0, r.Json.GetProperty("pending").GetInt64());
                break;
            }

            Assert.Equal(rows[^1].GetProperty("seq").GetInt64(), r.Json.GetProperty("last_seq").GetInt64());
            Assert.Equal(25 - seen.Count - rows.Count, r.Json.GetProperty("pending").GetInt64());
            seen.AddRange(rows.Select(x => x.GetProperty("id").GetString()!));
            since = rows[^1].GetProperty("seq").GetInt64();
        }

        Assert.Equal(Enumerable.Range(0, 25).Select(i => "d" + i.ToString("00")), seen);
        Assert.Equal(4, requests);
    }

    [Fact]
    public void LimitZeroReportsPendingForTheCouchDbReplicator()
    {
        for (int i = 0; i < 7; i++)
        {
            _hub.PutDoc("db", "d" + i, "{}");
        }

        var r = _hub.Get("/db/_changes?since=3&limit=0");
        Assert.Empty(Rows(r));
        Assert.Equal(3, r.Json.GetProperty("last_seq").GetInt64());
        Assert.Equal(4, r.Json.GetProperty("pending").GetInt64());
    }

    [Fact]
    public void SinceNowAndIncludeDocs()
    {
        _hub.PutDoc("db", "old", "{}");
        var now = _hub.Get("/db/_changes?since=now");
        Assert.Empty(Rows(now));
        Assert.Equal(1, now.Json.GetProperty("last_seq").GetInt64());
        string rev = _hub.PutDoc("db", "new", "{\"v\":42}");
        string gone = _hub.PutDoc("db", "gone", "{\"v\":1}");
        _hub.Delete("/db/gone?rev=" + gone).AssertStatus(200);
        var rows = Rows(_hub.Get("/db/_changes?since=1&include_docs=true"));
        Assert.Equal(42, rows[0].GetProperty("doc").GetProperty("v").GetInt32());
        Assert.Equal(rev, rows[0].GetProperty("doc").GetProperty("_rev").GetString());
        Assert.True(rows[1].GetProperty("doc").GetProperty("_deleted").GetBoolean());
        Assert.Equal("gone", rows[1].GetProperty("doc").GetProperty("_id").GetString());
    }

    [Fact]
    public void DocIdsFilterInBodyOrQuery()
    {
        foreach (string id in new[] { "a", "b", "c", "d" })
        {
            _hub.PutDoc("db", id, "{}");
        }

        var viaBody = Rows(_hub.Post("/db/_changes?filter=_doc_ids&style=all_docs", "{\"doc_ids\":[\"d\",\"b\",\"zz\"]}"));
        Assert.Equal(new[] { "b", "d" }, viaBody.Select(x => x.GetProperty("id").GetString()).ToArray());
        var viaQuery = _hub.Get("/db/_changes?filter=_doc_ids&doc_ids=" + Uri.EscapeDataString("[\"c\"]") + "&limit=1");
        Assert.Equal(new[] { "c" }, Rows(viaQuery).Select(x => x.GetProperty("id").GetString()).ToArray());
        Assert.Equal(3, viaQuery.Json.GetProperty("last_seq").GetInt64());
        _hub.Post("/db/_changes?filter=_doc_ids", "{}").AssertError(400, "bad_request");
    }

    [Theory]
    [InlineData("feed=eventsource")]
    [InlineData("feed=sometimes")]
    [InlineData("since=abc")]
    [InlineData("since=-1")]
    [InlineData("style=winners")]
    [InlineData("descending=true&feed=longpoll")]
    [InlineData("descending=true&feed=continuous")]
    [InlineData("filter=_selector")]
    [InlineData("filter=no_design_name")]
    [InlineData("attachments=true&include_docs=true")]
    public void UnsupportedValuesAre400(string query)
    {
        _hub.Get("/db/_changes?" + query).AssertError(400, "bad_request");
    }

    [Theory]
    [InlineData("limit=ten")]
    [InlineData("include_docs=1")]
    [InlineData("timeout=soon")]
    public void UnparsableValuesAre400(string query)
    {
        _hub.Get("/db/_changes?" + query).AssertError(400, "query_parse_error");
    }

    [Fact]
    public void LongpollAnswersAtOnceWhenThereAreRows()
    {
        _hub.PutDoc("db", "a", "{}");
        var watch = Stopwatch.StartNew();
        var r = _hub.Get("/db/_changes?style=all_docs&feed=longpoll&heartbeat=10000&since=0&limit=100");
        Assert.True(watch.ElapsedMilliseconds < 2000);
        Assert.Equal("a", Rows(r).Single().GetProperty("id").GetString());
    }

    [Fact]
    public void LongpollWakesOnAWriteFromAnotherThread()
    {
        _hub.PutDoc("db", "first", "{}");
        var feed = _hub.Start(Keys.Admin, "GET", "/db/_changes?style=all_docs&feed=longpoll&heartbeat=10000&since=1&limit=100");
        Thread.Sleep(300);
        Assert.False(feed.WaitClosed(TimeSpan.Zero), "the longpoll answered before anything was written");
        var writer = new Thread(() => _hub.PutDoc("db", "second", "{\"v\":2}"));
        writer.Start();
        Assert.True(feed.WaitClosed(TimeSpan.FromSeconds(5)));
        writer.Join();
        var r = Response.Parse(feed.Written);
        var row = Rows(r).Single();
        Assert.Equal("second", row.GetProperty("id").GetString());
        Assert.Equal(2, row.GetProperty("seq").GetInt64());
        Assert.Equal(2, r.Json.GetProperty("last_seq").GetInt64());
    }

    [Fact]
    public void OnAHubServingOneRequestAtATimeWaitingFeedsLetTheWriteTheyWaitForIn()
    {
        using var hub = new TestHub(http: o => o.MaxRequestsAtOnce = 1);
        hub.CreateDb("db");
        var longpoll = hub.Start(Keys.Admin, "GET", "/db/_changes?feed=longpoll&timeout=10000");
        var continuous = hub.Start(Keys.Admin, "GET", "/db/_changes?feed=continuous&timeout=10000&limit=1");
        Thread.Sleep(300);
        var watch = Stopwatch.StartNew();
        hub.PutDoc("db", "written", "{}");
        Assert.True(watch.ElapsedMilliseconds < 5000, "the write waited for a feed's timeout");
        Assert.True(longpoll.WaitClosed(TimeSpan.FromSeconds(5)));
        Assert.True(continuous.WaitClosed(TimeSpan.FromSeconds(5)));
        Assert.Equal("written", Rows(Response.Parse(longpoll.Written)).Single().GetProperty("id").GetString());
        Assert.Contains("\"id\":\"written\"", Response.Parse(continuous.Written).Text);
    }

    [Fact]
    public void LongpollWakesOnAWriteThatBypassedTheHandler()
    {
        var feed = _hub.Start(Keys.Admin, "GET", "/db/_changes?feed=longpoll&timeout=10000");
        Thread.Sleep(200);
        _hub.Store.OpenDatabase("db").Put("direct", null, "{}"u8.ToArray());
        Assert.True(feed.WaitClosed(TimeSpan.FromSeconds(5)));
        Assert.Equal("direct", Rows(Response.Parse(feed.Written)).Single().GetProperty("id").GetString());
    }

    [Fact]
    public void LongpollTimesOutEmptyWithTheRightLastSeq()
    {
        _hub.PutDoc("db", "a", "{}");
        _hub.PutDoc("db", "b", "{}");
        var watch = Stopwatch.StartNew();
        var r = _hub.Get("/db/_changes?feed=longpoll&since=2&timeout=400");
        long elapsed = watch.ElapsedMilliseconds;
        Assert.InRange(elapsed, 350, 5000);
        r.AssertStatus(200);
        Assert.Empty(Rows(r));
        Assert.Equal(2, r.Json.GetProperty("last_seq").GetInt64());
        Assert.Equal(0, r.Json.GetProperty("pending").GetInt64());
    }

    [Fact]
    public void LongpollSendsHeartbeatNewlinesWhileWaiting()
    {
        var feed = _hub.Start(Keys.Admin, "GET", "/db/_changes?feed=longpoll&since=0&heartbeat=150&timeout=1000");
        Assert.True(feed.WaitFor("\r\n\n", TimeSpan.FromSeconds(3)), "no heartbeat arrived");
        Assert.False(feed.WaitClosed(TimeSpan.Zero));
        Assert.True(feed.WaitClosed(TimeSpan.FromSeconds(5)));
        var r = Response.Parse(feed.Written);
        Assert.Equal("chunked", r.Header("Transfer-Encoding"));
        Assert.True(r.Text.Count(c => c == '\n') >= 3, r.Text);
        Assert.Empty(Rows(r));
        Assert.Equal(0, r.Json.GetProperty("last_seq").GetInt64());
    }

    [Fact]
    public void LongpollTimeoutIsCapped()
    {
        using var hub = new TestHub(o =>
        {
            o.DefaultFeedTimeoutMilliseconds = 200;
            o.MaxFeedTimeoutMilliseconds = 300;
        });
        hub.CreateDb("db");
        var watch = Stopwatch.StartNew();
        Assert.Empty(Rows(hub.Get("/db/_changes?feed=longpoll&timeout=600000")));
        Assert.InRange(watch.ElapsedMilliseconds, 250, 5000);
        watch.Restart();
        hub.Get("/db/_changes?feed=longpoll").AssertStatus(200);
        Assert.InRange(watch.ElapsedMilliseconds, 150, 5000);
    }

    [Fact]
    public void ContinuousFeedRowsThenLastSeq()
    {
        _hub.PutDoc("db", "a", "{}");
        var feed = _hub.Start(Keys.Admin, "GET", "/db/_changes?feed=continuous&timeout=600&since=0&style=all_docs");
        Assert.True(feed.WaitFor("\"id\":\"a\"", TimeSpan.FromSeconds(3)));
        _hub.PutDoc("db", "b", "{}");
        Assert.True(feed.WaitFor("\"id\":\"b\"", TimeSpan.FromSeconds(3)));
        Assert.True(feed.WaitClosed(TimeSpan.FromSeconds(5)));
        var lines = Response.Parse(feed.Written).Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal("a", JsonDocument.Parse(lines[0]).RootElement.GetProperty("id").GetString());
        Assert.Equal(1, JsonDocument.Parse(lines[0]).RootElement.GetProperty("seq").GetInt64());
        Assert.Equal("b", JsonDocument.Parse(lines[1]).RootElement.GetProperty("id").GetString());
        Assert.Equal("{\"last_seq\":2,\"pending\":0}", lines[2]);
    }

    [Fact]
    public void ContinuousFeedStopsAtTheLimit()
    {
        for (int i = 0; i < 5; i++)
        {
            _hub.PutDoc("db", "d" + i, "{}");
        }

        var r = _hub.Get("/db/_changes?feed=continuous&limit=2&timeout=5000");
        var lines = r.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal("{\"last_seq\":2,\"pending\":3}", lines[2]);
    }

    [Fact]
    public void LargeFeedIsStreamedRowByRow()
    {
        const int docs = 2000;
        for (int start = 0; start < docs; start += 100)
        {
            string batch = string.Join(",", Enumerable.Range(start, 100).Select(i => "{\"_id\":\"doc-" + i.ToString("00000") + "\",\"pad\":\"" + new string('p', 200) + "\"}"));
            _hub.Post("/db/_bulk_docs", "{\"docs\":[" + batch + "]}").AssertStatus(201);
        }

        long logBytes = _hub.Get("/db").Json.GetProperty("sizes").GetProperty("file").GetInt64();

        // A client that stops reading after 4 KB: a streamed feed has read only a little of the log by then.
        var connection = _hub.Prepare(Keys.Admin, "GET", "/db/_changes?style=all_docs");
        connection.StallAfter(4096);
        long readBefore = _hub.Storage.ReadBytes;
        _hub.Submit(connection);
        var until = DateTime.UtcNow.AddSeconds(10);
        while (!connection.Stalled && DateTime.UtcNow < until)
        {
            Thread.Sleep(5);
        }

        Assert.True(connection.Stalled);
        long readWhileStalled = _hub.Storage.ReadBytes - readBefore;
        Assert.True(readWhileStalled < logBytes / 4, $"read {readWhileStalled} of {logBytes} log bytes before sending 4 KB");
        connection.Release();
        Assert.True(connection.WaitClosed(TimeSpan.FromSeconds(30)));
        var r = Response.Parse(connection.Written);
        Assert.Equal("chunked", r.Header("Transfer-Encoding"));
        Assert.Equal(docs, Rows(r).Count);
        Assert.Equal(docs, r.Json.GetProperty("last_seq").GetInt64());

        // Allocation per row stays bounded (no reply built in RAM): the handler adds a small constant per row to what
        // the store's own cursor allocates.
        var db = _hub.Store.OpenDatabase("db");
        long before = GC.GetAllocatedBytesForCurrentThread();
        var cursor = db.GetChanges(0, 0);
        while (cursor.MoveNext())
        {
        }

        long storePerRow = (GC.GetAllocatedBytesForCurrentThread() - before) / docs;
        var measured = _hub.Get("/db/_changes?style=all_docs");
        Assert.Equal(docs, Rows(measured).Count);
        long perRow = _hub.Measure.LastAllocated / docs;
        Assert.True(perRow - storePerRow < 600, $"{perRow} bytes allocated per row, {storePerRow} of them by the store's cursor");
        Console.WriteLine($"changes: {perRow} bytes allocated per row ({storePerRow} by the store), {readWhileStalled} of {logBytes} log bytes read before the stall");
    }
}
