namespace ThaliNano.Http.Tests.Fakes;

/// <summary>A started server fed with in-memory pipe connections; stops on dispose.</summary>
public sealed class RunningServer : IDisposable
{
    private readonly QueueListener _listener = new();

    public RunningServer(IHttpHandler handler, HttpServerOptions? options = null)
    {
        Server = new HttpServer(_listener, handler, options ?? TestServer.Options());
        Server.Start();
    }

    public HttpServer Server { get; }

    public PipeConnection Connect(string? principal = null)
    {
        var connection = new PipeConnection(principal);
        _listener.Enqueue(connection);
        return connection;
    }

    /// <summary>Hands any connection to the server, as if the listener had accepted it.</summary>
    public T Accept<T>(T connection) where T : IConnection
    {
        _listener.Enqueue(connection);
        return connection;
    }

    /// <summary>Waits until the condition holds, failing the test after the timeout.</summary>
    public static void WaitFor(Func<bool> condition, int timeoutMilliseconds = 5000, string what = "condition")
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMilliseconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for " + what);
            Thread.Sleep(5);
        }
    }

    public void Dispose() => Server.Stop();
}
