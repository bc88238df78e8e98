using System.Text;
using ThaliNano.Http.Tests.Fakes;

namespace ThaliNano.Http.Tests;

public class ResponseWritingTests
{
    private const string Get = "GET /x HTTP/1.1\r\nHost: h\r\n\r\n";

    private static IHttpHandler Text(string text, int status = 200) => new LambdaHandler((_, response) =>
    {
        response.StatusCode = status;
        response.Headers.Add("Content-Type", "text/plain");
        response.Send(Encoding.ASCII.GetBytes(text));
    });

    [Fact]
    public void FixedBodyIsWrittenByteForByte()
    {
        var connection = TestServer.Run(Get, Text("hello"));
        Assert.Equal("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nKeep-Alive: timeout=15\r\n\r\nhello",
            connection.WrittenText);
    }

    [Fact]
    public void HeadGetsTheHeadOfGetWithoutBody()
    {
        var connection = TestServer.Run("HEAD /x HTTP/1.1\r\nHost: h\r\n\r\n", Text("hello"));
        Assert.Equal("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nKeep-Alive: timeout=15\r\n\r\n",
            connection.WrittenText);
    }

    [Fact]
    public void ChunkedBodyFlushesEachPieceAsAChunk()
    {
        var handler = new LambdaHandler((_, response) =>
        {
            var body = response.BeginChunked();
            body.Write("abc"u8.ToArray(), 0, 3);
            body.Flush();
            body.Write("defg"u8.ToArray(), 0, 4);
        });
        Assert.Equal("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nKeep-Alive: timeout=15\r\n\r\n3\r\nabc\r\n4\r\ndefg\r\n0\r\n\r\n",
            TestServer.Run(Get, handler).WrittenText);
    }

    [Fact]
    public void ChunkedHeadAndFirstChunkShareOneTransportWrite()
    {
        // 26 data bytes (0x1a): the size line needs two hex digits, so the head is moved up to meet it.
        var handler = new LambdaHandler((_, response) =>
        {
            var body = response.BeginChunked();
            body.Write("abcdefghijklmnopqrstuvwxyz"u8.ToArray(), 0, 26);
        });
        Assert.Equal("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nKeep-Alive: timeout=15\r\n\r\n1a\r\nabcdefghijklmnopqrstuvwxyz\r\n0\r\n\r\n",
            TestServer.Run(Get, handler).WrittenText);
    }

    [Theory]
    [InlineData(64, 1)]
    [InlineData(64, 1000)]
    [InlineData(1024, 5000)]
    [InlineData(1024, 70000)]
    public void LargeChunkedBodiesArriveWhole(int bufferBytes, int size)
    {
        byte[] data = new byte[size];
        new Random(size).NextBytes(data);
        var handler = new LambdaHandler((_, response) =>
        {
            var body = response.BeginChunked();
            int at = 0;
            var random = new Random(1);
            while (at < data.Length)
            {
                int n = Math.Min(random.Next(1, 3000), data.Length - at);
                body.Write(data, at, n);
                at += n;
            }
        });
        var options = TestServer.Options(o => o.OutputBufferBytes = bufferBytes);
        var response = ResponseReader.Single(TestServer.Run(Get, handler, options).Written);
        Assert.Equal(data, response.Body);
        Assert.Equal("chunked", response.Header("Transfer-Encoding"));
    }

    [Fact]
    public void HeadWithChunkedBodySendsNoChunks()
    {
        var handler = new LambdaHandler((_, response) => response.BeginChunked().Write("abc"u8.ToArray(), 0, 3));
        Assert.Equal("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nKeep-Alive: timeout=15\r\n\r\n",
            TestServer.Run("HEAD /x HTTP/1.1\r\nHost: h\r\n\r\n", handler).WrittenText);
    }

    [Fact]
    public void Http10StreamedBodyIsDelimitedByClose()
    {
        var handler = new LambdaHandler((_, response) => response.BeginChunked().Write("abc"u8.ToArray(), 0, 3));
        var connection = TestServer.Run("GET /x HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", handler);
        Assert.Equal("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nabc", connection.WrittenText);
        Assert.True(connection.Closed);
    }

    [Fact]
    public void DeclaredLengthBodyIsStreamed()
    {
        var handler = new LambdaHandler((_, response) =>
        {
            var body = response.BeginBody(6);
            body.Write("abc"u8.ToArray(), 0, 3);
            body.Write("def"u8.ToArray(), 0, 3);
        });
        Assert.Equal("HTTP/1.1 200 OK\r\nContent-Length: 6\r\nKeep-Alive: timeout=15\r\n\r\nabcdef", TestServer.Run(Get, handler).WrittenText);
    }

    [Fact]
    public void ShortDeclaredLengthBodyClosesTheConnection()
    {
        var handler = new LambdaHandler((_, response) => response.BeginBody(6).Write("abc"u8.ToArray(), 0, 3));
        var connection = TestServer.Run(Get + Get, handler);
        Assert.Equal("HTTP/1.1 200 OK\r\nContent-Length: 6\r\nKeep-Alive: timeout=15\r\n\r\nabc", connection.WrittenText);
        Assert.True(connection.Closed);
    }

    [Fact]
    public void WritingPastTheDeclaredLengthFailsAndCutsTheResponse()
    {
        Exception? seen = null;
        var handler = new LambdaHandler((_, response) =>
        {
            var body = response.BeginBody(2);
            seen = Record.Exception(() => body.Write("abc"u8.ToArray(), 0, 3));
            throw seen!;
        });
        var connection = TestServer.Run(Get + Get, handler);
        Assert.IsType<InvalidOperationException>(seen);
        Assert.True(connection.Closed);
        Assert.DoesNotContain("abc", connection.WrittenText);
    }

    [Fact]
    public void NoContentHasNoContentLength()
    {
        var handler = new LambdaHandler((_, response) => response.StatusCode = 204);
        Assert.Equal("HTTP/1.1 204 No Content\r\nKeep-Alive: timeout=15\r\n\r\n", TestServer.Run(Get, handler).WrittenText);
    }

    [Fact]
    public void HandlerThatSendsNothingAnswersAnEmptyBody()
    {
        var handler = new LambdaHandler((_, response) => response.StatusCode = 201);
        Assert.Equal("HTTP/1.1 201 Created\r\nContent-Length: 0\r\nKeep-Alive: timeout=15\r\n\r\n", TestServer.Run(Get, handler).WrittenText);
    }

    [Fact]
    public void ServerHeaderOptionIsSentFirst()
    {
        var options = TestServer.Options(o => o.ServerHeader = "ThaliNano/0.1");
        Assert.StartsWith("HTTP/1.1 200 OK\r\nServer: ThaliNano/0.1\r\nContent-Type: text/plain\r\n",
            TestServer.Run(Get, Text("x"), options).WrittenText);
    }

    [Theory]
    [InlineData("X-A", "a\r\nInjected: 1")]
    [InlineData("X-A", "a\nb")]
    [InlineData("X-A", "\0")]
    [InlineData("X-A", " padded")]
    [InlineData("Bad Name", "v")]
    [InlineData("", "v")]
    [InlineData("Content-Length", "5")]
    [InlineData("transfer-encoding", "chunked")]
    [InlineData("Connection", "close")]
    public void ResponseHeadersRefuseSplittingAndFramingFields(string name, string value)
    {
        Exception? seen = null;
        var handler = new LambdaHandler((_, response) => seen = Record.Exception(() => response.Headers.Add(name, value)));
        TestServer.Run(Get, handler);
        Assert.IsType<ArgumentException>(seen);
    }

    [Fact]
    public void RequestHeadersAreReadOnly()
    {
        Exception? seen = null;
        var handler = new LambdaHandler((request, _) => seen = Record.Exception(() => request.Headers.Add("X-A", "b")));
        TestServer.Run(Get, handler);
        Assert.IsType<InvalidOperationException>(seen);
    }

    [Fact]
    public void StatusAndHeadersAreFixedOnceSent()
    {
        Exception? status = null;
        Exception? second = null;
        var handler = new LambdaHandler((_, response) =>
        {
            response.Send([]);
            status = Record.Exception(() => response.StatusCode = 404);
            second = Record.Exception(() => response.Send([]));
        });
        TestServer.Run(Get, handler);
        Assert.IsType<InvalidOperationException>(status);
        Assert.IsType<InvalidOperationException>(second);
    }

    [Fact]
    public void SendErrorWritesTheJsonErrorShape()
    {
        var handler = new LambdaHandler((_, response) => response.SendError(404, "not_found", "missing \"doc\" \\ \u00e9\n"));
        var connection = TestServer.Run(Get, handler);
        var expectedBody = "{\"error\":\"not_found\",\"reason\":\"missing \\\"doc\\\" \\\\ \u00e9\\u000a\"}";
        Assert.Equal("HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 60\r\nKeep-Alive: timeout=15\r\n\r\n",
            connection.WrittenText[..^Encoding.UTF8.GetByteCount(expectedBody)]);
        Assert.Equal(expectedBody, Encoding.UTF8.GetString(connection.Written[^Encoding.UTF8.GetByteCount(expectedBody)..]));
        var error = ResponseReader.Single(connection.Written).Error;
        Assert.Equal(("not_found", "missing \"doc\" \\ \u00e9\n"), error);
    }
}
