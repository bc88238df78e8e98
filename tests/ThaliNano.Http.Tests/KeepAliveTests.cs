using ThaliNano.Http.Tests.Fakes;

namespace ThaliNano.Http.Tests;

public class KeepAliveTests
{
    private const string Get = "GET /{0} HTTP/1.1\r\nHost: h\r\n\r\n";

    [Fact]
    public void PipelinedRequestsAreAnsweredInOrder()
    {
        string script = string.Format(Get, "a") + "PUT /b HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nxyz"
            + "HEAD /c HTTP/1.1\r\nHost: h\r\n\r\n" + "POST /d HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nq\r\n0\r\n\r\n"
            + string.Format(Get, "e");
        foreach (int piece in new[] { int.MaxValue, 1, 2, 13, 64 })
        {
            var connection = TestServer.Run(script, null, TestServer.Options(), piece);
            var responses = ResponseReader.ReadAll(connection.Written, false, false, true);
            Assert.Equal(5, responses.Count);
            Assert.Equal("a", responses[0].Json.GetProperty("segments")[0].GetString());
            Assert.Equal("xyz", responses[1].Json.GetProperty("body").GetString());
            Assert.Empty(responses[2].Body);
            Assert.NotNull(responses[2].Header("Content-Length"));
            Assert.Equal("q", responses[3].Json.GetProperty("body").GetString());
            Assert.Equal("e", responses[4].Json.GetProperty("segments")[0].GetString());
            Assert.All(responses, r => Assert.Equal("timeout=15", r.Header("Keep-Alive")));
            Assert.All(responses, r => Assert.Null(r.Header("Connection")));
        }
    }

    [Fact]
    public void ConnectionCloseEndsTheConnectionAfterTheResponse()
    {
        var connection = TestServer.Run("GET /a HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n" + string.Format(Get, "b"));
        var response = ResponseReader.Single(connection.Written);
        Assert.Equal("close", response.Header("Connection"));
        Assert.Null(response.Header("Keep-Alive"));
        Assert.True(connection.Closed);
    }

    [Fact]
    public void ConnectionTokensAreCaseInsensitiveLists()
    {
        var connection = TestServer.Run("GET /a HTTP/1.1\r\nHost: h\r\nConnection: TE, Close\r\n\r\n" + string.Format(Get, "b"));
        Assert.Single(ResponseReader.ReadAll(connection.Written));
    }

    [Fact]
    public void Http10KeepAliveIsHonoured()
    {
        var connection = TestServer.Run("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /b HTTP/1.0\r\n\r\n");
        var responses = ResponseReader.ReadAll(connection.Written);
        Assert.Equal(2, responses.Count);
        Assert.Equal("keep-alive", responses[0].Header("Connection"));
        Assert.Equal("close", responses[1].Header("Connection"));
    }

    [Fact]
    public void HandlerCanCloseTheConnection()
    {
        var handler = new LambdaHandler((_, response) => { response.CloseConnection(); response.Send([]); });
        var connection = TestServer.Run(string.Format(Get, "a") + string.Format(Get, "b"), handler);
        Assert.Equal("close", ResponseReader.Single(connection.Written).Header("Connection"));
    }

    [Fact]
    public void IdleKeptAliveConnectionIsClosedAfterTheIdleTimeout()
    {
        var options = TestServer.Options(o => o.IdleTimeoutMilliseconds = 300);
        using var server = new RunningServer(Handlers.Ok(), options);
        var connection = server.Connect();
        connection.Client.Send(string.Format(Get, "a"));
        var started = DateTime.UtcNow;
        Assert.True(connection.ClosedEvent.Wait(5000));
        var elapsed = DateTime.UtcNow - started;
        Assert.InRange(elapsed.TotalMilliseconds, 250, 3000);
        Assert.Equal(200, ResponseReader.Single(connection.Client.ReadToEnd()).Status);
    }
}
