using ThaliNano.Couch.Tests.Fakes;
using ThaliNano.Drivers.Host.FileStorage;
using ThaliNano.Store;

namespace ThaliNano.Couch.Tests;

/// <summary>
/// The ACL matrix: the owner (admin), a principal on the read list, one on the write list, a member of a group on
/// both lists, a stranger, and an anonymous client, across every endpoint. 401 without a principal, 403 without the
/// right, and what replication needs: writers may read checkpoints and _revs_diff; readers' checkpoint writes get 403.
/// </summary>
public sealed class AclTests : IClassFixture<AclTests.SharedHub>
{
    private readonly TestHub _hub;

    public AclTests(SharedHub shared) => _hub = shared.Hub;

    public sealed class SharedHub : IDisposable
    {
        public SharedHub()
        {
            Hub = new TestHub();
            Hub.CreateDb("shared");
            Hub.SetGroup("family", Keys.Member);
            Hub.SetAcl("shared", [Keys.Reader, "group:family"], [Keys.Writer, "group:family"]);
            Hub.PutDoc("shared", "doc", "{\"v\":1}");
        }

        public TestHub Hub { get; }

        public void Dispose() => Hub.Dispose();
    }

    public static readonly string?[] Who = [Keys.Admin, Keys.Reader, Keys.Writer, Keys.Member, Keys.Stranger, null];

    private static int s_unique;

    /// <summary>Method, path ({u} becomes a unique suffix), body, then the status for admin, reader, writer, member, stranger, anonymous.</summary>
    public static TheoryData<string, string, string?, int[]> Matrix => new()
    {
        { "GET", "/", null, [200, 200, 200, 200, 200, 401] },
        { "GET", "/_all_dbs", null, [200, 200, 200, 200, 200, 401] },
        { "PUT", "/newdb{u}", null, [201, 403, 403, 403, 403, 401] },
        { "GET", "/shared", null, [200, 200, 200, 200, 403, 401] },
        { "GET", "/shared/doc", null, [200, 200, 403, 200, 403, 401] },
        { "GET", "/shared/doc?open_revs=all", null, [200, 200, 403, 200, 403, 401] },
        { "PUT", "/shared/doc{u}", "{\"v\":1}", [201, 403, 201, 201, 403, 401] },
        { "POST", "/shared", "{\"v\":1}", [201, 403, 201, 201, 403, 401] },
        { "GET", "/shared/_all_docs", null, [200, 200, 403, 200, 403, 401] },
        { "GET", "/shared/_changes", null, [200, 200, 403, 200, 403, 401] },
        { "POST", "/shared/_changes?filter=_doc_ids", "{\"doc_ids\":[\"doc\"]}", [200, 200, 403, 200, 403, 401] },
        { "POST", "/shared/_revs_diff", "{\"doc\":[\"1-11111111111111111111111111111111\"]}", [200, 200, 200, 200, 403, 401] },
        { "POST", "/shared/_bulk_docs", "{\"docs\":[{\"v\":1}]}", [201, 403, 201, 201, 403, 401] },
        { "POST", "/shared/_bulk_get", "{\"docs\":[{\"id\":\"doc\"}]}", [200, 200, 403, 200, 403, 401] },
        { "GET", "/shared/_local/none", null, [404, 404, 404, 404, 403, 401] },
        { "PUT", "/shared/_local/cp{u}", "{\"last_seq\":1}", [201, 403, 201, 201, 403, 401] },
        { "POST", "/shared/_ensure_full_commit", "", [201, 201, 201, 201, 403, 401] },
        { "GET", "/shared/_design/x", null, [404, 404, 403, 404, 403, 401] },
        { "POST", "/shared/_find", "{}", [501, 501, 501, 501, 403, 401] },
        { "GET", "/_thali", null, [200, 403, 403, 403, 403, 401] },
        { "GET", "/_thali/admins", null, [200, 403, 403, 403, 403, 401] },
        { "GET", "/_thali/_all_docs", null, [200, 403, 403, 403, 403, 401] },
        { "PUT", "/_thali/group:g{u}", "{\"members\":[]}", [201, 403, 403, 403, 403, 401] },
        { "GET", "/nosuchdb", null, [404, 403, 403, 403, 403, 401] },
        { "DELETE", "/nosuchdb", null, [404, 403, 403, 403, 403, 401] },
        { "GET", "/_session", null, [404, 404, 404, 404, 404, 401] },
        { "GET", "/shared/_local", null, [404, 404, 404, 404, 404, 401] },
        { "GET", "/thali$hub", null, [400, 400, 400, 400, 400, 401] },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Matrix_(string method, string path, string? body, int[] expected)
    {
        for (int i = 0; i < Who.Length; i++)
        {
            string target = path.Replace("{u}", Interlocked.Increment(ref s_unique).ToString());
            var r = _hub.Send(Who[i], method, target, body);
            string who = Who[i] == null ? "anonymous" : new[] { "admin", "reader", "writer", "member", "stranger" }[i];
            Assert.True(expected[i] == r.Status, $"{method} {target} as {who}: expected {expected[i]}, got {r.Status} {r.Text}");
            if (r.Status == 401)
            {
                r.AssertError(401, "unauthorized");
            }
            else if (r.Status == 403)
            {
                r.AssertError(403, "forbidden");
            }
        }
    }

    [Fact]
    public void ForbiddenReasonsNameThePrincipalAndTheRight()
    {
        Assert.Equal("principal " + Keys.Writer + " may not read database 'shared'", _hub.Get("/shared/doc", Keys.Writer).AssertError(403, "forbidden"));
        Assert.Equal("principal " + Keys.Reader + " may not write to database 'shared'", _hub.Put("/shared/x", "{}", Keys.Reader).AssertError(403, "forbidden"));
        Assert.Contains("_local", _hub.Put("/shared/_local/cp", "{}", Keys.Reader).AssertError(403, "forbidden"));
        Assert.Contains("administrator", _hub.Put("/other", null, Keys.Writer).AssertError(403, "forbidden"));
        Assert.Contains("authenticated", _hub.Send(null, "GET", "/").AssertError(401, "unauthorized"));
    }

    [Fact]
    public void AllDbsShowsWhatEachMayRead()
    {
        Assert.Contains("shared", _hub.Get("/_all_dbs", Keys.Member).Json.EnumerateArray().Select(e => e.GetString()));
        Assert.DoesNotContain("shared", _hub.Get("/_all_dbs", Keys.Writer).Json.EnumerateArray().Select(e => e.GetString()));
        Assert.DoesNotContain("_thali", _hub.Get("/_all_dbs", Keys.Reader).Json.EnumerateArray().Select(e => e.GetString()));
    }
}

/// <summary>ACL changes, the system database's rules, and configuration (each test on its own hub).</summary>
public sealed class AclChangeTests : IDisposable
{
    private readonly TestHub _hub = new();

    public AclChangeTests() => _hub.CreateDb("db");

    public void Dispose() => _hub.Dispose();

    [Fact]
    public void DatabasesStartClosedToEveryoneButAdmins()
    {
        _hub.Get("/db", Keys.Reader).AssertError(403, "forbidden");
        _hub.SetAcl("db", [Keys.Reader], []);
        _hub.Get("/db", Keys.Reader).AssertStatus(200);
    }

    [Fact]
    public void TheSystemDatabaseHoldsNoRamOnceARequestFilledTheAclCache()
    {
        _hub.SetGroup("friends", Keys.Stranger);
        _hub.SetAcl("db", ["group:friends"], []);
        Database system = _hub.Store.OpenDatabase(_hub.Options.SystemDatabaseStoreName);
        Assert.True(system.CacheBytes > 0);

        _hub.Get("/db/_changes", Keys.Stranger).AssertStatus(200);

        Assert.Equal(0, system.CacheBytes);
        _hub.Get("/db/_changes", Keys.Stranger).AssertStatus(200);
        _hub.Get("/_thali/group:friends").AssertStatus(200);
    }

    [Fact]
    public void GroupChangesTakeEffectAtOnce()
    {
        _hub.SetAcl("db", ["group:friends"], []);
        _hub.Get("/db/_changes", Keys.Stranger).AssertError(403, "forbidden");
        _hub.SetGroup("friends", Keys.Stranger);
        _hub.Get("/db/_changes", Keys.Stranger).AssertStatus(200);
        _hub.SetGroup("friends");
        _hub.Get("/db/_changes", Keys.Stranger).AssertError(403, "forbidden");
        _hub.SetGroup("friends", Keys.Stranger);
        string rev = _hub.Get("/_thali/group:friends").Json.GetProperty("_rev").GetString()!;
        _hub.Delete("/_thali/group:friends?rev=" + rev).AssertStatus(200);
        _hub.Get("/db/_changes", Keys.Stranger).AssertError(403, "forbidden");
    }

    [Fact]
    public void EveryoneEntryOpensToAllAuthenticatedPrincipals()
    {
        _hub.SetAcl("db", ["*"], []);
        _hub.Get("/db/_all_docs", Keys.Stranger).AssertStatus(200);
        _hub.Put("/db/x", "{}", Keys.Stranger).AssertError(403, "forbidden");
        _hub.Send(null, "GET", "/db/_all_docs").AssertError(401, "unauthorized");
    }

    [Fact]
    public void AdminsCanBeAddedAndTheListCannotBeEmptiedOrDeleted()
    {
        var admins = _hub.Get("/_thali/admins").Json;
        Assert.Equal(new[] { Keys.Admin }, admins.GetProperty("members").EnumerateArray().Select(e => e.GetString()).ToArray());
        string rev = admins.GetProperty("_rev").GetString()!;
        _hub.Put("/_thali/admins", "{\"_rev\":\"" + rev + "\",\"members\":[]}").AssertError(400, "invalid_system_document");
        _hub.Delete("/_thali/admins?rev=" + rev).AssertError(400, "invalid_system_document");
        _hub.Put("/_thali/admins", "{\"_rev\":\"" + rev + "\",\"members\":[\"" + Keys.Admin + "\",\"" + Keys.Writer + "\"]}").AssertStatus(201);
        _hub.Put("/writers-db", null, Keys.Writer).AssertStatus(201);
        _hub.Get("/_thali/admins", Keys.Writer).AssertStatus(200);
    }

    [Theory]
    [InlineData("acl:db", "{\"read\":[\"not-a-key\"]}")]
    [InlineData("acl:db", "{\"read\":\"everyone\"}")]
    [InlineData("acl:db", "{\"write\":[5]}")]
    [InlineData("acl:Bad", "{\"read\":[]}")]
    [InlineData("group:x", "{}")]
    [InlineData("group:x", "{\"members\":[\"group:y\"]}")]
    [InlineData("group:", "{\"members\":[]}")]
    [InlineData("group:two words", "{\"members\":[]}")]
    [InlineData("group:a-name-that-is-longer-than-sixty-four-characters-is-not-a-group-name", "{\"members\":[]}")]
    [InlineData("acl:db", "{\"read\":[\"group:two words\"]}")]
    [InlineData("settings", "{}")]
    public void SystemDocumentsAreValidated(string id, string body)
    {
        _hub.Put("/_thali/" + Uri.EscapeDataString(id), body).AssertError(400, "invalid_system_document");
    }

    [Fact]
    public void SystemDatabaseTakesSingleDocumentWritesOnly()
    {
        _hub.Post("/_thali", "{\"_id\":\"acl:db\"}").AssertError(403, "forbidden");
        _hub.Put("/_thali/_local/x", "{}").AssertError(403, "forbidden");
    }

    [Fact]
    public void DeletingADatabaseForgetsItsAcl()
    {
        _hub.SetAcl("db", [Keys.Reader], [Keys.Writer]);
        _hub.Get("/db", Keys.Reader).AssertStatus(200);
        _hub.Delete("/db").AssertStatus(200);
        _hub.Get("/_thali/acl:db").AssertError(404, "not_found");
        _hub.CreateDb("db");
        _hub.Get("/db", Keys.Reader).AssertError(403, "forbidden");
    }

    [Fact]
    public void ReadersMayWriteCheckpointsWhenConfigured()
    {
        using var hub = new TestHub(o => o.ReadersMayWriteCheckpoints = true);
        hub.CreateDb("db");
        hub.SetAcl("db", [Keys.Reader], []);
        hub.Put("/db/_local/cp", "{\"last_seq\":3}", Keys.Reader).AssertStatus(201);
        hub.Put("/db/doc", "{}", Keys.Reader).AssertError(403, "forbidden");
        hub.Post("/db/_bulk_docs", "{\"docs\":[]}", Keys.Reader).AssertError(403, "forbidden");
    }

    [Fact]
    public void TheOwnerSeedsAdminsOnlyOnce()
    {
        var folder = Path.Combine(Path.GetTempPath(), "thalinano-owner-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (var store = new DocumentStore(new HostFileStorage(folder), new StoreOptions()))
            {
                new CouchHandler(store, new CouchOptions { HubUuid = TestHub.Uuid, Owner = Keys.Admin });
                new CouchHandler(store, new CouchOptions { HubUuid = TestHub.Uuid, Owner = Keys.Stranger });
                var admins = store.OpenDatabase("thali$hub").Get("admins");
                Assert.Contains(Keys.Admin, System.Text.Encoding.UTF8.GetString(admins.Body));
                Assert.DoesNotContain(Keys.Stranger, System.Text.Encoding.UTF8.GetString(admins.Body));
            }
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public void WithoutOwnerNobodyIsAdmin()
    {
        using var hub = new TestHub(o => o.Owner = null);
        hub.Put("/db2", null, Keys.Admin).AssertError(403, "forbidden");
    }

    [Fact]
    public void ConfigurationIsChecked()
    {
        var folder = Path.Combine(Path.GetTempPath(), "thalinano-config-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var store = new DocumentStore(new HostFileStorage(folder), new StoreOptions());
            Assert.Throws<ArgumentException>(() => new CouchHandler(store, new CouchOptions { HubUuid = TestHub.Uuid, Owner = "short" }));
            Assert.Throws<ArgumentException>(() => new CouchHandler(store, new CouchOptions()));
            Assert.ThrowsAny<ArgumentException>(() => new CouchHandler(store, new CouchOptions { HubUuid = TestHub.Uuid, MaxBulkDocs = 0 }));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}
