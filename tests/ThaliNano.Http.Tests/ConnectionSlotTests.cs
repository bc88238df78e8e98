using ThaliNano.Http.Tests.Fakes;

namespace ThaliNano.Http.Tests;

/// <summary>
/// Connection slots under attack: over-capacity rejects never hold up the accept loop, a connection that has not finished
/// its handshake (pending) has its own deadline and cap, and the oldest pending one gives way to a newcomer.
/// </summary>
public class ConnectionSlotTests
{
    private const string GetAndClose = "GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n";

    [Fact]
    public void TheAcceptLoopKeepsAcceptingWhileARejectIsStuckInItsHandshake()
    {
        using var server = Serve(o =>
        {
            o.MaxConnections = 1;
            o.RejectQueueLength = 1;
            o.RejectTimeoutMilliseconds = 60000;
        });
        var holder = server.Connect();
        WaitUntilOpened(server, 1);

        // Over capacity: the reject thread takes the first into its handshake, which never ends; the second waits in the
        // queue; the queue being full, the third is closed at once by the accept thread.
        var stuck = server.Accept(new HandshakeConnection());
        Assert.True(stuck.Opening.Wait(5000), "the reject thread did not start the handshake");
        var queued = server.Accept(new HandshakeConnection());
        var dropped = server.Connect();
        Assert.True(dropped.ClosedEvent.Wait(5000), "the connection beyond the reject queue was not closed");
        Assert.Empty(dropped.Client.ReadToEnd());
        Assert.Equal(3, server.Server.RejectedConnections);

        // The slot frees up and the next connection is served while the reject thread is still stuck.
        AssertServed(holder);
        RunningServer.WaitFor(() => server.Server.ActiveConnections == 0, what: "the slot to be freed");
        var next = server.Connect();
        AssertServed(next);
        Assert.False(stuck.Closed);
        Assert.False(queued.Closed);
    }

    [Fact]
    public void ARejectIsClosedWhenItsTimeRunsOutAndTheNextOneStillGetsA503()
    {
        using var server = Serve(o =>
        {
            o.MaxConnections = 1;
            o.RejectQueueLength = 2;
            o.RejectTimeoutMilliseconds = 1000;
        });
        server.Connect();
        WaitUntilOpened(server, 1);

        var stuck = server.Accept(new HandshakeConnection());
        Assert.True(stuck.ClosedEvent.Wait(5000), "the reject deadline did not close a handshake that never ends");

        // A client that completes its handshake at once gets the 503.
        var polite = server.Connect();
        polite.Client.Send(GetAndClose);
        var response = ResponseReader.Single(polite.Client.ReadToEnd());
        Assert.Equal(503, response.Status);
        Assert.Equal("1", response.Header("Retry-After"));
    }

    [Fact]
    public void WithoutARejectQueueOverCapacityConnectionsAreClosedAtOnce()
    {
        using var server = Serve(o =>
        {
            o.MaxConnections = 1;
            o.RejectQueueLength = 0;
        });
        server.Connect();
        WaitUntilOpened(server, 1);
        var refused = server.Connect();
        Assert.True(refused.ClosedEvent.Wait(5000));
        Assert.Empty(refused.Client.ReadToEnd());
        Assert.Equal(1, server.Server.RejectedConnections);
    }

    [Fact]
    public void APendingConnectionPastItsDeadlineIsClosedAndItsSlotFreed()
    {
        using var server = Serve(o =>
        {
            o.MaxConnections = 1;
            o.PendingTimeoutMilliseconds = 300;
            o.HeadTimeoutMilliseconds = 60000;
        });
        var silent = server.Accept(new HandshakeConnection());
        Assert.True(silent.Opening.Wait(5000));
        Assert.Equal(1, server.Server.PendingConnections);
        Assert.True(silent.ClosedEvent.Wait(5000), "the pending deadline did not close a handshake that never ends");
        RunningServer.WaitFor(() => server.Server.ActiveConnections == 0, what: "the slot to be freed");

        var next = server.Connect();
        AssertServed(next);
        Assert.Equal(0, server.Server.RejectedConnections);
    }

    [Fact]
    public void AHandshakeThatFinishesInTimeIsServedUnderTheHeadTimeoutFromThen()
    {
        using var server = Serve(o => o.PendingTimeoutMilliseconds = 60000);
        var slow = server.Accept(new HandshakeConnection());
        Assert.True(slow.Opening.Wait(5000));
        slow.Complete();
        AssertServed(slow.Inner);
        Assert.Equal(0, server.Server.EvictedConnections);
    }

    [Fact]
    public void BeyondThePendingCapTheOldestPendingConnectionIsEvictedAndItsThreadServesTheNewcomer()
    {
        using var server = Serve(o =>
        {
            o.MaxConnections = 4;
            o.MaxPendingConnections = 2;
            o.PendingTimeoutMilliseconds = 60000;
        });
        var first = server.Accept(new HandshakeConnection());
        Assert.True(first.Opening.Wait(5000));
        var second = server.Accept(new HandshakeConnection());
        Assert.True(second.Opening.Wait(5000));

        var third = server.Accept(new HandshakeConnection());
        Assert.True(first.ClosedEvent.Wait(5000), "the oldest pending connection was not evicted");
        Assert.True(third.Opening.Wait(5000), "the newcomer was not started on the evicted connection's thread");
        Assert.False(second.Closed);
        Assert.Equal(2, server.Server.PendingConnections);
        Assert.Equal(2, server.Server.ActiveConnections);

        // The next newcomer evicts the second; a client that completes its handshake is served.
        var client = server.Connect();
        Assert.True(second.ClosedEvent.Wait(5000));
        AssertServed(client);
        Assert.False(third.Closed);
        Assert.Equal(2, server.Server.EvictedConnections);
        Assert.Equal(0, server.Server.RejectedConnections);
    }

    [Fact]
    public void ANewcomerToAFullServerTakesTheSlotOfAPendingConnectionNotOfAnOpenedOne()
    {
        using var server = Serve(o =>
        {
            o.MaxConnections = 2;
            o.MaxPendingConnections = 2;
            o.PendingTimeoutMilliseconds = 60000;
        });
        var opened = server.Connect();
        WaitUntilOpened(server, 1);
        var silent = server.Accept(new HandshakeConnection());
        Assert.True(silent.Opening.Wait(5000));

        var client = server.Connect();
        Assert.True(silent.ClosedEvent.Wait(5000), "the pending connection was not evicted");
        AssertServed(client);
        Assert.False(opened.Closed);
        Assert.Equal(1, server.Server.EvictedConnections);
    }

    [Fact]
    public void OpenedClientsAreServedWhile200SilentConnectionsComeAndGo()
    {
        using var server = Serve(o =>
        {
            o.MaxConnections = 8;
            o.MaxPendingConnections = 2;
            o.PendingTimeoutMilliseconds = 60000;
        });
        var clients = Enumerable.Range(0, 4).Select(_ => server.Connect()).ToList();
        WaitUntilOpened(server, 4);

        var silent = Enumerable.Range(0, 200).Select(_ => server.Accept(new HandshakeConnection())).ToList();
        RunningServer.WaitFor(() => server.Server.EvictedConnections == 198, what: "the silent connections to be evicted");
        Assert.True(server.Server.PendingConnections <= 2);
        Assert.True(server.Server.ActiveConnections <= 6);

        // Each kept-alive client is still served, and a new client still gets in.
        foreach (var client in clients)
        {
            AssertServed(client);
        }

        var late = server.Connect();
        AssertServed(late);
        Assert.Equal(0, server.Server.RejectedConnections);
        Assert.Equal(199, silent.Count(c => c.Closed));
    }

    private static RunningServer Serve(Action<HttpServerOptions> change) => new(Handlers.Ok(), TestServer.Options(change));

    private static void WaitUntilOpened(RunningServer server, int count) =>
        RunningServer.WaitFor(() => server.Server.ActiveConnections == count && server.Server.PendingConnections == 0, what: count + " opened connections");

    private static void AssertServed(PipeConnection connection)
    {
        connection.Client.Send(GetAndClose);
        Assert.Equal(200, ResponseReader.Single(connection.Client.ReadToEnd()).Status);
    }

    [Fact]
    public void PendingOptionsAreValidated()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new HttpServerOptions { MaxPendingConnections = 0 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new HttpServerOptions { PendingTimeoutMilliseconds = 0 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new HttpServerOptions { RejectQueueLength = -1 }.Validate());
    }
}
