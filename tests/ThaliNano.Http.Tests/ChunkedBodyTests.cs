using ThaliNano.Http.Tests.Fakes;

namespace ThaliNano.Http.Tests;

public class ChunkedBodyTests
{
    private static string Chunked(string body) => "PUT /db/doc HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n" + body;

    private static string Body(string body, HttpServerOptions? options = null) =>
        TestServer.One(Chunked(body), options: options).Json.GetProperty("body").GetString()!;

    [Theory]
    [InlineData("5\r\nhello\r\n0\r\n\r\n", "hello")]
    [InlineData("2\r\nhe\r\n3\r\nllo\r\n0\r\n\r\n", "hello")]
    [InlineData("0\r\n\r\n", "")]
    [InlineData("A\r\n0123456789\r\n0\r\n\r\n", "0123456789")]
    [InlineData("a\r\n0123456789\r\n000\r\n\r\n", "0123456789")]
    [InlineData("0005\r\nhello\r\n0\r\n\r\n", "hello")]
    [InlineData("5;name=value\r\nhello\r\n0;last\r\n\r\n", "hello")]
    [InlineData("5 ;ext=\"quoted;x\"\r\nhello\r\n0\r\n\r\n", "hello")]
    [InlineData("5\t\r\nhello\r\n0\r\n\r\n", "hello")]
    [InlineData("5\r\nhello\r\n0\r\nChecksum: abc\r\nX-Other: 1\r\n\r\n", "hello")]
    public void ChunkedBodiesAreDecoded(string body, string expected)
    {
        Assert.Equal(expected, Body(body));
    }

    [Fact]
    public void DecodedSameAtEveryReadBoundary()
    {
        string script = Chunked("3\r\nabc\r\n1;x=y\r\nd\r\n0\r\nT: v\r\n\r\n") + "GET / HTTP/1.1\r\nHost: h\r\n\r\n";
        foreach (int piece in new[] { 1, 2, 3, 5, 7 })
        {
            var responses = ResponseReader.ReadAll(TestServer.Run(script, null, TestServer.Options(), piece).Written);
            Assert.Equal(2, responses.Count);
            Assert.Equal("abcd", responses[0].Json.GetProperty("body").GetString());
        }
    }

    [Theory]
    [InlineData("x\r\nhello\r\n0\r\n\r\n", 400, "invalid chunk size line")]
    [InlineData("\r\nhello\r\n0\r\n\r\n", 400, "invalid chunk size line")]
    [InlineData("-5\r\nhello\r\n0\r\n\r\n", 400, "invalid chunk size line")]
    [InlineData("5x\r\nhello\r\n0\r\n\r\n", 400, "invalid chunk size line")]
    [InlineData("5 5\r\nhello\r\n0\r\n\r\n", 400, "invalid chunk size line")]
    [InlineData("0x5\r\nhello\r\n0\r\n\r\n", 400, "invalid chunk size line")]
    [InlineData("3\r\nhello\r\n0\r\n\r\n", 400, "chunk data is not followed by CRLF (longer than its chunk size?)")]
    [InlineData("5\r\nhello\n0\r\n\r\n", 400, "chunk data is not followed by CRLF (longer than its chunk size?)")]
    [InlineData("5\nhello\r\n0\r\n\r\n", 400, "chunk size line ends in a bare LF (CRLF required)")]
    [InlineData("5\r\nhello\r\n0\r\n folded: x\r\n\r\n", 400, "trailer line folding (obs-fold) is not accepted")]
    [InlineData("5\r\nhello\r\n0\r\nno colon\r\n\r\n", 400, "trailer field line has no ':'")]
    [InlineData("1000000000000000\r\n", 413, "chunk size has more than 15 hex digits")]
    public void MalformedChunkingIsAnErrorThatCloses(string body, int status, string reason)
    {
        var response = TestServer.FatalError(Chunked(body));
        Assert.Equal(status, response.Status);
        Assert.Equal(reason, response.Error.Reason);
    }

    [Fact]
    public void ChunkSizeLineLimitCoversExtensions()
    {
        string extension = ";" + new string('e', 300);
        var response = TestServer.FatalError(Chunked("5" + extension + "\r\nhello\r\n0\r\n\r\n"));
        Assert.Equal(("bad_request", "chunk size line exceeds 256 bytes"), response.Error);
    }

    [Fact]
    public void DecodedSizeOverTheLimitIs413()
    {
        var options = TestServer.Options(o => o.MaxBodyBytes = 8);
        Assert.Equal("12345678", Body("4\r\n1234\r\n4\r\n5678\r\n0\r\n\r\n", options));
        var response = TestServer.FatalError(Chunked("4\r\n1234\r\n5\r\n56789\r\n0\r\n\r\n"), options);
        Assert.Equal(("too_large", "the chunked request body exceeds 8 bytes"), response.Error);
    }

    [Fact]
    public void TrailersAreBounded()
    {
        string trailers = string.Concat(Enumerable.Range(0, 33).Select(i => "T" + i + ": v\r\n"));
        var response = TestServer.FatalError(Chunked("0\r\n" + trailers + "\r\n"));
        Assert.Equal(("header_fields_too_large", "more than 32 trailer fields"), response.Error);

        response = TestServer.FatalError(Chunked("0\r\nT: " + new string('v', 5000) + "\r\n\r\n"));
        Assert.Equal(("header_fields_too_large", "trailer line exceeds 4096 bytes"), response.Error);

        string big = string.Concat(Enumerable.Range(0, 3).Select(i => "T" + i + ": " + new string('v', 3000) + "\r\n"));
        response = TestServer.FatalError(Chunked("0\r\n" + big + "\r\n"));
        Assert.Equal(("header_fields_too_large", "trailer section exceeds 8192 bytes"), response.Error);
    }

    [Fact]
    public void ConnectionEndingInsideAChunkIs400()
    {
        var response = TestServer.FatalError(Chunked("5\r\nhel"));
        Assert.Equal(("bad_request", "the connection ended inside a chunk"), response.Error);
    }

    [Fact]
    public void ConnectionEndingBeforeTheLastChunkIs400()
    {
        var response = TestServer.FatalError(Chunked("5\r\nhello\r\n"));
        Assert.Equal(("bad_request", "the connection ended inside the chunked body"), response.Error);
    }

    [Fact]
    public void ContentLengthOfAChunkedRequestIsMinusOne()
    {
        long length = 0;
        TestServer.Run(Chunked("0\r\n\r\n"), new LambdaHandler((request, response) => { length = request.ContentLength; response.Send([]); }));
        Assert.Equal(-1, length);
    }
}
