using ThaliNano.Couch.Tests.Fakes;

namespace ThaliNano.Couch.Tests;

/// <summary>GET /, _all_dbs, _session and unknown server endpoints (brief: "GET / — only uuid is read ... Serve a stable uuid").</summary>
public sealed class ServerTests : IDisposable
{
    private readonly TestHub _hub = new();

    public void Dispose() => _hub.Dispose();

    [Fact]
    public void WelcomeCarriesTheStableUuidAndVendor()
    {
        var r = _hub.Get("/");
        r.AssertStatus(200);
        Assert.Equal("application/json", r.Header("Content-Type"));
        var json = r.Json;
        Assert.Equal("Welcome", json.GetProperty("couchdb").GetString());
        Assert.Equal(TestHub.Uuid, json.GetProperty("uuid").GetString());
        Assert.Equal("ThaliNano", json.GetProperty("vendor").GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("vendor").GetProperty("version").GetString()));
        Assert.Matches(@"^\d+\.\d+\.\d+$", json.GetProperty("version").GetString()!);
        Assert.Equal(TestHub.Uuid, _hub.Get("/", Keys.Stranger).Json.GetProperty("uuid").GetString());
    }

    [Fact]
    public void HeadOfRootHasTheHeadOfGetWithoutBody()
    {
        var get = _hub.Get("/");
        var head = _hub.Send(Keys.Admin, "HEAD", "/");
        head.AssertStatus(200);
        Assert.Empty(head.Body);
        Assert.Equal(get.Header("Content-Length"), head.Header("Content-Length"));
    }

    [Fact]
    public void RootRefusesOtherMethodsWithJson()
    {
        var r = _hub.Send(Keys.Admin, "POST", "/", "{}");
        Assert.Contains("GET", r.AssertError(405, "method_not_allowed"));
    }

    [Fact]
    public void SessionIsANotFoundJsonSoCouchDbFallsBack()
    {
        _hub.Send(Keys.Writer, "POST", "/_session", "{\"name\":\"a\",\"password\":\"b\"}").AssertError(404, "not_found");
        _hub.Get("/_session", Keys.Writer).AssertError(404, "not_found");
    }

    [Theory]
    [InlineData("/_utils")]
    [InlineData("/_replicate")]
    [InlineData("/_all_dbs/x")]
    public void UnknownServerEndpointsAreJson404(string path)
    {
        _hub.Get(path).AssertError(404, "not_found");
    }

    [Fact]
    public void AllDbsListsOnlyReadableDatabasesSorted()
    {
        _hub.CreateDb("zeta");
        _hub.CreateDb("alpha");
        _hub.CreateDb("mid$dle");
        _hub.SetAcl("zeta", [Keys.Reader], []);
        _hub.SetAcl("alpha", [], [Keys.Reader]);
        var admin = _hub.Get("/_all_dbs").Json.EnumerateArray().Select(e => e.GetString()).ToArray();
        Assert.Equal(new[] { "_thali", "alpha", "mid$dle", "zeta" }, admin);
        var reader = _hub.Get("/_all_dbs", Keys.Reader).Json.EnumerateArray().Select(e => e.GetString()).ToArray();
        Assert.Equal(new[] { "zeta" }, reader);
        Assert.Empty(_hub.Get("/_all_dbs", Keys.Stranger).Json.EnumerateArray());
    }
}
