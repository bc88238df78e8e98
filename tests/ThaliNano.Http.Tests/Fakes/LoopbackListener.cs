using System.Net;
using System.Net.Sockets;

namespace ThaliNano.Http.Tests.Fakes;

/// <summary>Plain TCP on 127.0.0.1 with a port the system picks, so that real clients (curl, HttpClient) can connect.</summary>
public sealed class LoopbackListener : IConnectionListener
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private int _closed;

    public LoopbackListener()
    {
        _listener.Start();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public IConnection? Accept()
    {
        try
        {
            return new TcpConnection(_listener.AcceptTcpClient());
        }
        catch (Exception) when (Volatile.Read(ref _closed) != 0)
        {
            return null;
        }
    }

    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            _listener.Stop();
        }
    }

    private sealed class TcpConnection : IConnection
    {
        private readonly TcpClient _client;

        public TcpConnection(TcpClient client)
        {
            this._client = client;
            client.NoDelay = true;
            Stream = client.GetStream();
            RemoteEndPoint = client.Client.RemoteEndPoint?.ToString();
        }

        public Stream Stream { get; }

        public string? Principal => null;

        public string? RemoteEndPoint { get; }

        public void Open()
        {
        }

        public void Close() => _client.Close();
    }
}
