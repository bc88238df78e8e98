using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ThaliNano.Couch.Tests.Fakes;

namespace ThaliNano.Couch.Tests;

/// <summary>
/// The request sequences real replicators send (couch-replication brief), replayed against the hub with an
/// assertion on every reply: PouchDB 9 pushing (hub as target) and pulling (hub as source, then live), and the
/// CouchDB 3 replicator's source and target calls.
/// </summary>
public sealed class ReplicationReplayTests : IDisposable
{
    private const string RepId = "_local/pH5z.Yq2Jmkw_ZsP3uYj0w%3D%3D";
    private readonly TestHub _hub = new();
    private int _counter;

    public ReplicationReplayTests()
    {
        _hub.CreateDb("db");
        _hub.SetAcl("db", [Keys.Reader], [Keys.Writer]);
    }

    public void Dispose() => _hub.Dispose();

    /// <summary>A deterministic 32-hex revision id, as a peer would compute it.</summary>
    private string NextHash() => Convert.ToHexString(System.Security.Cryptography.MD5.HashData(Encoding.UTF8.GetBytes("rev" + _counter++))).ToLowerInvariant();

    /// <summary>A document as a PouchDB source holds it: revision path newest first.</summary>
    private sealed record PeerDoc(string Id, List<string> Path, bool Deleted, JsonObject Body)
    {
        public string Rev => Path.Count + "-" + Path[0];
    }

    private static string BulkDocsBody(IEnumerable<PeerDoc> docs)
    {
        var array = new JsonArray();
        foreach (var d in docs)
        {
            var o = JsonNode.Parse(d.Body.ToJsonString())!.AsObject();
            o["_id"] = d.Id;
            o["_rev"] = d.Rev;
            if (d.Deleted)
            {
                o["_deleted"] = true;
            }

            o["_revisions"] = new JsonObject { ["start"] = d.Path.Count, ["ids"] = new JsonArray(d.Path.Select(x => (JsonNode)x!).ToArray()) };
            array.Add(o);
        }

        return new JsonObject { ["docs"] = array, ["new_edits"] = false }.ToJsonString();
    }

    private static string RevsDiffBody(IEnumerable<PeerDoc> docs) =>
        new JsonObject(docs.Select(d => KeyValuePair.Create(d.Id, (JsonNode?)new JsonArray((JsonNode)d.Rev!)))).ToJsonString();

    [Fact]
    public void PouchDbPushesToTheHub()
    {
        string w = Keys.Writer;
        var source = Enumerable.Range(0, 150).Select(i => new PeerDoc("doc" + i, [NextHash()], false, new JsonObject { ["n"] = i })).ToList();

        // Setup and replication id.
        Assert.Equal(TestHub.Uuid, _hub.Get("/", w).Json.GetProperty("uuid").GetString());
        _hub.Get("/db/", w).AssertStatus(200);
        var checkpoint = _hub.Get("/db/" + RepId, w);
        Assert.Equal(404, checkpoint.Status);
        Assert.Contains("\"error\":\"not_found\"", checkpoint.Text);

        string? checkpointRev = null;
        int lastSeq = 0;
        foreach (var batch in source.Chunk(100))
        {
            var diff = _hub.Send(w, "POST", "/db/_revs_diff", RevsDiffBody(batch));
            diff.AssertStatus(200);
            var missing = diff.Json;
            Assert.Equal(batch.Select(d => d.Id).ToArray(), missing.EnumerateObject().Select(p => p.Name).ToArray());
            foreach (var d in batch)
            {
                Assert.Equal(new[] { d.Rev }, missing.GetProperty(d.Id).GetProperty("missing").EnumerateArray().Select(e => e.GetString()).ToArray());
            }

            var written = _hub.Send(w, "POST", "/db/_bulk_docs", BulkDocsBody(batch));
            written.AssertStatus(201);
            Assert.Equal("[]", written.Text);

            lastSeq += batch.Length;
            var current = _hub.Get("/db/" + RepId, w);
            Assert.Equal(checkpointRev == null ? 404 : 200, current.Status);
            string cp = "{\"_id\":\"" + Uri.UnescapeDataString(RepId) + "\"," + (checkpointRev == null ? "" : "\"_rev\":\"" + checkpointRev + "\",")
                + "\"session_id\":\"s1\",\"history\":[{\"last_seq\":" + lastSeq + ",\"session_id\":\"s1\"}],\"replicator\":\"pouchdb\",\"version\":1,\"last_seq\":" + lastSeq + "}";
            var put = _hub.Send(w, "PUT", "/db/" + RepId, cp);
            put.AssertStatus(201);
            checkpointRev = put.Json.GetProperty("rev").GetString();
        }

        Assert.Equal("0-2", checkpointRev);

        // Edits, a delete and a conflicting branch on the source, pushed incrementally.
        var edited = source[3] with { Path = [NextHash(), .. source[3].Path], Body = new JsonObject { ["n"] = 3, ["edited"] = true } };
        var deleted = source[4] with { Path = [NextHash(), .. source[4].Path], Deleted = true, Body = new JsonObject() };
        var branch = source[5] with { Path = [NextHash(), NextHash()], Body = new JsonObject { ["branch"] = true } };
        var changed = new[] { edited, deleted, branch };
        var diff2 = _hub.Send(w, "POST", "/db/_revs_diff", RevsDiffBody(changed)).Json;
        Assert.Equal(3, diff2.EnumerateObject().Count());
        Assert.Equal("[]", _hub.Send(w, "POST", "/db/_bulk_docs", BulkDocsBody(changed)).Text);

        // Resuming: the checkpoint is read back, and nothing is missing any more (idempotent re-push too).
        Assert.Equal(150, _hub.Get("/db/" + RepId, w).Json.GetProperty("last_seq").GetInt32());
        Assert.Equal("{}", _hub.Send(w, "POST", "/db/_revs_diff", RevsDiffBody(source.Skip(6).Concat(changed))).Text);
        Assert.Equal("[]", _hub.Send(w, "POST", "/db/_bulk_docs", BulkDocsBody(changed)).Text);

        // The hub holds what the source holds.
        var doc3 = _hub.Get("/db/doc3?revs=true").Json;
        Assert.Equal(edited.Rev, doc3.GetProperty("_rev").GetString());
        Assert.True(doc3.GetProperty("edited").GetBoolean());
        Assert.Equal(edited.Path, doc3.GetProperty("_revisions").GetProperty("ids").EnumerateArray().Select(e => e.GetString()!).ToList());
        Assert.Equal("deleted", _hub.Get("/db/doc4").AssertError(404, "not_found"));
        var doc5 = _hub.Get("/db/doc5?conflicts=true").Json;
        Assert.Equal(branch.Rev, doc5.GetProperty("_rev").GetString());
        Assert.Equal(new[] { source[5].Rev }, doc5.GetProperty("_conflicts").EnumerateArray().Select(e => e.GetString()).ToArray());
        var info = _hub.Get("/db").Json;
        Assert.Equal(149, info.GetProperty("doc_count").GetInt64());
        Assert.Equal(1, info.GetProperty("doc_del_count").GetInt64());

        // A conflicting checkpoint write is a 409, after which PouchDB re-reads and retries.
        _hub.Send(w, "PUT", "/db/" + RepId, "{\"_rev\":\"0-1\",\"last_seq\":1}").AssertError(409, "conflict");
    }

    [Fact]
    public void PouchDbPullsFromTheHubThenGoesLive()
    {
        // The hub's content, written by the writer: gen-1 docs, an edited doc, a tombstone, a conflict.
        for (int i = 0; i < 120; i++)
        {
            _hub.Put("/db/p" + i.ToString("000"), "{\"n\":" + i + "}", Keys.Writer).AssertStatus(201);
        }

        string r1 = _hub.Get("/db/p001").Json.GetProperty("_rev").GetString()!;
        _hub.Put("/db/p001", "{\"n\":1,\"v\":2,\"_rev\":\"" + r1 + "\"}", Keys.Writer).AssertStatus(201);
        string r2 = _hub.Get("/db/p002").Json.GetProperty("_rev").GetString()!;
        _hub.Delete("/db/p002?rev=" + r2, Keys.Writer).AssertStatus(200);
        _hub.Send(Keys.Writer, "PUT", "/db/p003?new_edits=false", "{\"_rev\":\"1-" + new string('f', 32) + "\",\"other\":true}").AssertStatus(201);

        string r = Keys.Reader;
        Assert.Equal(TestHub.Uuid, _hub.Get("/", r).Json.GetProperty("uuid").GetString());
        var info = _hub.Get("/db/", r).Json;
        long updateSeq = info.GetProperty("update_seq").GetInt64();
        Assert.Equal("db", info.GetProperty("db_name").GetString());
        Assert.Equal(404, _hub.Get("/db/" + RepId, r).Status);

        var pulled = new Dictionary<string, List<JsonElement>>();
        long since = 0;
        int rounds = 0;
        while (true)
        {
            var changes = _hub.Get("/db/_changes?style=all_docs&since=" + since + "&limit=100", r);
            changes.AssertStatus(200);
            var rows = changes.Json.GetProperty("results").EnumerateArray().ToList();
            long lastSeq = changes.Json.GetProperty("last_seq").GetInt64();
            Assert.True(changes.Json.TryGetProperty("pending", out _));
            if (rows.Count == 0)
            {
                Assert.Equal(since, lastSeq);
                break;
            }

            rounds++;
            Assert.Equal(rows[^1].GetProperty("seq").GetInt64(), lastSeq);

            // Generation-1 documents through _all_docs (what getDocs.js does), the rest through _bulk_get.
            var revsByDoc = rows.ToDictionary(x => x.GetProperty("id").GetString()!, x => x.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("rev").GetString()!).ToList());
            var genOne = revsByDoc.Where(kv => kv.Value.Count == 1 && kv.Value[0].StartsWith("1-")).Select(kv => kv.Key).ToList();
            var allDocs = _hub.Send(r, "POST", "/db/_all_docs?conflicts=true&include_docs=true", new JsonObject { ["keys"] = new JsonArray(genOne.Select(x => (JsonNode)x!).ToArray()) }.ToJsonString());
            allDocs.AssertStatus(200);
            var fetched = new HashSet<string>();
            foreach (var row in allDocs.Json.GetProperty("rows").EnumerateArray())
            {
                if (row.TryGetProperty("doc", out var doc) && doc.ValueKind == JsonValueKind.Object && !doc.TryGetProperty("_conflicts", out _)
                    && row.GetProperty("value").GetProperty("rev").GetString()!.StartsWith("1-"))
                {
                    pulled[row.GetProperty("id").GetString()!] = [doc.Clone()];
                    fetched.Add(row.GetProperty("id").GetString()!);
                }
            }

            var rest = revsByDoc.Where(kv => !fetched.Contains(kv.Key)).SelectMany(kv => kv.Value.Select(rev => new JsonObject { ["id"] = kv.Key, ["rev"] = rev })).ToList();
            if (rest.Count > 0)
            {
                var bulk = _hub.Send(r, "POST", "/db/_bulk_get?revs=true&latest=true", new JsonObject { ["docs"] = new JsonArray(rest.ToArray()) }.ToJsonString());
                bulk.AssertStatus(200);
                var results = bulk.Json.GetProperty("results").EnumerateArray().ToList();
                Assert.Equal(rest.Count, results.Count);
                for (int i = 0; i < rest.Count; i++)
                {
                    Assert.Equal(rest[i]["id"]!.GetValue<string>(), results[i].GetProperty("id").GetString());
                    var docs = results[i].GetProperty("docs").EnumerateArray().ToList();
                    Assert.All(docs, d => Assert.True(d.TryGetProperty("ok", out _), "any error entry fails PouchDB's batch"));
                    pulled.TryAdd(results[i].GetProperty("id").GetString()!, []);
                    pulled[results[i].GetProperty("id").GetString()!].AddRange(docs.Select(d => d.GetProperty("ok").Clone()));
                }
            }

            // The source checkpoint is refused to a reader; PouchDB then stops writing source checkpoints.
            _hub.Send(r, "PUT", "/db/" + RepId, "{\"last_seq\":" + lastSeq + "}").AssertError(403, "forbidden");
            since = lastSeq;
        }

        Assert.Equal(2, rounds);
        Assert.Equal(updateSeq, since);
        Assert.Equal(120, pulled.Count);
        Assert.Equal(2, pulled["p001"].Single().GetProperty("v").GetInt32());
        Assert.Equal(2, pulled["p001"].Single().GetProperty("_revisions").GetProperty("ids").GetArrayLength());
        Assert.True(pulled["p002"].Single().GetProperty("_deleted").GetBoolean());
        Assert.Equal(2, pulled["p003"].Count);
        Assert.Equal(7, pulled["p007"].Single().GetProperty("n").GetInt32());

        // Live: a longpoll that a write from another client answers.
        var feed = _hub.Start(r, "GET", "/db/_changes?style=all_docs&feed=longpoll&heartbeat=10000&since=" + since + "&limit=100");
        Thread.Sleep(200);
        Assert.False(feed.WaitClosed(TimeSpan.Zero));
        _hub.Put("/db/live", "{\"new\":true}", Keys.Writer).AssertStatus(201);
        Assert.True(feed.WaitClosed(TimeSpan.FromSeconds(5)));
        var live = Response.Parse(feed.Written).Json;
        Assert.Equal("live", live.GetProperty("results")[0].GetProperty("id").GetString());
        Assert.Equal(since + 1, live.GetProperty("last_seq").GetInt64());
    }

    [Fact]
    public void PouchDbFallbackWithoutBulkGet()
    {
        string rev = _hub.Put("/db/x", "{\"v\":1}", Keys.Writer).Json.GetProperty("rev").GetString()!;
        var answers = _hub.Get("/db/x?revs=true&latest=true&open_revs=" + Uri.EscapeDataString("[\"" + rev + "\",\"2-" + new string('0', 32) + "\"]"), Keys.Reader);
        answers.AssertStatus(200);
        var list = answers.Json.EnumerateArray().ToList();
        Assert.Equal(rev, list[0].GetProperty("ok").GetProperty("_rev").GetString());
        Assert.Equal("2-" + new string('0', 32), list[1].GetProperty("missing").GetString());
    }

    [Fact]
    public void CouchDbReplicatorReadsTheHubAsSource()
    {
        for (int i = 0; i < 30; i++)
        {
            _hub.Put("/db/c" + i, "{\"i\":" + i + "}", Keys.Writer).AssertStatus(201);
        }

        string who = Keys.Writer; // a CouchDB peer that replicates both ways holds both rights
        _hub.SetAcl("db", [Keys.Reader, who], [who]);
        var info = _hub.Get("/db", who).Json;
        Assert.True(info.TryGetProperty("update_seq", out _));
        Assert.Equal("0", info.GetProperty("instance_start_time").GetString());
        _hub.Send(who, "HEAD", "/db").AssertStatus(200);
        foreach (string old in new[] { "_local/0123456789abcdef0123456789abcdef", "_local/0123456789abcdef0123456789abcdef+continuous" })
        {
            var probe = _hub.Get("/db/" + Uri.EscapeDataString(old).Replace("%2F", "/"), who);
            Assert.Equal(404, probe.Status);
            Assert.Contains("\"error\":\"not_found\"", probe.Text);
        }

        // The whole feed in one normal response, no limit.
        var feed = _hub.Get("/db/_changes?feed=normal&style=all_docs&since=0&timeout=10000", who);
        feed.AssertStatus(200);
        var rows = feed.Json.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(30, rows.Count);
        Assert.Equal(30, feed.Json.GetProperty("last_seq").GetInt64());

        // _bulk_get as 3.3+ sends it; the reply must be exactly {"results":[...]}, one {"ok"} per requested pair.
        var request = new JsonObject
        {
            ["docs"] = new JsonArray(rows.Select(x => (JsonNode)new JsonObject
            {
                ["id"] = x.GetProperty("id").GetString(),
                ["rev"] = x.GetProperty("changes")[0].GetProperty("rev").GetString(),
                ["atts_since"] = new JsonArray(),
            }).ToArray())
        };
        var bulk = _hub.Send(who, "POST", "/db/_bulk_get?latest=true&revs=true&attachments=false", request.ToJsonString(), ("Accept", "application/json"));
        bulk.AssertStatus(200);
        var results = bulk.Json.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(30, results.Count);
        Assert.All(results, x => Assert.Single(x.GetProperty("docs").EnumerateArray(), d => d.TryGetProperty("ok", out _)));

        // The fallback it uses for design docs and docs with attachments: multipart open_revs.
        string rev0 = rows[0].GetProperty("changes")[0].GetProperty("rev").GetString()!;
        var multipart = _hub.Send(who, "GET", "/db/" + rows[0].GetProperty("id").GetString() + "?revs=true&open_revs=" + Uri.EscapeDataString("[\"" + rev0 + "\"]") + "&latest=true",
            null, ("Accept", "multipart/mixed"));
        multipart.AssertStatus(200);
        Assert.StartsWith("multipart/mixed; boundary=\"", multipart.Header("Content-Type"));
        Assert.Contains("\r\nContent-Type: application/json\r\n\r\n{\"_id\":\"" + rows[0].GetProperty("id").GetString() + "\"", multipart.Text);

        // Checkpoints every 30 s: _ensure_full_commit then the _local doc with its "0-N" rev.
        var commit = _hub.Send(who, "POST", "/db/_ensure_full_commit", "", ("Content-Type", "application/json"));
        Assert.Equal(201, commit.Status);
        Assert.Equal("{\"ok\":true,\"instance_start_time\":\"0\"}", commit.Text);
        var first = _hub.Send(who, "PUT", "/db/_local/0123456789abcdef0123456789abcdef",
            "{\"session_id\":\"a\",\"source_last_seq\":30,\"replication_id_version\":4,\"history\":[{\"session_id\":\"a\",\"recorded_seq\":30}]}");
        first.AssertStatus(201);
        Assert.Equal("0-1", first.Json.GetProperty("rev").GetString());
        var second = _hub.Send(who, "PUT", "/db/_local/0123456789abcdef0123456789abcdef",
            "{\"_rev\":\"0-1\",\"session_id\":\"a\",\"source_last_seq\":30,\"replication_id_version\":4,\"history\":[]}");
        Assert.Equal("0-2", second.Json.GetProperty("rev").GetString());

        // Pending for a seq, and a continuous feed that ends with last_seq.
        var pending = _hub.Get("/db/_changes?since=10&limit=0", who).Json;
        Assert.Equal(20, pending.GetProperty("pending").GetInt64());
        var continuous = _hub.Get("/db/_changes?feed=continuous&style=all_docs&since=25&heartbeat=10000&timeout=300", who);
        var lines = continuous.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, lines.Length);
        Assert.Equal("{\"last_seq\":30,\"pending\":0}", lines[^1]);
    }

    [Fact]
    public void CouchDbReplicatorWritesToTheHubAsTarget()
    {
        string w = Keys.Writer;
        string h1 = NextHash();
        string h2 = NextHash();
        var diff = _hub.Send(w, "POST", "/db/_revs_diff", "{\"t1\":[\"2-" + h2 + "\"]}").Json;
        Assert.Equal("2-" + h2, diff.GetProperty("t1").GetProperty("missing")[0].GetString());
        string body = "{\"new_edits\":false,\"docs\":[{\"_id\":\"t1\",\"_rev\":\"2-" + h2 + "\",\"_revisions\":{\"start\":2,\"ids\":[\"" + h2 + "\",\"" + h1 + "\"]},\"v\":2}]}";
        var bulk = _hub.Send(w, "POST", "/db/_bulk_docs", body);
        Assert.Equal(201, bulk.Status);
        Assert.Equal("[]", bulk.Text);

        // Since 3.3 _revs_diff may be skipped: the same batch again must be harmless.
        Assert.Equal(201, _hub.Send(w, "POST", "/db/_bulk_docs", body).Status);
        Assert.Equal(1, _hub.Get("/db").Json.GetProperty("update_seq").GetInt64());

        // Design documents arrive as single PUTs with new_edits=false: refused per document, the replication goes on.
        _hub.Send(w, "PUT", "/db/_design/app?new_edits=false", "{\"_rev\":\"1-" + h1 + "\",\"views\":{}}").AssertError(403, "forbidden");
        _hub.Send(w, "PUT", "/db/plain?new_edits=false", "{\"_rev\":\"1-" + h1 + "\",\"v\":1}").AssertStatus(201);
        Assert.Equal(201, _hub.Send(w, "POST", "/db/_ensure_full_commit", "").Status);
    }
}
