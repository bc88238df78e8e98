using System.Text.Json.Nodes;

using ThaliNano.Tests.Interop;

namespace ThaliNano.Boards.Host.Tests.Interop;

/// <summary>
/// PouchDB 9 replicating documents whose revision histories repeat a hash (as PouchDB's own replication tests write
/// them). PouchDB then serves such a document with a "_rev" its "_revisions" disagree with; with new_edits=false the
/// hub takes "_revisions", as CouchDB does, so the replication completes as it does between two PouchDBs.
/// </summary>
public sealed class PouchDbRepeatedRevisionTests : IDisposable
{
    private static readonly string s_h = new('a', 32);
    private static readonly string s_k = new('b', 32);
    private readonly TestHub _hub = new();

    public void Dispose() => _hub.Dispose();

    [Fact]
    public void Repeated_rev_hashes_replicate_as_between_two_pouchdbs()
    {
        object[] docs =
        [
            new { _id = "twice", _rev = "2-" + s_h, _revisions = new { start = 2, ids = new[] { s_h, s_h } }, v = 1 },
            new { _id = "twice", _rev = "2-" + s_k, _revisions = new { start = 2, ids = new[] { s_k, s_h } }, v = 2 },
            new { _id = "thrice", _rev = "3-" + s_h, _revisions = new { start = 3, ids = new[] { s_h, s_h, s_h } }, v = 3 },
        ];
        JsonArray r = Run(
            new { op = "bulk", db = "local:src", docs, options = new { new_edits = false } },
            new { op = "replicate", from = "local:src", to = "hub:repeated" },
            new { op = "replicate", from = "local:src", to = "local:copy" },
            new { op = "replicate", from = "hub:repeated", to = "local:back" },
            new { op = "get", db = "local:copy", id = "twice", options = new { conflicts = true, revs = true } },
            new { op = "get", db = "hub:repeated", id = "twice", options = new { conflicts = true, revs = true } },
            new { op = "get", db = "local:back", id = "twice", options = new { conflicts = true, revs = true } },
            new { op = "get", db = "local:src", id = "thrice", options = new { revs = true } },
            new { op = "get", db = "hub:repeated", id = "thrice", options = new { revs = true } },
            new { op = "get", db = "local:back", id = "thrice", options = new { revs = true } });

        // The push used to abort here: PouchDB sends "thrice" with a _rev its _revisions disagree with.
        Assert.True(r[1]!["ok"]!.GetValue<bool>(), r[1]!.ToJsonString());
        Assert.Equal(0, r[1]!["doc_write_failures"]!.GetValue<int>());
        Assert.Equal(3, r[1]!["docs_written"]!.GetValue<int>());
        Assert.True(r[3]!["ok"]!.GetValue<bool>(), r[3]!.ToJsonString());
        Assert.Equal(Json.Canonical(r[4]), Json.Canonical(r[5]));
        Assert.Equal(Json.Canonical(r[5]), Json.Canonical(r[6]));
        Assert.Equal("3-" + s_h, r[7]!["_rev"]!.GetValue<string>());
        Assert.Equal(1, r[7]!["_revisions"]!["start"]!.GetValue<int>());
        Assert.Equal("1-" + s_h, r[8]!["_rev"]!.GetValue<string>());
        Assert.Equal(Json.Canonical(r[8]), Json.Canonical(r[9]));
    }

    [Fact]
    public void A_replicated_write_takes_its_revisions_over_a_disagreeing_rev()
    {
        object[] docs = [new { _id = "d", _rev = "1-" + s_k, _revisions = new { start = 2, ids = new[] { s_h, s_h } }, v = 1 }];
        JsonArray r = Run(
            new { op = "bulk", db = "hub:disagree", docs, options = new { new_edits = false } },
            new { op = "get", db = "hub:disagree", id = "d", options = new { revs = true } });

        Assert.Empty(r[0]!.AsArray());
        Assert.Equal("2-" + s_h, r[1]!["_rev"]!.GetValue<string>());
    }

    private JsonArray Run(params object[] steps) =>
        NodePeers.RunScript("pouch-steps.js", _hub.Steps(_hub.Owner, steps), TimeSpan.FromSeconds(25))["results"]!.AsArray();
}
