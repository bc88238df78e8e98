namespace ThaliNano.Http.Tests.Fakes;

/// <summary>A started server on 127.0.0.1 (port chosen by the system) that counts the connections it accepted.</summary>
public sealed class LoopbackServer : IDisposable, IConnectionListener
{
    private readonly LoopbackListener _listener = new();
    private int _accepted;

    public LoopbackServer(IHttpHandler handler, HttpServerOptions? options = null)
    {
        Server = new HttpServer(this, handler, options ?? TestServer.Options());
        Server.Start();
    }

    public HttpServer Server { get; }

    public string Url => "http://127.0.0.1:" + _listener.Port;

    public int Port => _listener.Port;

    public int Accepted => Volatile.Read(ref _accepted);

    IConnection? IConnectionListener.Accept()
    {
        var connection = _listener.Accept();
        if (connection != null)
        {
            Interlocked.Increment(ref _accepted);
        }

        return connection;
    }

    void IConnectionListener.Close() => _listener.Close();

    public void Dispose() => Server.Stop();
}
