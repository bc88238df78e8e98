using ThaliNano.Http.Tests.Fakes;

namespace ThaliNano.Http.Tests;

public class RequestLineTests
{
    [Fact]
    public void ValidRequestReachesTheHandler()
    {
        var response = TestServer.One("GET /db/doc?x=1 HTTP/1.1\r\nHost: h\r\n\r\n");
        Assert.Equal(200, response.Status);
        Assert.Equal("GET", response.Json.GetProperty("method").GetString());
    }

    [Fact]
    public void MethodIsCaseSensitiveAndPassedThrough()
    {
        Assert.Equal("get", TestServer.One("get / HTTP/1.1\r\nHost: h\r\n\r\n").Json.GetProperty("method").GetString());
        Assert.Equal("PROPFIND", TestServer.One("PROPFIND / HTTP/1.1\r\nHost: h\r\n\r\n").Json.GetProperty("method").GetString());
    }

    [Theory]
    [InlineData("GET  / HTTP/1.1")]
    [InlineData("GET / HTTP/1.1 ")]
    [InlineData(" GET / HTTP/1.1")]
    [InlineData("GET /")]
    [InlineData("GET / HTTP/1.1 extra")]
    [InlineData("GET\t/ HTTP/1.1")]
    public void MisshapenRequestLineIs400(string requestLine)
    {
        var response = TestServer.FatalError(requestLine + "\r\nHost: h\r\n\r\n");
        Assert.Equal(400, response.Status);
        Assert.Equal(("bad_request", "request line must be: method SP request-target SP HTTP-version"), response.Error);
    }

    [Theory]
    [InlineData("G(T / HTTP/1.1", "method is not a token")]
    [InlineData("GET / http/1.1", "invalid HTTP version")]
    [InlineData("GET / HTTP/1.10", "invalid HTTP version")]
    [InlineData("GET / HTTP/1", "invalid HTTP version")]
    [InlineData("GET http://h/ HTTP/1.1", "request target must be in origin-form (start with '/')")]
    [InlineData("OPTIONS * HTTP/1.1", "request target must be in origin-form (start with '/')")]
    [InlineData("GET /a#frag HTTP/1.1", "request target holds a character that must be percent-encoded")]
    [InlineData("GET /a<b HTTP/1.1", "request target holds a character that must be percent-encoded")]
    [InlineData("GET /a\u007fb HTTP/1.1", "request target holds a character that must be percent-encoded")]
    [InlineData("GET /caf\u00e9 HTTP/1.1", "request target holds a character that must be percent-encoded")]
    [InlineData("GET /a\u0001b HTTP/1.1", "request target holds a character that must be percent-encoded")]
    public void InvalidRequestLineIs400(string requestLine, string reason)
    {
        var response = TestServer.FatalError(requestLine + "\r\nHost: h\r\n\r\n");
        Assert.Equal(400, response.Status);
        Assert.Equal(("bad_request", reason), response.Error);
    }

    [Theory]
    [InlineData("HTTP/2.0")]
    [InlineData("HTTP/1.2")]
    [InlineData("HTTP/0.9")]
    public void OtherHttpVersionsAre505(string version)
    {
        var response = TestServer.FatalError("GET / " + version + "\r\nHost: h\r\n\r\n");
        Assert.Equal(505, response.Status);
        Assert.Equal(("http_version_not_supported", "only HTTP/1.1 and HTTP/1.0 are supported"), response.Error);
    }

    [Fact]
    public void RequestLineAtTheLimitIsAcceptedOneMoreIs414()
    {
        var options = TestServer.Options(o => o.MaxRequestLineBytes = 100);
        string target = "/" + new string('a', 100 - "GET  HTTP/1.1".Length - 1);
        Assert.Equal(200, TestServer.One("GET " + target + " HTTP/1.1\r\nHost: h\r\n\r\n", options: options).Status);

        var response = TestServer.FatalError("GET " + target + "a HTTP/1.1\r\nHost: h\r\n\r\n", options);
        Assert.Equal(414, response.Status);
        Assert.Equal(("uri_too_long", "request line exceeds 100 bytes"), response.Error);
    }

    [Fact]
    public void DefaultRequestLineLimitIs8192()
    {
        var response = TestServer.FatalError("GET /" + new string('a', 9000) + " HTTP/1.1\r\nHost: h\r\n\r\n");
        Assert.Equal(414, response.Status);
        Assert.Equal("request line exceeds 8192 bytes", response.Error.Reason);
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\nHost: h\r\n\r\n", "request line ends in a bare LF (CRLF required)")]
    [InlineData("GET / HTTP/1.1\r\nHost: h\n\r\n", "header line ends in a bare LF (CRLF required)")]
    [InlineData("GET /\r HTTP/1.1\r\nHost: h\r\n\r\n", "request line holds a bare CR")]
    [InlineData("GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n", "header line holds a bare CR")]
    public void BareCrOrLfIs400(string script, string reason)
    {
        var response = TestServer.FatalError(script);
        Assert.Equal(400, response.Status);
        Assert.Equal(reason, response.Error.Reason);
    }

    [Fact]
    public void UpToTwoEmptyLinesBeforeTheRequestAreIgnored()
    {
        Assert.Equal(200, TestServer.One("\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n").Status);
        var response = TestServer.FatalError("\r\n\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n");
        Assert.Equal("too many empty lines before the request line", response.Error.Reason);
    }

    [Fact]
    public void EndOfStreamBeforeARequestClosesSilently()
    {
        var connection = TestServer.Run("");
        Assert.Empty(connection.Written);
        Assert.True(connection.Closed);
    }

    [Fact]
    public void EndOfStreamInsideTheHeadClosesSilently()
    {
        var connection = TestServer.Run("GET / HTTP/1.1\r\nHost: h\r\n");
        Assert.Empty(connection.Written);
        Assert.True(connection.Closed);
    }

    [Fact]
    public void Http10IsServedAndClosedByDefault()
    {
        var connection = TestServer.Run("GET / HTTP/1.0\r\n\r\nGET / HTTP/1.0\r\n\r\n");
        var response = ResponseReader.Single(connection.Written);
        Assert.Equal(200, response.Status);
        Assert.Equal("close", response.Header("Connection"));
    }
}
