using System.Diagnostics;
using System.Text;
using ThaliNano.Http.Tests.Fakes;

namespace ThaliNano.Http.Tests;

public class ServerTests
{
    private const string Get = "GET / HTTP/1.1\r\nHost: h\r\n\r\n";

    [Fact]
    public void ConnectionsOverTheCapGetAFast503AndAreClosed()
    {
        var options = TestServer.Options(o => o.MaxConnections = 2);
        using var server = new RunningServer(Handlers.Ok(), options);
        var first = server.Connect();
        var second = server.Connect();
        RunningServer.WaitFor(() => server.Server.ActiveConnections == 2 && server.Server.PendingConnections == 0, what: "two opened connections");

        var third = server.Connect();
        third.Client.Send(Get);
        var stopwatch = Stopwatch.StartNew();
        var response = ResponseReader.Single(third.Client.ReadToEnd());
        Assert.True(stopwatch.ElapsedMilliseconds < 1500, "503 took " + stopwatch.ElapsedMilliseconds + " ms");
        Assert.Equal(503, response.Status);
        Assert.Equal(("service_unavailable", "the server is busy: at most 2 connections at once"), response.Error);
        Assert.Equal("1", response.Header("Retry-After"));
        Assert.Equal("close", response.Header("Connection"));
        Assert.True(third.Closed);
        Assert.Equal(1, server.Server.RejectedConnections);

        // The first two are still served, and a slot freed by a close is reused.
        first.Client.Send("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
        Assert.Equal(200, ResponseReader.Single(first.Client.ReadToEnd()).Status);
        RunningServer.WaitFor(() => server.Server.ActiveConnections == 1, what: "a freed slot");
        var fourth = server.Connect();
        fourth.Client.Send("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
        Assert.Equal(200, ResponseReader.Single(fourth.Client.ReadToEnd()).Status);
        second.Close();
    }

    [Fact]
    public void SilentNewConnectionIsClosedAfterTheHeadTimeout()
    {
        var options = TestServer.Options(o => o.HeadTimeoutMilliseconds = 300);
        using var server = new RunningServer(Handlers.Ok(), options);
        var connection = server.Connect();
        var stopwatch = Stopwatch.StartNew();
        Assert.True(connection.ClosedEvent.Wait(5000));
        Assert.InRange(stopwatch.ElapsedMilliseconds, 250, 3000);
        Assert.Empty(connection.Client.ReadToEnd());
    }

    [Fact]
    public void SlowlorisHeadGets408()
    {
        var options = TestServer.Options(o => o.HeadTimeoutMilliseconds = 400);
        using var server = new RunningServer(Handlers.Ok(), options);
        var connection = server.Connect();
        var stopwatch = Stopwatch.StartNew();
        var trickle = new Thread(() =>
        {
            try
            {
                foreach (char c in "GET / HTTP/1.1\r\nHost: h\r\nX-Slow: " + new string('z', 200))
                {
                    connection.Client.Send(c.ToString());
                    Thread.Sleep(20);
                }
            }
            catch (IOException)
            {
                // The server closed the connection.
            }
        });
        trickle.Start();
        var response = ResponseReader.Single(connection.Client.ReadToEnd());
        Assert.Equal(408, response.Status);
        Assert.Equal(("request_timeout", "request head not received within 400 ms"), response.Error);
        Assert.InRange(stopwatch.ElapsedMilliseconds, 350, 3000);
        trickle.Join();
    }

    [Fact]
    public void SlowBodyGets408()
    {
        var options = TestServer.Options(o => o.BodyTimeoutMilliseconds = 400);
        using var server = new RunningServer(Handlers.Echo(), options);
        var connection = server.Connect();
        connection.Client.Send("PUT /x HTTP/1.1\r\nHost: h\r\nContent-Length: 1000\r\n\r\n");
        var trickle = new Thread(() =>
        {
            try
            {
                for (int i = 0; i < 1000; i++)
                {
                    connection.Client.Send("a");
                    Thread.Sleep(20);
                }
            }
            catch (IOException)
            {
                // The server closed the connection.
            }
        });
        trickle.Start();
        var response = ResponseReader.Single(connection.Client.ReadToEnd());
        Assert.Equal(("request_timeout", "request body not received within 400 ms"), response.Error);
        trickle.Join();
    }

    [Fact]
    public void StalledBodyIsCutByTheWatchdogOnAStreamWithoutTimeouts()
    {
        var options = TestServer.Options(o =>
        {
            o.BodyTimeoutMilliseconds = 300;
            o.WatchdogGraceMilliseconds = 200;
        });
        using var server = new RunningServer(Handlers.Echo(), options);
        var connection = server.Connect();
        connection.Client.Send("PUT /x HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nabc");
        var stopwatch = Stopwatch.StartNew();
        Assert.True(connection.ClosedEvent.Wait(5000));
        Assert.InRange(stopwatch.ElapsedMilliseconds, 400, 3000);
        RunningServer.WaitFor(() => server.Server.ActiveConnections == 0, what: "the worker to finish");
    }

    [Fact]
    public void LongStreamedReplyIsNotCutByTheBodyDeadlineOfAPartlyReadBody()
    {
        var options = TestServer.Options(o =>
        {
            o.BodyTimeoutMilliseconds = 300;
            o.WatchdogGraceMilliseconds = 100;
        });
        var handler = new LambdaHandler((request, response) =>
        {
            int read = request.Body.Read(new byte[1], 0, 1);
            var body = response.BeginChunked();
            body.Write("{\"results\":["u8.ToArray(), 0, 12);
            body.Flush();
            Thread.Sleep(800);
            body.Write(new byte[] { (byte)('0' + read), (byte)']', (byte)'}' }, 0, 3);
        });
        using var server = new RunningServer(handler, options);
        var connection = server.Connect();
        connection.Client.Send("POST /db/_changes HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\n{}\n");
        connection.Client.Send("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
        var responses = ResponseReader.ReadAll(connection.Client.ReadToEnd());
        Assert.Equal(2, responses.Count);
        Assert.Equal("{\"results\":[1]}", responses[0].BodyText);
    }

    [Fact]
    public void ClientThatNeverReadsIsCutByTheWriteTimeout()
    {
        var options = TestServer.Options(o =>
        {
            o.WriteTimeoutMilliseconds = 300;
            o.WatchdogGraceMilliseconds = 100;
        });
        var handler = new LambdaHandler((_, response) =>
        {
            var body = response.BeginChunked();
            byte[] block = new byte[1000];
            while (true)
            {
                body.Write(block, 0, block.Length);
            }
        });
        var blocking = new BlockingWriteConnection();
        var listener = new QueueListener();
        var server = new HttpServer(listener, handler, options);
        server.Start();
        try
        {
            listener.Enqueue(blocking);
            Assert.True(blocking.ClosedEvent.Wait(5000), "the watchdog did not close a connection stuck in a write");
            RunningServer.WaitFor(() => server.ActiveConnections == 0, what: "the worker to finish");
        }
        finally
        {
            server.Stop();
        }
    }

    [Fact]
    public void StopClosesIdleConnectionsAndLetsRequestsInProgressFinish()
    {
        var inHandler = new ManualResetEventSlim();
        var release = new ManualResetEventSlim();
        var handler = new LambdaHandler((request, response) =>
        {
            if (request.Target == "/slow")
            {
                inHandler.Set();
                release.Wait(5000);
            }

            response.Send("done"u8.ToArray());
        });
        var server = new RunningServer(handler);
        var idle = server.Connect();
        idle.Client.Send(Get);
        var busy = server.Connect();
        busy.Client.Send("GET /slow HTTP/1.1\r\nHost: h\r\n\r\n");
        Assert.True(inHandler.Wait(5000));
        RunningServer.WaitFor(() => Encoding.Latin1.GetString(ReadAvailable(idle)).Contains("done") || idle.Closed, what: "the first reply");

        var stopper = new Thread(server.Dispose);
        stopper.Start();
        Assert.True(idle.ClosedEvent.Wait(5000), "the idle connection was not closed");
        Assert.False(busy.Closed);
        release.Set();
        stopper.Join();
        var response = ResponseReader.Single(busy.Client.ReadToEnd());
        Assert.Equal("done", response.BodyText);
        Assert.Equal("close", response.Header("Connection"));
        Assert.Equal(0, server.Server.ActiveConnections);
    }

    [Fact]
    public void StopClosesRequestsThatOverrunTheStopTimeout()
    {
        var options = TestServer.Options(o => o.StopTimeoutMilliseconds = 300);
        var entered = new ManualResetEventSlim();
        var handler = new LambdaHandler((request, response) =>
        {
            entered.Set();
            int read = request.Body.Read(new byte[10], 0, 10);
            response.Send(new byte[read]);
        });
        var server = new RunningServer(handler, options);
        var connection = server.Connect();
        connection.Client.Send("PUT /x HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n");
        Assert.True(entered.Wait(5000));
        var stopwatch = Stopwatch.StartNew();
        server.Dispose();
        Assert.True(connection.Closed);
        Assert.InRange(stopwatch.ElapsedMilliseconds, 250, 3000);
    }

    [Fact]
    public void ServerKeepsServingAfterAFailingListener()
    {
        var listener = new FlakyListener();
        var server = new HttpServer(listener, Handlers.Ok(), TestServer.Options());
        server.Start();
        var connection = new PipeConnection();
        listener.Then(connection);
        connection.Client.Send("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
        Assert.Equal(200, ResponseReader.Single(connection.Client.ReadToEnd()).Status);
        server.Stop();
    }

    [Fact]
    public void OptionsAreValidated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HttpServer(new QueueListener(), Handlers.Ok(), new HttpServerOptions { MaxConnections = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HttpServer(new QueueListener(), Handlers.Ok(), new HttpServerOptions { MaxHeaderBytes = 100 }));
        Assert.Throws<ArgumentNullException>(() => new HttpServer(new QueueListener(), Handlers.Ok(), new HttpServerOptions { Clock = null! }));
        new HttpServerOptions().Validate();
        HttpServerOptions.ForHost().Validate();
    }

    [Fact]
    public void MonotonicClockAbsorbsJumps()
    {
        var clock = new MonotonicClock();
        long a = clock.Milliseconds;
        Thread.Sleep(30);
        long b = clock.Milliseconds;
        Assert.InRange(b - a, 20, 1000);
    }

    private static byte[] ReadAvailable(PipeConnection connection)
    {
        var buffer = new byte[4096];
        try
        {
            int n = connection.Client.Read(buffer, 0, buffer.Length, 50);
            return buffer[..n];
        }
        catch (IOException)
        {
            return [];
        }
    }

    /// <summary>A connection whose writes block (a peer that never reads) until it is closed.</summary>
    private sealed class BlockingWriteConnection : IConnection
    {
        private readonly BlockingStream _stream = new();

        public Stream Stream => _stream;

        public string? Principal => null;

        public string RemoteEndPoint => "stuck";

        public ManualResetEventSlim ClosedEvent => _stream.Closed;

        public void Open() => _stream.Feed(Encoding.ASCII.GetBytes(Get));

        public void Close() => _stream.Closed.Set();

        private sealed class BlockingStream : FakeStream
        {
            private byte[] _input = [];
            private int _at;

            public ManualResetEventSlim Closed { get; } = new();

            public void Feed(byte[] bytes) => _input = bytes;

            public override int Read(byte[] buffer, int offset, int count)
            {
                if (_at == _input.Length)
                {
                    Closed.Wait();
                    throw new IOException("closed");
                }

                int n = Math.Min(count, _input.Length - _at);
                Array.Copy(_input, _at, buffer, offset, n);
                _at += n;
                return n;
            }

            public override void Write(byte[] buffer, int offset, int count)
            {
                Closed.Wait();
                throw new IOException("closed");
            }
        }
    }

    /// <summary>Throws on its first two accepts, then hands out one queued connection.</summary>
    private sealed class FlakyListener : IConnectionListener
    {
        private readonly QueueListener _inner = new();
        private int _failures;

        public void Then(IConnection connection) => _inner.Enqueue(connection);

        public IConnection? Accept() => Interlocked.Increment(ref _failures) <= 2 ? throw new IOException("transient") : _inner.Accept();

        public void Close() => _inner.Close();
    }
}
