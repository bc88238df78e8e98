using System.Text.Json.Nodes;

using ThaliNano.Tests.Interop;

namespace ThaliNano.Boards.Host.Tests.Interop;

/// <summary>
/// PouchDB 9 (npm, Node, LevelDB) replicating with an in-process host hub over mutual TLS with key pinning
/// (tests/interop/hub-client.js: client certificate, the hub's key pinned in checkServerIdentity).
/// </summary>
public sealed class PouchDbReplicationTests : IDisposable
{
    private static readonly TimeSpan s_bound = TimeSpan.FromSeconds(25);
    private readonly TestHub _hub = new();

    public void Dispose() => _hub.Dispose();

    [Fact]
    public void Push_copies_every_document_with_its_revision()
    {
        JsonArray r = Run(
            new { op = "generate", db = "local:a", count = 300, prefix = "push-" },
            new { op = "replicate", from = "local:a", to = "hub:pushed" },
            new { op = "allDocs", db = "local:a" },
            new { op = "allDocs", db = "hub:pushed" });

        Assert.True(r[1]!["ok"]!.GetValue<bool>());
        Assert.Equal(300, r[1]!["docs_written"]!.GetValue<int>());
        Assert.Equal(0, r[1]!["doc_write_failures"]!.GetValue<int>());
        Assert.Equal(Rows(r[2]!), Rows(r[3]!));
        Assert.Equal(300, r[3]!["rows"]!.AsArray().Count);
        // PouchDB's push: _revs_diff and _bulk_docs per batch (at most 100 documents), answered 200 and 201.
        var bulk = _hub.Log.Entries.Where(e => e.Method == "POST" && e.Target.StartsWith("/pushed/_bulk_docs")).ToList();
        Assert.InRange(bulk.Count, 3, 300);
        Assert.All(bulk, e => Assert.Equal(201, e.Status));
        Assert.All(_hub.Log.Entries, e => Assert.Equal(_hub.Owner.Principal, e.Principal));
    }

    [Fact]
    public void Pull_copies_documents_written_on_the_hub()
    {
        var docs = Enumerable.Range(0, 120).Select(i => new { _id = $"pull-{i:D3}", n = i, nested = new { list = new[] { i, i + 1 } } }).ToArray();
        JsonArray r = Run(
            new { op = "bulk", db = "hub:pulled", docs },
            new { op = "replicate", from = "hub:pulled", to = "local:b" },
            new { op = "allDocs", db = "hub:pulled", options = new { include_docs = true } },
            new { op = "allDocs", db = "local:b", options = new { include_docs = true } });

        Assert.Equal(120, r[1]!["docs_written"]!.GetValue<int>());
        Assert.Equal(Json.Canonical(r[2]!["rows"]), Json.Canonical(r[3]!["rows"]));
        Assert.Contains(_hub.Log.Entries, e => e.Target.StartsWith("/pulled/_bulk_get") && e.Status == 200);
    }

    [Fact]
    public void Two_way_sync_leaves_both_sides_with_the_union()
    {
        JsonArray r = Run(
            new { op = "generate", db = "local:c", count = 50, prefix = "local-" },
            new { op = "generate", db = "hub:synced", count = 40, prefix = "hub-" },
            new { op = "sync", a = "local:c", b = "hub:synced" },
            new { op = "allDocs", db = "local:c" },
            new { op = "allDocs", db = "hub:synced" });

        Assert.Equal(50, r[2]!["push"]!["docs_written"]!.GetValue<int>());
        Assert.Equal(40, r[2]!["pull"]!["docs_written"]!.GetValue<int>());
        Assert.Equal(90, r[3]!["rows"]!.AsArray().Count);
        Assert.Equal(Rows(r[3]!), Rows(r[4]!));
    }

    [Fact]
    public void Live_replication_picks_up_a_new_document_through_longpoll()
    {
        JsonArray r = Run(
            new { op = "put", db = "hub:live", doc = new { _id = "first", v = 1 } },
            new { op = "liveStart", from = "hub:live", to = "local:d", name = "pull" },
            new { op = "waitFor", db = "local:d", id = "first", timeoutMs = 10000 },
            new { op = "put", db = "hub:live", doc = new { _id = "later", v = 2 } },
            new { op = "waitFor", db = "local:d", id = "later", timeoutMs = 10000 },
            new { op = "liveStop", name = "pull" });

        Assert.True(r[2]!["found"]!.GetValue<bool>());
        Assert.True(r[4]!["found"]!.GetValue<bool>(), "the live replication did not bring the new document");
        Assert.Equal(r[3]!["rev"]!.GetValue<string>(), r[4]!["rev"]!.GetValue<string>());
        Assert.Empty(r[5]!["errors"]!.AsArray());
        Assert.Contains(_hub.Log.Entries, e => e.Target.StartsWith("/live/_changes") && e.Target.Contains("feed=longpoll"));
    }

    [Fact]
    public void Conflicting_edits_end_with_the_same_winner_and_conflicts_on_both_sides()
    {
        JsonArray r = Run(
            new { op = "put", db = "local:e", doc = new { _id = "doc", v = 0 } },
            new { op = "sync", a = "local:e", b = "hub:conflicts" },
            new { op = "get", db = "local:e", id = "doc" },
            new { op = "get", db = "hub:conflicts", id = "doc" });
        string rev1 = r[2]!["_rev"]!.GetValue<string>();
        Assert.Equal(rev1, r[3]!["_rev"]!.GetValue<string>());

        JsonArray edits = Run(
            new { op = "put", db = "local:e", doc = new { _id = "doc", _rev = rev1, v = "local edit" } },
            new { op = "put", db = "hub:conflicts", doc = new { _id = "doc", _rev = rev1, v = "hub edit" } },
            new { op = "sync", a = "local:e", b = "hub:conflicts" },
            new { op = "get", db = "local:e", id = "doc", options = new { conflicts = true } },
            new { op = "get", db = "hub:conflicts", id = "doc", options = new { conflicts = true } });

        JsonNode local = edits[3]!, remote = edits[4]!;
        Assert.Equal(Json.Canonical(local), Json.Canonical(remote));
        string[] leaves = { edits[0]!["rev"]!.GetValue<string>(), edits[1]!["rev"]!.GetValue<string>() };
        string winner = local["_rev"]!.GetValue<string>();
        Assert.Contains(winner, leaves);
        Assert.Equal(leaves.Single(l => l != winner), local["_conflicts"]!.AsArray().Single()!.GetValue<string>());

        // Deleting the winner on one side makes the other leaf the winner on both.
        JsonArray resolved = Run(
            new { op = "remove", db = "local:e", id = "doc", rev = winner },
            new { op = "sync", a = "local:e", b = "hub:conflicts" },
            new { op = "get", db = "local:e", id = "doc", options = new { conflicts = true } },
            new { op = "get", db = "hub:conflicts", id = "doc", options = new { conflicts = true } });
        Assert.Equal(Json.Canonical(resolved[2]), Json.Canonical(resolved[3]));
        Assert.Equal(leaves.Single(l => l != winner), resolved[3]!["_rev"]!.GetValue<string>());
        Assert.Null(resolved[3]!["_conflicts"]);
    }

    [Fact]
    public void Deletes_replicate_both_ways_as_tombstones()
    {
        JsonArray r = Run(
            new { op = "put", db = "local:f", doc = new { _id = "gone-here", v = 1 } },
            new { op = "put", db = "hub:deletes", doc = new { _id = "gone-there", v = 2 } },
            new { op = "sync", a = "local:f", b = "hub:deletes" },
            new { op = "get", db = "local:f", id = "gone-here" },
            new { op = "get", db = "hub:deletes", id = "gone-there" });
        JsonArray d = Run(
            new { op = "remove", db = "local:f", id = "gone-here", rev = r[3]!["_rev"]!.GetValue<string>() },
            new { op = "remove", db = "hub:deletes", id = "gone-there", rev = r[4]!["_rev"]!.GetValue<string>() },
            new { op = "sync", a = "local:f", b = "hub:deletes" },
            new { op = "get", db = "hub:deletes", id = "gone-here" },
            new { op = "get", db = "local:f", id = "gone-there" },
            new { op = "get", db = "hub:deletes", id = "gone-here", options = new { rev = "" } },
            new { op = "allDocs", db = "hub:deletes" },
            new { op = "allDocs", db = "local:f" });

        Assert.Equal(404, d[3]!["status"]!.GetValue<int>());
        Assert.Equal(404, d[4]!["status"]!.GetValue<int>());
        Assert.Empty(d[6]!["rows"]!.AsArray());
        Assert.Empty(d[7]!["rows"]!.AsArray());
        JsonArray tombstones = Run(
            new { op = "get", db = "hub:deletes", id = "gone-here", options = new { rev = d[0]!["rev"]!.GetValue<string>() } },
            new { op = "get", db = "local:f", id = "gone-there", options = new { rev = d[1]!["rev"]!.GetValue<string>() } });
        Assert.True(tombstones[0]!["_deleted"]!.GetValue<bool>());
        Assert.True(tombstones[1]!["_deleted"]!.GetValue<bool>());
    }

    [Fact]
    public void Replication_resumes_from_its_checkpoints_after_a_hub_restart()
    {
        JsonArray first = Run(
            new { op = "generate", db = "local:g", count = 150, prefix = "old-" },
            new { op = "replicate", from = "local:g", to = "hub:resume" },
            new { op = "replicate", from = "hub:resume", to = "local:h" });
        Assert.Equal(150, first[1]!["docs_written"]!.GetValue<int>());
        Assert.Equal(150, first[2]!["docs_written"]!.GetValue<int>());

        _hub.Restart();
        _hub.Log.Clear();
        JsonArray second = Run(
            new { op = "generate", db = "local:g", count = 7, prefix = "new-" },
            new { op = "replicate", from = "local:g", to = "hub:resume" },
            new { op = "replicate", from = "hub:resume", to = "local:h" },
            new { op = "info", db = "local:h" });

        // Push: only the new documents are read and written; pull: only they come back from the hub's feed.
        Assert.Equal(7, second[1]!["docs_read"]!.GetValue<int>());
        Assert.Equal(7, second[1]!["docs_written"]!.GetValue<int>());
        Assert.Equal(7, second[2]!["docs_read"]!.GetValue<int>());
        Assert.Equal(157, second[3]!["doc_count"]!.GetValue<int>());
        // The checkpoints written before the restart were found (200, not 404) and the pull's feed started past 0.
        Assert.Contains(_hub.Log.Entries, e => e.Method == "GET" && e.Target.StartsWith("/resume/_local/") && e.Status == 200);
        Assert.DoesNotContain(_hub.Log.Entries, e => e.Target.StartsWith("/resume/_changes") && e.Target.Contains("since=0&"));
    }

    private JsonArray Run(params object[] steps) =>
        NodePeers.RunScript("pouch-steps.js", _hub.Steps(_hub.Owner, steps), s_bound)["results"]!.AsArray();

    private static string Rows(JsonNode allDocs) =>
        string.Join("\n", allDocs["rows"]!.AsArray().Select(row => row!["id"] + " " + row["rev"]));
}
