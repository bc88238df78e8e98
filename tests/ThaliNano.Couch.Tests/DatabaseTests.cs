using ThaliNano.Couch.Tests.Fakes;

namespace ThaliNano.Couch.Tests;

/// <summary>GET/HEAD/PUT/DELETE /{db} and _ensure_full_commit, with the bodies CouchDB and its replicator expect.</summary>
public sealed class DatabaseTests : IDisposable
{
    private readonly TestHub _hub = new();

    public void Dispose() => _hub.Dispose();

    [Fact]
    public void CreateAnswers201OkThen412FileExists()
    {
        var created = _hub.Put("/db1");
        created.AssertStatus(201);
        Assert.Equal("{\"ok\":true}", created.Text);
        Assert.Contains("exists", _hub.Put("/db1").AssertError(412, "file_exists"));
    }

    [Theory]
    [InlineData("Upper")]
    [InlineData("9starts-with-digit")]
    [InlineData("has%20space")]
    public void IllegalNamesGetCouchDbsReason(string name)
    {
        string reason = _hub.Put("/" + name).AssertError(400, "illegal_database_name");
        Assert.Contains("Only lowercase characters (a-z), digits (0-9), and any of the characters _, $, (, ), +, -, and / are allowed. Must begin with a letter.", reason);
    }

    [Fact]
    public void TheSystemDatabasesStoreNameIsReserved()
    {
        _hub.Put("/" + Uri.EscapeDataString(_hub.Options.SystemDatabaseStoreName)).AssertError(400, "illegal_database_name");
    }

    [Fact]
    public void InfoHasWhatReplicatorsRequire()
    {
        _hub.CreateDb("db");
        _hub.PutDoc("db", "a", "{\"x\":1}");
        string rev = _hub.PutDoc("db", "b", "{\"x\":2}");
        _hub.Delete("/db/b?rev=" + rev).AssertStatus(200);
        var r = _hub.Get("/db");
        r.AssertStatus(200);
        var info = r.Json;
        Assert.Equal("db", info.GetProperty("db_name").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Number, info.GetProperty("update_seq").ValueKind);
        Assert.Equal(3, info.GetProperty("update_seq").GetInt64());
        Assert.Equal("0", info.GetProperty("instance_start_time").GetString());
        Assert.Equal(1, info.GetProperty("doc_count").GetInt64());
        Assert.Equal(1, info.GetProperty("doc_del_count").GetInt64());
        Assert.Equal(0, info.GetProperty("purge_seq").GetInt64());
        var sizes = info.GetProperty("sizes");
        Assert.True(sizes.GetProperty("file").GetInt64() > 0);
        Assert.True(sizes.GetProperty("active").GetInt64() >= 0);
        Assert.True(sizes.GetProperty("external").GetInt64() >= 0);
        Assert.Equal(r.Text, _hub.Get("/db/").Text);
    }

    [Fact]
    public void HeadOfADatabase()
    {
        _hub.CreateDb("db");
        var head = _hub.Send(Keys.Admin, "HEAD", "/db");
        head.AssertStatus(200);
        Assert.Empty(head.Body);
        _hub.Send(Keys.Admin, "HEAD", "/nope").AssertStatus(404);
    }

    [Fact]
    public void MissingDatabaseBodyIsCouchDbs()
    {
        var r = _hub.Get("/nope");
        r.AssertStatus(404);
        Assert.Equal("{\"error\":\"not_found\",\"reason\":\"Database does not exist.\"}", r.Text);
        Assert.Equal("{\"error\":\"not_found\",\"reason\":\"Database does not exist.\"}", _hub.Get("/nope/doc").Text);
        Assert.Equal("{\"error\":\"not_found\",\"reason\":\"Database does not exist.\"}", _hub.Get("/nope/_changes").Text);
    }

    [Fact]
    public void DeleteAnswers200ThenTheDatabaseIsGone()
    {
        _hub.CreateDb("db");
        _hub.PutDoc("db", "a", "{}");
        var r = _hub.Delete("/db");
        r.AssertStatus(200);
        Assert.Equal("{\"ok\":true}", r.Text);
        _hub.Get("/db").AssertError(404, "not_found");
        _hub.Delete("/db").AssertError(404, "not_found");
        _hub.CreateDb("db");
        Assert.Equal(0, _hub.Get("/db").Json.GetProperty("doc_count").GetInt64());
    }

    [Fact]
    public void DeleteWithRevIsProbablyAMistake()
    {
        _hub.CreateDb("db");
        _hub.Delete("/db?rev=1-abc").AssertError(400, "bad_request");
        _hub.Get("/db").AssertStatus(200);
    }

    [Fact]
    public void EnsureFullCommitIs201WithInstanceStartTime()
    {
        _hub.CreateDb("db");
        var r = _hub.Post("/db/_ensure_full_commit", "");
        r.AssertStatus(201);
        Assert.Equal("{\"ok\":true,\"instance_start_time\":\"0\"}", r.Text);
        Assert.Equal("application/json", r.Header("Content-Type"));
        _hub.Post("/nope/_ensure_full_commit", "").AssertError(404, "not_found");
        _hub.Get("/db/_ensure_full_commit").AssertError(405, "method_not_allowed");
    }

    [Fact]
    public void TheSystemDatabaseCannotBeDeletedOrRecreated()
    {
        _hub.Delete("/_thali").AssertError(403, "forbidden");
        _hub.Put("/_thali").AssertError(412, "file_exists");
    }

    [Theory]
    [InlineData("/db/_find", 501)]
    [InlineData("/db/_index", 501)]
    [InlineData("/db/_security", 501)]
    [InlineData("/db/_purge", 501)]
    public void UnsupportedDatabaseEndpointsAre501(string path, int status)
    {
        _hub.CreateDb("db");
        _hub.Post(path, "{}").AssertError(status, "not_implemented");
    }
}
