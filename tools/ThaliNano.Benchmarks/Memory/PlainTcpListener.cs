using System.Net;
using System.Net.Sockets;
using ThaliNano.Http;

namespace ThaliNano.Benchmarks.Memory;

/// <summary>
/// Plain TCP on 127.0.0.1 (a socket and a <see cref="NetworkStream"/> per connection, as nanoFramework's Socket gives):
/// the memory benchmark's transport. The device's TLS lives in mbedTLS outside the managed heap and cannot name the
/// client either, so here too the principal is null and comes from the ThaliKey proof on every request.
/// </summary>
internal sealed class PlainTcpListener : IConnectionListener
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private int _closed;

    public PlainTcpListener()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _socket.Listen(8);
    }

    public int Port => ((IPEndPoint)_socket.LocalEndPoint!).Port;

    public IConnection? Accept()
    {
        try
        {
            return new Connection(_socket.Accept());
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
            _socket.Close();
        }
    }

    private sealed class Connection(Socket socket) : IConnection
    {
        public Stream Stream { get; } = new NetworkStream(socket, ownsSocket: true);

        public string? Principal => null;

        public string? RemoteEndPoint => null;

        public void Open() => socket.NoDelay = true;

        public void Close() => Stream.Dispose();
    }
}
