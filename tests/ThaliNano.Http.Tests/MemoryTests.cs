using System.Text;
using ThaliNano.Http.Tests.Fakes;
using Xunit.Abstractions;

namespace ThaliNano.Http.Tests;

/// <summary>Alone, so that other tests' allocations do not blur the process-wide heap measurement.</summary>
[CollectionDefinition("memory", DisableParallelization = true)]
public class MemoryCollection;

/// <summary>Memory stays flat over 10k requests, and what one request allocates is bounded.</summary>
[Collection("memory")]
public class MemoryTests(ITestOutputHelper output)
{
    private static readonly byte[] s_reply = Encoding.ASCII.GetBytes("{\"ok\":true}");

    /// <summary>Where request bodies are read to (their bytes are dropped, so threads may share it).</summary>
    private static readonly byte[] s_discard = new byte[256];

    private static readonly IHttpHandler s_handler = new LambdaHandler((request, response) =>
    {
        var body = request.Body;
        while (body.Read(s_discard, 0, s_discard.Length) > 0)
        {
        }

        response.Headers.Add("Content-Type", "application/json");
        response.Send(s_reply);
    });


    private static readonly string[] s_requests =
    [
        "GET /db/_changes?style=all_docs&since=17&limit=100 HTTP/1.1\r\nHost: 127.0.0.1:5984\r\nAccept: application/json\r\nUser-Agent: pouchdb\r\n\r\n",
        "PUT /db/_local/Xyz%3D%3D HTTP/1.1\r\nHost: 127.0.0.1:5984\r\nContent-Type: application/json\r\nContent-Length: 16\r\n\r\n{\"last_seq\":123}",
        "POST /db/_bulk_get?revs=true&latest=true HTTP/1.1\r\nHost: 127.0.0.1:5984\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n{\"docs\":[{\"id\":1\r\n3\r\n}]}\r\n0\r\n\r\n",
    ];

    [Fact]
    public void AllocationPerRequestIsBounded()
    {
        const int count = 10000;
        var server = new HttpServer(new QueueListener(), s_handler, TestServer.Options());
        Serve(server, 1000);
        long before = GC.GetAllocatedBytesForCurrentThread();
        long written = Serve(server, count);
        long perRequest = (GC.GetAllocatedBytesForCurrentThread() - before) / count;
        output.WriteLine($"{count} requests on one keep-alive connection: {perRequest} bytes allocated per request, {written} bytes written");
        // About 2 KB of parsing and replying, and the output buffer (1 KB here), which a connection gives back between
        // requests so that one waiting for its next request holds none.
        Assert.InRange(perRequest, 1, 4096);
    }

    [Fact]
    public void HeapIsFlatOver10kRequestsOnARunningServer()
    {
        using var server = new RunningServer(s_handler, TestServer.Options(o => o.MaxConnections = 8));
        RunClients(server, 1000);
        long before = GC.GetTotalMemory(true);
        RunClients(server, 10000);
        RunningServer.WaitFor(() => server.Server.ActiveConnections == 0, what: "connections to end");
        long after = GC.GetTotalMemory(true);
        output.WriteLine($"heap before {before} bytes, after 10k requests {after} bytes, growth {after - before} bytes");
        Assert.True(after - before < 256 * 1024, $"heap grew by {after - before} bytes over 10k requests");
    }

    /// <summary>Serves <paramref name="count"/> pipelined requests on this thread; returns the bytes written.</summary>
    private static long Serve(HttpServer server, int count)
    {
        var script = new MemoryStream();
        for (int i = 0; i < count; i++)
        {
            byte[] request = Encoding.ASCII.GetBytes(s_requests[i % s_requests.Length]);
            script.Write(request);
        }

        var connection = new SinkConnection(script.ToArray());
        server.Serve(connection);
        Assert.Equal(count, connection.Responses);
        return connection.Written;
    }

    /// <summary>Four clients at once, each sending its share of requests on kept-alive connections of 100 requests.</summary>
    private static void RunClients(RunningServer server, int count)
    {
        var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            for (int done = 0; done < count / 4; done += 100)
            {
                var connection = server.Connect();
                var script = new StringBuilder();
                for (int i = 0; i < 100; i++)
                {
                    script.Append(s_requests[i % s_requests.Length]);
                }

                connection.Client.Send(script.ToString());
                connection.Client.FinishSending();
                var responses = ResponseReader.ReadAll(connection.Client.ReadToEnd());
                if (responses.Count != 100 || responses.Any(r => r.Status != 200))
                {
                    throw new InvalidOperationException("unexpected responses: " + responses.Count);
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
    }

    /// <summary>Reads a fixed script in TCP-segment-sized pieces and only counts what the server writes.</summary>
    private sealed class SinkConnection(byte[] script) : IConnection
    {
        private readonly SinkStream _stream = new(script);

        public Stream Stream => _stream;

        public string? Principal => null;

        public string RemoteEndPoint => "sink";

        public long Written => _stream.Written;

        public int Responses => _stream.Responses;

        public void Open()
        {
        }

        public void Close()
        {
        }

        private sealed class SinkStream(byte[] script) : FakeStream
        {
            private int _at;
            private int _matched;

            public long Written { get; private set; }

            public int Responses { get; private set; }

            public override int Read(byte[] buffer, int offset, int count)
            {
                int n = Math.Min(Math.Min(count, 1460), script.Length - _at);
                Array.Copy(script, _at, buffer, offset, n);
                _at += n;
                return n;
            }

            public override void Write(byte[] buffer, int offset, int count)
            {
                // Counts status lines ("HTTP/1.1 200") without keeping the bytes.
                const string marker = "HTTP/1.1 200";
                for (int i = offset; i < offset + count; i++)
                {
                    _matched = buffer[i] == marker[_matched] ? _matched + 1 : (buffer[i] == marker[0] ? 1 : 0);
                    if (_matched == marker.Length)
                    {
                        Responses++;
                        _matched = 0;
                    }
                }

                Written += count;
            }
        }
    }
}
