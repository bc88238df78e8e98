using System.Net;
using System.Text;
using ThaliNano.Http.Tests.Fakes;

namespace ThaliNano.Http.Tests;

/// <summary>.NET's HttpClient (SocketsHttpHandler) against the server over loopback TCP.</summary>
public class HttpClientTests
{
    private static HttpClient Client() => new(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30) })
    {
        DefaultRequestVersion = HttpVersion.Version11,
        Timeout = TimeSpan.FromSeconds(20),
    };

    [Fact]
    public async Task SequentialRequestsShareOneKeptAliveConnection()
    {
        using var server = new LoopbackServer(Handlers.Echo());
        using var client = Client();
        for (int i = 0; i < 20; i++)
        {
            using var content = new StringContent("{\"n\":" + i + "}", Encoding.UTF8, "application/json");
            var response = await client.PostAsync(server.Url + "/db/_bulk_docs?i=" + i, content);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("{\"n\":" + i + "}", json.GetProperty("body").GetString());
            var get = await client.GetAsync(server.Url + "/db/doc" + i);
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        }

        Assert.Equal(1, server.Accepted);
    }

    [Fact]
    public async Task ChunkedUploadOfUnknownLength()
    {
        using var server = new LoopbackServer(Handlers.Echo());
        using var client = Client();
        var request = new HttpRequestMessage(HttpMethod.Put, server.Url + "/db/doc")
        {
            Content = new StreamContent(new NonSeekable(Encoding.ASCII.GetBytes(new string('x', 50000)))),
        };
        var response = await client.SendAsync(request);
        Assert.True(request.Headers.TransferEncodingChunked == true || request.Content.Headers.ContentLength == null);
        var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(50000, json.GetProperty("length").GetInt32());
    }

    [Fact]
    public async Task ChunkedResponseIsStreamedAsItIsWritten()
    {
        var secondPart = new ManualResetEventSlim();
        var handler = new LambdaHandler((_, response) =>
        {
            var body = response.BeginChunked();
            body.Write("{\"results\":["u8.ToArray(), 0, 12);
            body.Flush();
            Assert.True(secondPart.Wait(10000), "the client never saw the first part");
            body.Write("]}"u8.ToArray(), 0, 2);
        });
        using var server = new LoopbackServer(handler);
        using var client = Client();
        using var response = await client.GetAsync(server.Url + "/db/_changes", HttpCompletionOption.ResponseHeadersRead);
        using var stream = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64];
        int n = 0;
        while (n < 12)
        {
            n += await stream.ReadAsync(buffer.AsMemory(n));
        }

        Assert.Equal("{\"results\":[", Encoding.ASCII.GetString(buffer, 0, n));
        secondPart.Set();
        var rest = new MemoryStream();
        await stream.CopyToAsync(rest);
        Assert.Equal("]}", Encoding.ASCII.GetString(rest.ToArray()));
    }

    [Fact]
    public async Task ErrorStatusesArriveWithJsonBodies()
    {
        var handler = new LambdaHandler((_, _) => throw new HttpException(409, "conflict", "Document update conflict."));
        using var server = new LoopbackServer(handler);
        using var client = Client();
        var response = await client.GetAsync(server.Url + "/db/doc");
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("{\"error\":\"conflict\",\"reason\":\"Document update conflict.\"}", await response.Content.ReadAsStringAsync());
    }

    private sealed class NonSeekable(byte[] data) : FakeStream
    {
        private int _at;

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(Math.Min(count, 7000), data.Length - _at);
            Array.Copy(data, _at, buffer, offset, n);
            _at += n;
            return n;
        }
    }
}
