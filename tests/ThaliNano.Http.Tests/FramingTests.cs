using ThaliNano.Http.Tests.Fakes;

namespace ThaliNano.Http.Tests;

/// <summary>Body framing and request smuggling rules of RFC 9112 6.</summary>
public class FramingTests
{
    private static string Post(string headers, string body = "") =>
        "POST /db HTTP/1.1\r\nHost: h\r\n" + headers + "\r\n" + body;

    [Fact]
    public void ContentLengthBodyIsReadExactly()
    {
        var connection = TestServer.Run(Post("Content-Length: 5\r\n", "hello") + "GET / HTTP/1.1\r\nHost: h\r\n\r\n");
        var responses = ResponseReader.ReadAll(connection.Written);
        Assert.Equal("hello", responses[0].Json.GetProperty("body").GetString());
        Assert.Equal("GET", responses[1].Json.GetProperty("method").GetString());
    }

    [Theory]
    [InlineData("Content-Length: 5\r\nContent-Length: 5\r\n")]
    [InlineData("Content-Length: 5, 5\r\n")]
    [InlineData("Content-Length:5\r\n")]
    [InlineData("Content-Length: 005\r\n")]
    public void IdenticalContentLengthsAreAccepted(string headers)
    {
        Assert.Equal("hello", TestServer.One(Post(headers, "hello")).Json.GetProperty("body").GetString());
    }

    [Theory]
    [InlineData("Content-Length: 5\r\nContent-Length: 6\r\n", "conflicting Content-Length values")]
    [InlineData("Content-Length: 5, 6\r\n", "conflicting Content-Length values")]
    [InlineData("Content-Length: +5\r\n", "invalid Content-Length")]
    [InlineData("Content-Length: -1\r\n", "invalid Content-Length")]
    [InlineData("Content-Length: 5a\r\n", "invalid Content-Length")]
    [InlineData("Content-Length: 0x5\r\n", "invalid Content-Length")]
    [InlineData("Content-Length: \r\n", "invalid Content-Length")]
    [InlineData("Content-Length: 5,\r\n", "invalid Content-Length")]
    [InlineData("Content-Length: 1 2\r\n", "invalid Content-Length")]
    [InlineData("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", "Content-Length and Transfer-Encoding both present")]
    [InlineData("Transfer-Encoding: chunked\r\nContent-Length: 5\r\n", "Content-Length and Transfer-Encoding both present")]
    [InlineData("Transfer-Encoding: gzip\r\n", "Transfer-Encoding must end with chunked")]
    [InlineData("Transfer-Encoding: identity\r\n", "Transfer-Encoding must end with chunked")]
    [InlineData("Transfer-Encoding: chunked, gzip\r\n", "Transfer-Encoding must end with chunked")]
    [InlineData("Transfer-Encoding:\r\n", "Transfer-Encoding must end with chunked")]
    [InlineData("Transfer-Encoding: chunked, chunked\r\n", "chunked is applied more than once")]
    [InlineData("Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", "chunked is applied more than once")]
    public void AmbiguousFramingIs400AndCloses(string headers, string reason)
    {
        var response = TestServer.FatalError(Post(headers, "hello"));
        Assert.Equal(400, response.Status);
        Assert.Equal(("bad_request", reason), response.Error);
    }

    [Theory]
    [InlineData("Transfer-Encoding: gzip, chunked\r\n", "transfer coding 'gzip' is not supported")]
    [InlineData("Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n", "transfer coding 'gzip' is not supported")]
    public void UnknownTransferCodingIs501(string headers, string reason)
    {
        var response = TestServer.FatalError(Post(headers, "0\r\n\r\n"));
        Assert.Equal(501, response.Status);
        Assert.Equal(("not_implemented", reason), response.Error);
    }

    [Fact]
    public void TransferEncodingIsCaseInsensitive()
    {
        Assert.Equal("abc", TestServer.One(Post("Transfer-Encoding: Chunked\r\n", "3\r\nabc\r\n0\r\n\r\n")).Json.GetProperty("body").GetString());
    }

    [Fact]
    public void TransferEncodingInHttp10Is400()
    {
        var response = TestServer.FatalError("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
        Assert.Equal(("bad_request", "Transfer-Encoding is not allowed in an HTTP/1.0 request"), response.Error);
    }

    [Fact]
    public void BodyOverTheLimitIs413BeforeAnyBodyByteIsRead()
    {
        var options = TestServer.Options(o => o.MaxBodyBytes = 10);
        Assert.Equal(200, TestServer.One(Post("Content-Length: 10\r\n", "0123456789"), options: options).Status);
        var response = TestServer.FatalError(Post("Content-Length: 11\r\n", "01234567890"), options);
        Assert.Equal(413, response.Status);
        Assert.Equal(("too_large", "request body of 11 bytes exceeds the limit of 10 bytes"), response.Error);
    }

    [Fact]
    public void HugeContentLengthIs413()
    {
        var response = TestServer.FatalError(Post("Content-Length: 99999999999999999999999\r\n"));
        Assert.Equal(413, response.Status);
        Assert.Equal("Content-Length has more than 18 digits", response.Error.Reason);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    public void BodyMethodsWithoutLengthAre411(string method)
    {
        var response = TestServer.FatalError(method + " /db HTTP/1.1\r\nHost: h\r\n\r\n");
        Assert.Equal(411, response.Status);
        Assert.Equal(("length_required", method + " needs Content-Length or Transfer-Encoding: chunked"), response.Error);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("DELETE")]
    [InlineData("HEAD")]
    [InlineData("OPTIONS")]
    public void OtherMethodsWithoutLengthHaveAnEmptyBody(string method)
    {
        long? length = null;
        int read = -1;
        var handler = new LambdaHandler((request, response) =>
        {
            length = request.ContentLength;
            read = request.Body.Read(new byte[10], 0, 10);
            response.Send([]);
        });
        var responses = ResponseReader.ReadAll(TestServer.Run(method + " /db HTTP/1.1\r\nHost: h\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n", handler).Written, method == "HEAD");
        Assert.Equal(2, responses.Count);
        Assert.Equal(0, length);
        Assert.Equal(0, read);
    }

    [Fact]
    public void BodyEndingEarlyIs400AndCloses()
    {
        var connection = TestServer.Run(Post("Content-Length: 10\r\n", "abc"));
        var response = ResponseReader.Single(connection.Written);
        Assert.Equal(("bad_request", "the request body ended after 3 of 10 bytes"), response.Error);
        Assert.Equal("close", response.Header("Connection"));
    }

    [Fact]
    public void UnreadBodyIsDrainedBeforeTheNextRequest()
    {
        var connection = TestServer.Run(Post("Content-Length: 5\r\n", "GET /") + "GET /second HTTP/1.1\r\nHost: h\r\n\r\n", Handlers.Ok());
        var responses = ResponseReader.ReadAll(connection.Written);
        Assert.Equal(2, responses.Count);
        Assert.Null(responses[0].Header("Connection"));
    }

    [Fact]
    public void UnreadBodyLargerThanTheDrainLimitClosesWithNotice()
    {
        var options = TestServer.Options(o => o.MaxDrainBytes = 4);
        var connection = TestServer.Run(Post("Content-Length: 5\r\n", "hello") + "GET / HTTP/1.1\r\nHost: h\r\n\r\n", Handlers.Ok(), options);
        var response = ResponseReader.Single(connection.Written);
        Assert.Equal("close", response.Header("Connection"));
        Assert.True(connection.Closed);
    }

    [Fact]
    public void UnreadChunkedBodyIsDrainedBeforeTheNextRequest()
    {
        var connection = TestServer.Run(Post("Transfer-Encoding: chunked\r\n", "5\r\nhello\r\n0\r\n\r\n") + "GET / HTTP/1.1\r\nHost: h\r\n\r\n", Handlers.Ok());
        Assert.Equal(2, ResponseReader.ReadAll(connection.Written).Count);
    }

    [Fact]
    public void BodyNeverReadsIntoTheNextRequest()
    {
        byte[] buffer = new byte[1000];
        int total = 0;
        var handler = new LambdaHandler((request, response) =>
        {
            int n;
            while ((n = request.Body.Read(buffer, total, buffer.Length - total)) > 0)
            {
                total += n;
            }

            response.Send([]);
        });
        var connection = TestServer.Run(Post("Content-Length: 3\r\n", "abc") + "GET / HTTP/1.1\r\nHost: h\r\n\r\n", handler);
        Assert.Equal(2, ResponseReader.ReadAll(connection.Written).Count);
        Assert.Equal(3, total);
    }

    [Fact]
    public void SmugglingAttemptInsideABodyIsNeverParsedAsARequest()
    {
        // A CL.TE-style payload: the chunked header is rejected outright, so the embedded request is never served.
        var seen = new List<string>();
        var handler = new LambdaHandler((request, response) => { seen.Add(request.Target); response.Send([]); });
        TestServer.Run(Post("Content-Length: 35\r\nTransfer-Encoding: chunked\r\n", "0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: h\r\n\r\n"), handler);
        Assert.Empty(seen);
    }
}
