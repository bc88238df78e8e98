using System.Collections.Concurrent;
using System.Text;
using ThaliNano.Http.Tests.Fakes;

namespace ThaliNano.Http.Tests;

/// <summary>
/// <see cref="HttpServerOptions.MaxRequestsAtOnce"/>: a request that finds every turn taken waits until one is given back,
/// at the end of a request (answered, failed or abandoned) or while a handler waits (<see cref="HttpRequest.BeginWait"/>),
/// and the wait counts against none of its deadlines.
/// </summary>
public class RequestTurnTests
{
    private const string Rest = " HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n";

    [Fact]
    public void WithOneTurnASecondRequestWaitsUntilTheFirstIsAnswered()
    {
        using var release = new ManualResetEventSlim();
        var started = new ConcurrentQueue<string>();
        using var server = Serve(1, (request, response) =>
        {
            started.Enqueue(request.Path);
            if (request.Path == "/slow")
            {
                release.Wait(10000);
            }

            response.Send(Encoding.ASCII.GetBytes(request.Path));
        });
        var slow = Send(server, "GET /slow");
        RunningServer.WaitFor(() => started.Count == 1, what: "the first handler");
        var fast = Send(server, "GET /fast");

        Thread.Sleep(300);
        Assert.Single(started);
        Assert.Equal(1, server.Server.Turns!.Taken);
        release.Set();
        Assert.Equal("/slow", BodyOf(slow));
        Assert.Equal("/fast", BodyOf(fast));
        Assert.Equal(["/slow", "/fast"], started);
        RunningServer.WaitFor(() => server.Server.Turns!.Taken == 0, what: "the turns to be given back");
    }

    [Fact]
    public void WithoutALimitTheHandlersOfTwoConnectionsRunAtOnce()
    {
        using var release = new ManualResetEventSlim();
        int running = 0;
        using var server = Serve(0, (request, response) =>
        {
            Interlocked.Increment(ref running);
            release.Wait(10000);
            response.Send("ok"u8.ToArray());
        });
        var first = Send(server, "GET /a");
        var second = Send(server, "GET /b");
        RunningServer.WaitFor(() => Volatile.Read(ref running) == 2, what: "both handlers");
        Assert.Null(server.Server.Turns);
        release.Set();
        Assert.Equal("ok", BodyOf(first));
        Assert.Equal("ok", BodyOf(second));
    }

    [Fact]
    public void AHandlerThatWaitsLetsTheNextRequestInAndGoesOnOnlyOnceItsTurnComesBack()
    {
        using var signal = new ManualResetEventSlim();
        var events = new ConcurrentQueue<string>();
        using var server = Serve(1, (request, response) =>
        {
            if (request.Path == "/wait")
            {
                request.BeginWait();
                Assert.True(signal.Wait(10000), "the signalling request was not let in");
                request.EndWait();
                events.Enqueue("resumed");
            }
            else
            {
                signal.Set();
                Thread.Sleep(300);
                events.Enqueue("signalled");
            }

            response.Send("ok"u8.ToArray());
        });
        var waiting = Send(server, "GET /wait");
        var signalling = Send(server, "GET /signal");
        Assert.Equal("ok", BodyOf(signalling));
        Assert.Equal("ok", BodyOf(waiting));
        Assert.Equal(["signalled", "resumed"], events);
    }

    [Fact]
    public void TheTurnComesBackAfterAFailingHandlerABadRequestAndAClientThatLeftMidBody()
    {
        using var server = Serve(1, (request, response) =>
        {
            if (request.Path == "/throw")
            {
                throw new InvalidOperationException("the handler fails");
            }

            Handlers.ReadAll(request.Body);
            response.Send("ok"u8.ToArray());
        });
        Assert.Equal(500, ResponseReader.Single(Send(server, "GET /throw").Client.ReadToEnd()).Status);
        Assert.Equal(400, ResponseReader.Single(Send(server, "NOT A REQUEST LINE").Client.ReadToEnd()).Status);
        var leaving = server.Connect();
        leaving.Client.Send("POST /body HTTP/1.1\r\nHost: h\r\nContent-Length: 100\r\n\r\nonly ten b");
        leaving.Client.FinishSending();
        Assert.True(leaving.ClosedEvent.Wait(5000), "the server kept a connection whose client left mid-body");

        Assert.Equal("ok", BodyOf(Send(server, "GET /after")));
        RunningServer.WaitFor(() => server.Server.Turns!.Taken == 0, what: "the turns to be given back");
    }

    [Fact]
    public void WaitingForATurnCountsAgainstNoneOfTheRequestsDeadlines()
    {
        using var release = new ManualResetEventSlim();
        using var server = Serve(1, (request, response) =>
        {
            if (request.Path == "/slow")
            {
                release.Wait(10000);
            }

            response.Send("ok"u8.ToArray());
        }, o =>
        {
            o.HeadTimeoutMilliseconds = 200;
            o.IdleTimeoutMilliseconds = 200;
            o.WatchdogIntervalMilliseconds = 20;
            o.WatchdogGraceMilliseconds = 0;
        });
        var slow = Send(server, "GET /slow");
        RunningServer.WaitFor(() => server.Server.Turns!.Taken == 1, what: "the first request");
        var patient = Send(server, "GET /patient");
        Thread.Sleep(1000);
        Assert.False(patient.Closed, "the watchdog closed a connection waiting for its turn");
        release.Set();
        Assert.Equal("ok", BodyOf(slow));
        Assert.Equal("ok", BodyOf(patient));
    }

    [Fact]
    public void MaxRequestsAtOnceIsValidated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HttpServerOptions { MaxRequestsAtOnce = -1 }.Validate());
        new HttpServerOptions { MaxRequestsAtOnce = 0 }.Validate();
        Assert.Throws<ArgumentOutOfRangeException>(() => new RequestTurns(0));
    }

    private static RunningServer Serve(int turns, Action<HttpRequest, HttpResponse> handle, Action<HttpServerOptions>? change = null) =>
        new(new LambdaHandler(handle), TestServer.Options(o =>
        {
            o.MaxConnections = 4;
            o.MaxRequestsAtOnce = turns;
            change?.Invoke(o);
        }));

    private static PipeConnection Send(RunningServer server, string requestLine)
    {
        var connection = server.Connect();
        connection.Client.Send(requestLine + Rest);
        return connection;
    }

    private static string BodyOf(PipeConnection connection)
    {
        var response = ResponseReader.Single(connection.Client.ReadToEnd());
        Assert.Equal(200, response.Status);
        return response.BodyText;
    }
}
