using System.Text;
using ThaliNano.Http.Tests.Fakes;

namespace ThaliNano.Http.Tests;

public class HandlerErrorTests
{
    private const string TwoGets = "GET /a HTTP/1.1\r\nHost: h\r\n\r\nGET /b HTTP/1.1\r\nHost: h\r\n\r\n";

    private sealed class ListLog : IHttpServerLog
    {
        public List<(string, Exception?)> Entries { get; } = [];

        public void Log(string message, Exception? exception)
        {
            lock (Entries)
            {
                Entries.Add((message, exception));
            }
        }
    }

    [Fact]
    public void HttpExceptionBecomesItsJsonErrorAndKeepsTheConnection()
    {
        var handler = new LambdaHandler((request, response) =>
        {
            if (request.Target == "/a")
            {
                response.Headers.Add("X-Dropped", "1");
                throw new HttpException(404, "not_found", "missing");
            }

            response.Send([]);
        });
        var connection = TestServer.Run(TwoGets, handler);
        Assert.Equal("HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 40\r\nKeep-Alive: timeout=15\r\n\r\n"
            + "{\"error\":\"not_found\",\"reason\":\"missing\"}HTTP/1.1 200 OK\r\nContent-Length: 0\r\nKeep-Alive: timeout=15\r\n\r\n",
            connection.WrittenText);
    }

    [Fact]
    public void HttpExceptionCanAskToClose()
    {
        var handler = new LambdaHandler((_, _) => throw new HttpException(401, "unauthorized", "who are you", true));
        var connection = TestServer.Run(TwoGets, handler);
        var response = ResponseReader.Single(connection.Written);
        Assert.Equal(("unauthorized", "who are you"), response.Error);
        Assert.Equal("close", response.Header("Connection"));
    }

    [Fact]
    public void OtherExceptionsBecome500WithoutDetailsAndAreLogged()
    {
        var log = new ListLog();
        var handler = new LambdaHandler((_, _) => throw new InvalidOperationException("secret path /etc/key"));
        var connection = TestServer.Run(TwoGets, handler, TestServer.Options(o => o.Log = log));
        var responses = ResponseReader.ReadAll(connection.Written);
        Assert.Equal(2, responses.Count);
        Assert.Equal(500, responses[0].Status);
        Assert.Equal(("internal_server_error", "the request could not be processed"), responses[0].Error);
        Assert.DoesNotContain("secret", connection.WrittenText);
        Assert.Equal(2, log.Entries.Count);
        Assert.IsType<InvalidOperationException>(log.Entries[0].Item2);
    }

    [Fact]
    public void FailureAfterTheHeadCutsTheStreamWithoutTheLastChunk()
    {
        var handler = new LambdaHandler((_, response) =>
        {
            var body = response.BeginChunked();
            body.Write("[1,2"u8.ToArray(), 0, 4);
            body.Flush();
            using (body)
            {
                throw new InvalidOperationException("store failed");
            }
        });
        var connection = TestServer.Run(TwoGets, handler);
        Assert.True(connection.Closed);
        Assert.EndsWith("\r\n\r\n4\r\n[1,2\r\n", connection.WrittenText);
        Assert.DoesNotContain("0\r\n\r\n", connection.WrittenText);
    }

    [Fact]
    public void HttpExceptionStatusMustBeAnError()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HttpException(200, "ok", "fine"));
    }

    [Fact]
    public void TransportPrincipalReachesTheHandlerButEstablishesNoPrincipal()
    {
        var connection = new ScriptedConnection(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: h\r\n\r\n")) { Principal = "key:abc" };
        new HttpServer(new QueueListener(), Handlers.Echo(), TestServer.Options()).Serve(connection);
        var reply = ResponseReader.Single(connection.Written).Json;
        Assert.Equal("key:abc", reply.GetProperty("transportPrincipal").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, reply.GetProperty("principal").ValueKind);
    }
}
