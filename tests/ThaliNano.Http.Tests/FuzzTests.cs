using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using ThaliNano.Http.Tests.Fakes;
using Xunit.Abstractions;

namespace ThaliNano.Http.Tests;

/// <summary>
/// Robustness: mutated and random requests written over loopback TCP in random pieces with small delays, plus
/// slowloris clients, against one running server. Every reply must parse, every error reply must be a JSON 4xx/5xx
/// of the parser's own statuses, every connection must end within a bound, and the server must still serve a good
/// request afterwards. THALINANO_HTTP_FUZZ_ITERATIONS sets the number of fuzzed connections (default 300).
/// </summary>
public class FuzzTests(ITestOutputHelper output)
{
    private static readonly int[] s_parserStatuses = [400, 408, 413, 414, 417, 431, 501, 505];

    private static readonly string[] s_corpus =
    [
        "GET /db/_changes?style=all_docs&since=12&limit=100 HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n",
        "PUT /db/_local/abc%3D%3D HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\nContent-Length: 27\r\n\r\n{\"_id\":\"_local/x\",\"n\":1234}",
        "POST /db/_bulk_get?revs=true&latest=true HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"doc\r\n7;ext=1\r\ns\":[1]}\r\n0\r\nX-Trailer: t\r\n\r\n",
        "POST /db/_revs_diff HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n{}",
        "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET /db HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n",
        "DELETE /db/doc%2Fwith%2Fslashes?rev=1-abc HTTP/1.1\r\nHost: h\r\nIf-Match: \"1-abc\"\r\n\r\n",
    ];

    private static readonly byte[] s_interesting = "\r\n :%;,\0\t\u0080\u00ff0189aAfF-+?/#\"".Select(c => (byte)c).ToArray();

    private static readonly IHttpHandler s_handler = new LambdaHandler((request, response) =>
    {
        if (request.IsHead)
        {
            response.StatusCode = 204;
            return;
        }

        long length = Handlers.ReadAll(request.Body).Length;
        response.Headers.Add("Content-Type", "application/json");
        response.Send(Encoding.ASCII.GetBytes("{\"length\":" + length + "}"));
    });

    private static int Iterations =>
        int.TryParse(Environment.GetEnvironmentVariable("THALINANO_HTTP_FUZZ_ITERATIONS"), out int n) && n > 0 ? n : 300;

    [Fact]
    public void MalformedAndSplitRequestsNeverCrashOrHangTheServer()
    {
        var options = TestServer.Options(o =>
        {
            o.MaxConnections = 8;
            o.HeadTimeoutMilliseconds = 1000;
            o.BodyTimeoutMilliseconds = 1000;
            o.IdleTimeoutMilliseconds = 1000;
            o.WatchdogGraceMilliseconds = 300;
            o.MaxBodyBytes = 4096;
        });
        var log = new CountingLog();
        options.Log = log;
        using var server = new LoopbackServer(s_handler, options);
        var stats = new Dictionary<string, int>();
        void Count(string key)
        {
            lock (stats)
            {
                stats[key] = stats.GetValueOrDefault(key) + 1;
            }
        }

        using var stopSlowloris = new CancellationTokenSource();
        var failures = new List<Exception>();
        var slowloris = Enumerable.Range(0, 2).Select(i => new Thread(() =>
        {
            try
            {
                Slowloris(server.Port, i, stopSlowloris.Token, Count);
            }
            catch (Exception e)
            {
                lock (failures)
                {
                    failures.Add(e);
                }
            }
        })).ToList();
        slowloris.ForEach(t => t.Start());

        var random = new Random(20261126);
        var stopwatch = Stopwatch.StartNew();
        for (int i = 0; i < Iterations; i++)
        {
            int kind = random.Next(10);
            byte[] request = kind switch
            {
                < 6 => Mutate(random, Encoding.Latin1.GetBytes(s_corpus[random.Next(s_corpus.Length)])),
                < 8 => RandomBytes(random),
                _ => Encoding.Latin1.GetBytes(s_corpus[random.Next(s_corpus.Length)]),
            };
            var responses = Exchange(server.Port, request, random);
            Count(responses.Count == 0 ? "closed without reply" : "replied");
            foreach (var response in responses)
            {
                Count("status " + response.Status);
                if (response.Status >= 400)
                {
                    Assert.Contains(response.Status, s_parserStatuses);
                    var (error, reason) = response.Error;
                    Assert.False(string.IsNullOrEmpty(error));
                    Assert.False(string.IsNullOrEmpty(reason));
                }
                else
                {
                    Assert.Contains(response.Status, new[] { 100, 200, 204 });
                }
            }

            if (kind >= 8)
            {
                Assert.Contains(responses, r => r.Status == 200);
            }

            if (i % 50 == 49)
            {
                AssertStillServes(server.Port);
            }
        }

        stopSlowloris.Cancel();
        slowloris.ForEach(t => t.Join());
        Assert.Empty(failures);
        AssertStillServes(server.Port);
        RunningServer.WaitFor(() => server.Server.ActiveConnections == 0, 5000, "every connection to end");
        Assert.Equal(0, log.Count);
        output.WriteLine($"{Iterations} fuzzed connections in {stopwatch.ElapsedMilliseconds} ms");
        foreach (var pair in stats.OrderBy(p => p.Key))
        {
            output.WriteLine($"{pair.Key}: {pair.Value}");
        }
    }

    private static List<ParsedResponse> Exchange(int port, byte[] request, Random random)
    {
        using var client = new TcpClient();
        client.NoDelay = true;
        client.Connect("127.0.0.1", port);
        client.ReceiveTimeout = 5000;
        var stream = client.GetStream();
        var received = new MemoryStream();
        var reader = new Thread(() =>
        {
            var buffer = new byte[4096];
            try
            {
                int n;
                while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
                {
                    received.Write(buffer, 0, n);
                }
            }
            catch (IOException)
            {
                // Reset by the server after its reply: what was received counts.
            }
        });
        reader.Start();
        try
        {
            int at = 0;
            while (at < request.Length)
            {
                int n = Math.Min(random.Next(1, 65), request.Length - at);
                stream.Write(request, at, n);
                at += n;
                if (random.Next(4) == 0)
                {
                    Thread.Sleep(random.Next(0, 3));
                }
            }

            client.Client.Shutdown(SocketShutdown.Send);
        }
        catch (IOException)
        {
            // The server closed early (an error reply before the whole request was sent).
        }
        catch (SocketException)
        {
        }

        Assert.True(reader.Join(8000), "the server neither answered nor closed the connection");
        return ResponseReader.ReadAll(received.ToArray());
    }

    private static void Slowloris(int port, int seed, CancellationToken stop, Action<string> count)
    {
        var random = new Random(seed);
        while (!stop.IsCancellationRequested)
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            client.ReceiveTimeout = 5000;
            var stream = client.GetStream();
            var stopwatch = Stopwatch.StartNew();
            byte[] head = Encoding.ASCII.GetBytes("GET /slow HTTP/1.1\r\nHost: h\r\nX-Padding: " + new string('p', 500) + "\r\n\r\n");
            try
            {
                foreach (byte b in head)
                {
                    stream.WriteByte(b);
                    Thread.Sleep(random.Next(5, 30));
                    if (stop.IsCancellationRequested)
                    {
                        break;
                    }
                }
            }
            catch (IOException)
            {
                // Cut off by the server, as it should be.
            }

            var received = new MemoryStream();
            try
            {
                stream.CopyTo(received);
            }
            catch (IOException)
            {
            }

            if (stop.IsCancellationRequested && stopwatch.ElapsedMilliseconds < 1000)
            {
                return;
            }

            Assert.True(stopwatch.ElapsedMilliseconds < 4000, "a slowloris client held its connection for " + stopwatch.ElapsedMilliseconds + " ms");
            var responses = ResponseReader.ReadAll(received.ToArray());
            if (responses.Count > 0)
            {
                Assert.Equal(408, responses[0].Status);
                Assert.Equal("request_timeout", responses[0].Error.Error);
            }

            count(responses.Count > 0 ? "slowloris 408" : "slowloris closed");
        }
    }

    private static void AssertStillServes(int port)
    {
        var responses = Exchange(port, Encoding.ASCII.GetBytes("PUT /db/doc HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"), new Random(1));
        Assert.Single(responses);
        Assert.Equal(200, responses[0].Status);
        Assert.Equal("{\"length\":2}", responses[0].BodyText);
    }

    private static byte[] Mutate(Random random, byte[] request)
    {
        var bytes = new List<byte>(request);
        int mutations = random.Next(1, 5);
        for (int m = 0; m < mutations && bytes.Count > 0; m++)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(7))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes.Insert(at, s_interesting[random.Next(s_interesting.Length)]);
                    break;
                case 2:
                    bytes.RemoveAt(at);
                    break;
                case 3:
                    int length = Math.Min(random.Next(1, 40), bytes.Count - at);
                    bytes.InsertRange(at, bytes.GetRange(at, length));
                    break;
                case 4:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 5:
                    bytes.InsertRange(at, Encoding.ASCII.GetBytes(random.Next(3) switch
                    {
                        0 => "Content-Length: 99999999\r\n",
                        1 => "Transfer-Encoding: chunked\r\n",
                        _ => "X-Long: " + new string('l', random.Next(3000, 9000)) + "\r\n",
                    }));
                    break;
                default:
                    bytes.InsertRange(at, Encoding.ASCII.GetBytes(new string('9', random.Next(1, 25))));
                    break;
            }
        }

        return bytes.ToArray();
    }

    private static byte[] RandomBytes(Random random)
    {
        byte[] bytes = new byte[random.Next(1, 600)];
        random.NextBytes(bytes);
        if (random.Next(2) == 0)
        {
            // Give the parser a plausible start so that random bytes reach the header and body code too.
            byte[] start = Encoding.ASCII.GetBytes("POST /x HTTP/1.1\r\n");
            Array.Copy(start, bytes, Math.Min(start.Length, bytes.Length));
        }

        return bytes;
    }

    private sealed class CountingLog : IHttpServerLog
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Log(string message, Exception? exception) => Interlocked.Increment(ref _count);
    }
}
