using System.Text.Json.Nodes;

using ThaliNano.Tests.Interop;

namespace ThaliNano.Boards.Host.Tests.Interop;

/// <summary>pouchdb-server 4.2 (npm, --in-memory) as a second peer: data goes hub -> pouchdb-server -> hub unchanged.</summary>
public sealed class PouchDbServerPeerTests : IDisposable
{
    private readonly TestHub _hub = new();
    private readonly PouchDbServer _peer = new();

    public void Dispose()
    {
        _peer.Dispose();
        _hub.Dispose();
    }

    [Fact]
    public void Documents_round_trip_through_pouchdb_server_with_ids_revs_bodies_conflicts_and_deletions()
    {
        var plain = Enumerable.Range(0, 60).Select(i => (object)new
        {
            _id = $"doc-{i:D2}",
            n = i,
            text = "h\u00e9llo \u2603 \"quoted\"",
            nested = new { a = new object?[] { 1, 2.5, null, true }, b = new { } },
        });
        // Written with explicit histories (new_edits=false): a two-leaf conflict and a deleted document.
        object[] crafted =
        {
            new { _id = "conflicted", _rev = "2-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", side = "a", _revisions = new { start = 2, ids = new[] { "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "11111111111111111111111111111111" } } },
            new { _id = "conflicted", _rev = "2-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", side = "b", _revisions = new { start = 2, ids = new[] { "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "11111111111111111111111111111111" } } },
            new { _id = "deleted", _rev = "3-cccccccccccccccccccccccccccccccc", _deleted = true, _revisions = new { start = 3, ids = new[] { "cccccccccccccccccccccccccccccccc", "22222222222222222222222222222222", "33333333333333333333333333333333" } } },
        };
        var all = new { style = "all_docs", include_docs = true, conflicts = true };
        JsonArray r = NodePeers.RunScript("pouch-steps.js", _hub.Steps(_hub.Owner, _peer.Url, false,
            new { op = "bulk", db = "hub:origin", docs = plain },
            new { op = "bulk", db = "hub:origin", docs = crafted, options = new { new_edits = false } },
            new { op = "replicate", from = "hub:origin", to = "peer:middle" },
            new { op = "replicate", from = "peer:middle", to = "hub:back" },
            new { op = "changes", db = "hub:origin", options = all },
            new { op = "changes", db = "peer:middle", options = all },
            new { op = "changes", db = "hub:back", options = all },
            new { op = "get", db = "hub:back", id = "deleted", options = new { rev = "3-cccccccccccccccccccccccccccccccc", revs = true } },
            new { op = "get", db = "hub:back", id = "conflicted", options = new { conflicts = true, revs = true } }),
            TimeSpan.FromSeconds(25))["results"]!.AsArray();

        // 63 revisions: 60 plain documents, the conflict's two leaves, the tombstone.
        Assert.Equal(63, r[2]!["docs_written"]!.GetValue<int>());
        Assert.Equal(63, r[3]!["docs_written"]!.GetValue<int>());
        string origin = Sorted(r[4]!), middle = Sorted(r[5]!), back = Sorted(r[6]!);
        Assert.Equal(origin, middle);
        Assert.Equal(origin, back);
        Assert.True(r[7]!["_deleted"]!.GetValue<bool>());
        Assert.Equal(new[] { "cccccccccccccccccccccccccccccccc", "22222222222222222222222222222222", "33333333333333333333333333333333" },
            r[7]!["_revisions"]!["ids"]!.AsArray().Select(x => x!.GetValue<string>()));
        Assert.Equal("2-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", r[8]!["_rev"]!.GetValue<string>());
        Assert.Equal("2-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", r[8]!["_conflicts"]!.AsArray().Single()!.GetValue<string>());
    }

    /// <summary>The feed's rows by id, each canonical (seqs are left out by the step runner: peers number differently).</summary>
    private static string Sorted(JsonNode changes) => string.Join("\n", changes["results"]!.AsArray()
        .Select(row => Json.Canonical(row)).Order(StringComparer.Ordinal));
}
