using System.Net;
using System.Net.Sockets;

namespace ThaliNano.Http.Tests.Fakes;

/// <summary>Plain TCP on 127.0.0.1 with a port the system picks, so that real clients (curl, HttpClient) can connect.</summary>
public sealed class LoopbackListener : IConnectionListener
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private int closed;

    public LoopbackListener()
    {
        listener.Start();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public IConnection? Accept()
    {
        try
        {
            return new TcpConnection(listener.AcceptTcpClient());
        }
        catch (Exception) when (Volatile.Read(ref closed) != 0)
        {
            return null;
        }
    }

    public void Close()
    {
        if (Interlocked.Exchange(ref closed, 1) == 0)
        {
            listener.Stop();
        }
    }

    private sealed class TcpConnection : IConnection
    {
        private readonly TcpClient client;

        public TcpConnection(TcpClient client)
        {
            this.client = client;
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

        public void Close() => client.Close();
    }
}
