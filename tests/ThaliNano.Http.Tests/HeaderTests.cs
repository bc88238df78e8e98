using System.Text;
using ThaliNano.Http.Tests.Fakes;

namespace ThaliNano.Http.Tests;

public class HeaderTests
{
    private static IHttpHandler Capture(Action<HttpRequest> inspect) =>
        new LambdaHandler((request, response) => { inspect(request); response.Send([]); });

    [Fact]
    public void LookupIsCaseInsensitiveAndKeepsRepeatsInOrder()
    {
        HttpRequest? seen = null;
        string[]? accepts = null;
        TestServer.Run("GET / HTTP/1.1\r\nHOST: h\r\nX-Thing:   a b  \r\nAccept: one\r\naccept: two\r\nX-Empty:\r\n\r\n",
            Capture(r => { seen = r; accepts = r.Headers.GetAll("ACCEPT"); }));
        Assert.NotNull(seen);
        Assert.Equal("h", seen!.Headers.Get("host"));
        Assert.Equal("a b", seen.Headers.Get("x-thing"));
        Assert.Equal(new[] { "one", "two" }, accepts);
        Assert.Equal("", seen.Headers.Get("X-Empty"));
        Assert.Null(seen.Headers.Get("X-Missing"));
        Assert.Equal("x-thing", seen.Headers.NameAt(1));
    }

    [Fact]
    public void ObsTextInValuesIsReadAsLatin1()
    {
        string? value = null;
        var script = Encoding.Latin1.GetBytes("GET / HTTP/1.1\r\nHost: h\r\nX-Name: caf\u00e9\r\n\r\n");
        var connection = new ScriptedConnection(script);
        new HttpServer(new QueueListener(), Capture(r => value = r.Headers.Get("x-name")), TestServer.Options()).Serve(connection);
        Assert.Equal("caf\u00e9", value);
    }

    [Theory]
    [InlineData("X-A: 1\r\n folded", "line folding (obs-fold) is not accepted")]
    [InlineData("X-A: 1\r\n\tfolded", "line folding (obs-fold) is not accepted")]
    [InlineData("X-A : 1", "field name is followed by whitespace before ':'")]
    [InlineData("X-A\t: 1", "field name is followed by whitespace before ':'")]
    [InlineData("X-A 1", "field line has no ':'")]
    [InlineData(": 1", "field name is empty")]
    [InlineData("X(A): 1", "field name holds a character that is not allowed in a token")]
    [InlineData("X-A: a\u0000b", "field value holds a control character")]
    [InlineData("X-A: a\u001bb", "field value holds a control character")]
    [InlineData("X-A: a\u007fb", "field value holds a control character")]
    public void MalformedFieldLineIs400(string field, string reason)
    {
        var response = TestServer.FatalError("GET / HTTP/1.1\r\nHost: h\r\n" + field + "\r\n\r\n");
        Assert.Equal(400, response.Status);
        Assert.Equal(("bad_request", reason), response.Error);
    }

    [Fact]
    public void FieldLineAtTheLimitIsAcceptedOneMoreIs431()
    {
        string Line(int length) => "X-A: " + new string('v', length - 5);
        Assert.Equal(200, TestServer.One("GET / HTTP/1.1\r\nHost: h\r\n" + Line(4096) + "\r\n\r\n").Status);
        var response = TestServer.FatalError("GET / HTTP/1.1\r\nHost: h\r\n" + Line(4097) + "\r\n\r\n");
        Assert.Equal(431, response.Status);
        Assert.Equal(("header_fields_too_large", "header line exceeds 4096 bytes"), response.Error);
    }

    [Fact]
    public void FieldCountAtTheLimitIsAcceptedOneMoreIs431()
    {
        string Fields(int count) => string.Concat(Enumerable.Range(1, count - 1).Select(i => "X-" + i + ": v\r\n"));
        Assert.Equal(200, TestServer.One("GET / HTTP/1.1\r\nHost: h\r\n" + Fields(32) + "\r\n").Status);
        var response = TestServer.FatalError("GET / HTTP/1.1\r\nHost: h\r\n" + Fields(33) + "\r\n");
        Assert.Equal(431, response.Status);
        Assert.Equal("more than 32 header fields", response.Error.Reason);
    }

    [Fact]
    public void HeaderSectionAtTheLimitIsAcceptedOneMoreIs431()
    {
        // "Host: h\r\n" is 9 bytes; field lines of 2725, 2725 and 2727 bytes, each with its CRLF, add 8183: 8192 in all.
        string Field(int n, int length) => "X-" + n + ": " + new string('v', length - 5) + "\r\n";
        string fields = Field(1, 2725) + Field(2, 2725);
        Assert.Equal(200, TestServer.One("GET / HTTP/1.1\r\nHost: h\r\n" + fields + Field(3, 2727) + "\r\n").Status);
        var response = TestServer.FatalError("GET / HTTP/1.1\r\nHost: h\r\n" + fields + Field(3, 2728) + "\r\n");
        Assert.Equal(431, response.Status);
        Assert.Equal("header section exceeds 8192 bytes", response.Error.Reason);
    }

    [Fact]
    public void MissingHostIn11Is400ButKeepsTheConnection()
    {
        var connection = TestServer.Run("GET / HTTP/1.1\r\n\r\nGET /next HTTP/1.1\r\nHost: h\r\n\r\n");
        var responses = ResponseReader.ReadAll(connection.Written);
        Assert.Equal(2, responses.Count);
        Assert.Equal(400, responses[0].Status);
        Assert.Equal(("bad_request", "Host header missing (required in HTTP/1.1)"), responses[0].Error);
        Assert.Null(responses[0].Header("Connection"));
        Assert.Equal(200, responses[1].Status);
    }

    [Fact]
    public void RepeatedHostIs400()
    {
        var response = ResponseReader.ReadAll(TestServer.Run("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n").Written)[0];
        Assert.Equal(("bad_request", "more than one Host header"), response.Error);
    }

    [Fact]
    public void Http10NeedsNoHost()
    {
        Assert.Equal(200, TestServer.One("GET / HTTP/1.0\r\n\r\n").Status);
    }

    [Fact]
    public void OnlyTheKeptFieldsAndTheFramingReachTheHandlerAndTheDroppedOnesStillCount()
    {
        var options = TestServer.Options(o => o.KeptRequestHeaders = ["accept", "x-wanted"]);
        HttpRequest? seen = null;
        string? body = null;
        TestServer.Run("POST / HTTP/1.1\r\nHost: h\r\nUser-Agent: node\r\nAccept: application/json\r\nX-Wanted: yes\r\n"
            + "Accept-Encoding: gzip\r\nX-Other: no\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
            Capture(r =>
            {
                seen = r;
                body = Encoding.ASCII.GetString(Handlers.ReadAll(r.Body));
            }), options);

        Assert.Equal(["host", "accept", "x-wanted", "transfer-encoding", "connection"],
            Enumerable.Range(0, seen!.Headers.Count).Select(seen.Headers.NameAt));
        Assert.Equal("application/json", seen.Headers.Get("Accept"));
        Assert.Null(seen.Headers.Get("User-Agent"));
        Assert.Equal("abc", body);

        string dropped = string.Concat(Enumerable.Range(1, 32).Select(i => "X-" + i + ": v\r\n"));
        var response = TestServer.FatalError("GET / HTTP/1.1\r\nHost: h\r\n" + dropped + "\r\n", options);
        Assert.Equal("more than 32 header fields", response.Error.Reason);
    }

    [Fact]
    public void KeptFieldNamesMustBeLowercaseTokens()
    {
        Assert.Throws<ArgumentException>(() => new HttpServerOptions { KeptRequestHeaders = ["Accept"] }.Validate());
        Assert.Throws<ArgumentException>(() => new HttpServerOptions { KeptRequestHeaders = ["a b"] }.Validate());
        new HttpServerOptions { KeptRequestHeaders = ["accept"] }.Validate();
    }

    [Fact]
    public void TakingAFieldRemovesEveryOneOfItsNameAndReturnsTheFirstValue()
    {
        string? taken = null;
        string? missing = null;
        HttpRequest? seen = null;
        TestServer.Run("GET / HTTP/1.1\r\nHost: h\r\nAuthorization: one\r\nAccept: a\r\nauthorization: two\r\n\r\n", Capture(r =>
        {
            seen = r;
            taken = r.TakeHeader("Authorization");
            missing = r.TakeHeader("x-none");
        }));

        Assert.Equal("one", taken);
        Assert.Null(missing);
        Assert.Null(seen!.Headers.Get("authorization"));
        Assert.Equal(["host", "accept"], Enumerable.Range(0, seen.Headers.Count).Select(seen.Headers.NameAt));
    }
}
