using ThaliNano.Couch.Tests.Fakes;

namespace ThaliNano.Couch.Tests;

/// <summary>
/// The system database keeps one line of history per document: no replicated writes and no write that leaves or
/// settles a conflict, so a deleted or tightened ACL can never come back as an older, looser one.
/// </summary>
public sealed class SystemDatabaseIntegrityTests : IDisposable
{
    private static readonly string s_h1 = new('1', 32);
    private static readonly string s_h2 = new('2', 32);
    private readonly TestHub _hub = new();

    public SystemDatabaseIntegrityTests() => _hub.CreateDb("db");

    public void Dispose() => _hub.Dispose();

    [Fact]
    public void DeletedAclCannotBeResurrectedByReplicatedRevisions()
    {
        _hub.SetAcl("db", ["*"], ["*"]);
        var loose = _hub.Get("/_thali/acl:db?revs=true").Json;
        string looseRev = loose.GetProperty("_rev").GetString()!;
        _hub.SetAcl("db", [Keys.Reader], []);
        string strictRev = _hub.Get("/_thali/acl:db").Json.GetProperty("_rev").GetString()!;
        _hub.Delete("/_thali/acl:db?rev=" + strictRev).AssertStatus(200);
        _hub.Get("/db", Keys.Stranger).AssertError(403, "forbidden");

        // A branch off the loose revision: it would outrank the tombstone as a live leaf.
        string looseHash = looseRev.Substring(2);
        string branch = "{\"_id\":\"acl:db\",\"_revisions\":{\"start\":2,\"ids\":[\"" + s_h1 + "\",\"" + looseHash + "\"]},\"read\":[\"*\"],\"write\":[\"*\"]}";
        string reason = _hub.Put("/_thali/acl:db?new_edits=false", branch).AssertError(403, "forbidden");
        Assert.Contains("new_edits=false", reason);
        _hub.Post("/_thali/_bulk_docs", "{\"new_edits\":false,\"docs\":[" + branch + "]}").AssertError(403, "forbidden");
        _hub.Get("/db", Keys.Stranger).AssertError(403, "forbidden");
        _hub.Get("/_thali/acl:db").AssertError(404, "not_found");

        // Editing the old (non-leaf) revision interactively is a conflict as well.
        _hub.Put("/_thali/acl:db", "{\"_rev\":\"" + looseRev + "\",\"read\":[\"*\"]}").AssertError(409, "conflict");
        _hub.Get("/db", Keys.Stranger).AssertError(403, "forbidden");
    }

    [Fact]
    public void ConflictedSystemDocumentsTakeOnlyTheRemovalOfTheirLosers()
    {
        // A conflict that predates this rule (written to the store directly): the older, looser ACL loses today.
        var system = _hub.Store.OpenDatabase(_hub.Options.SystemDatabaseStoreName);
        system.PutReplicated("acl:db", 1, [s_h1], false, "{\"read\":[\"*\"]}"u8.ToArray());
        system.PutReplicated("acl:db", 1, [s_h2], false, "{\"read\":[]}"u8.ToArray());
        _hub.Handler.StoreChanged();
        Assert.Equal("1-" + s_h2, _hub.Get("/_thali/acl:db").Json.GetProperty("_rev").GetString());

        // Deleting or editing the winner would let the loser win; editing the loser keeps the conflict.
        Assert.Contains("conflicting", _hub.Delete("/_thali/acl:db?rev=1-" + s_h2).AssertError(409, "conflict"));
        _hub.Put("/_thali/acl:db", "{\"_rev\":\"1-" + s_h2 + "\",\"read\":[]}").AssertError(409, "conflict");
        _hub.Put("/_thali/acl:db", "{\"_rev\":\"1-" + s_h1 + "\",\"read\":[\"*\"]}").AssertError(409, "conflict");
        _hub.Get("/db", Keys.Stranger).AssertError(403, "forbidden");

        // Deleting the loser settles it; then the winner is an ordinary document again.
        _hub.Delete("/_thali/acl:db?rev=1-" + s_h1).AssertStatus(200);
        _hub.Put("/_thali/acl:db", "{\"_rev\":\"1-" + s_h2 + "\",\"read\":[\"" + Keys.Reader + "\"]}").AssertStatus(201);
        _hub.Get("/db", Keys.Reader).AssertStatus(200);
        _hub.Get("/db", Keys.Stranger).AssertError(403, "forbidden");
    }
}
