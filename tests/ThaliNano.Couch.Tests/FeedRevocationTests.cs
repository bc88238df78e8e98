using System.Collections.Concurrent;
using ThaliNano.Couch.Tests.Fakes;

namespace ThaliNano.Couch.Tests;

/// <summary>
/// Live _changes feeds re-check the reader's rights before every row: revoking a reader (or unpairing its key) ends
/// its open feeds cleanly, and no document written afterwards reaches it.
/// </summary>
public sealed class FeedRevocationTests : IDisposable
{
    private readonly Directory _directory = new();
    private readonly TestHub _hub;

    public FeedRevocationTests()
    {
        _hub = new TestHub(o => o.PrincipalDirectory = _directory);
        _hub.CreateDb("db");
        _hub.SetAcl("db", [Keys.Reader], []);
    }

    public void Dispose() => _hub.Dispose();

    private sealed class Directory : IPrincipalDirectory
    {
        public readonly ConcurrentDictionary<string, bool> Unpaired = new();

        public bool IsPaired(string principal) => !Unpaired.ContainsKey(principal);
    }

    [Fact]
    public void RevokingAReaderEndsItsContinuousFeed()
    {
        _hub.PutDoc("db", "before", "{\"secret\":1}");
        var feed = _hub.Start(Keys.Reader, "GET", "/db/_changes?feed=continuous&include_docs=true&since=0&timeout=30000");
        Assert.True(feed.WaitFor("\"id\":\"before\"", TimeSpan.FromSeconds(3)));
        _hub.SetAcl("db", [], []);
        Assert.True(feed.WaitClosed(TimeSpan.FromSeconds(5)), "the revoked reader's feed stayed open");
        _hub.PutDoc("db", "after", "{\"secret\":2}");
        var r = Response.Parse(feed.Written);
        r.AssertStatus(200);
        var lines = r.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal("{\"last_seq\":1,\"pending\":0}", lines[1]);
        Assert.DoesNotContain("after", r.Text);
    }

    [Fact]
    public void ARevokedReaderGetsNoRowWrittenAfterTheRevocation()
    {
        // The revocation and the write race the waiting feed: whichever wakes it, the row is checked first.
        var feed = _hub.Start(Keys.Reader, "GET", "/db/_changes?feed=longpoll&include_docs=true&since=0&timeout=30000");
        Thread.Sleep(200);
        _hub.SetGroup("nobody");
        _hub.SetAcl("db", ["group:nobody"], []);
        _hub.PutDoc("db", "after", "{\"secret\":2}");
        Assert.True(feed.WaitClosed(TimeSpan.FromSeconds(5)));
        var r = Response.Parse(feed.Written);
        r.AssertStatus(200);
        Assert.Empty(r.Json.GetProperty("results").EnumerateArray());
        Assert.DoesNotContain("secret", r.Text);
        _hub.Get("/db/_changes", Keys.Reader).AssertError(403, "forbidden");
    }

    [Fact]
    public void UnpairingAPrincipalEndsItsFeeds()
    {
        var feed = _hub.Start(Keys.Reader, "GET", "/db/_changes?feed=continuous&include_docs=true&since=0&timeout=30000");
        _hub.PutDoc("db", "a", "{}");
        Assert.True(feed.WaitFor("\"id\":\"a\"", TimeSpan.FromSeconds(3)));
        _directory.Unpaired[Keys.Reader] = true;
        _hub.PutDoc("db", "b", "{\"secret\":2}");
        Assert.True(feed.WaitClosed(TimeSpan.FromSeconds(5)), "the unpaired principal's feed stayed open");
        Assert.DoesNotContain("secret", Response.Parse(feed.Written).Text);
        Assert.EndsWith("{\"last_seq\":1,\"pending\":1}\n", Response.Parse(feed.Written).Text);
    }

    [Fact]
    public void UnrelatedAclChangesLeaveTheFeedRunning()
    {
        _hub.CreateDb("other");
        var feed = _hub.Start(Keys.Reader, "GET", "/db/_changes?feed=continuous&since=0&timeout=30000");
        _hub.SetAcl("other", ["*"], []);
        _hub.SetAcl("db", [Keys.Reader, Keys.Member], []);
        _hub.PutDoc("db", "a", "{}");
        Assert.True(feed.WaitFor("\"id\":\"a\"", TimeSpan.FromSeconds(3)));
        Assert.False(feed.WaitClosed(TimeSpan.FromMilliseconds(200)));
    }
}
