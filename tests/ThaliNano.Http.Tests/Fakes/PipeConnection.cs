using System.Text;

namespace ThaliNano.Http.Tests.Fakes;

/// <summary>
/// An in-memory duplex connection: the server side is an <see cref="IConnection"/>, the client side a
/// <see cref="PipeClient"/>. Its stream has no timeouts, so only the server's watchdog can end a stuck read.
/// </summary>
public sealed class PipeConnection : IConnection
{
    private readonly Pipe _toServer = new();
    private readonly Pipe _toClient = new();
    private readonly ServerStream _stream;
    private int _closed;

    public PipeConnection(string? principal = null)
    {
        Principal = principal;
        _stream = new ServerStream(this);
        Client = new PipeClient(this);
    }

    public Stream Stream => _stream;

    public string? Principal { get; }

    public string RemoteEndPoint => "pipe";

    public PipeClient Client { get; }

    public bool Closed => Volatile.Read(ref _closed) != 0;

    public ManualResetEventSlim ClosedEvent { get; } = new(false);

    public void Open()
    {
    }

    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            _toServer.Break();
            _toClient.CompleteWriting();
            ClosedEvent.Set();
        }
    }

    public sealed class PipeClient
    {
        private readonly PipeConnection _connection;

        internal PipeClient(PipeConnection connection) => this._connection = connection;

        public void Send(byte[] bytes) => _connection._toServer.Write(bytes, 0, bytes.Length);

        public void Send(string text) => Send(Encoding.Latin1.GetBytes(text));

        /// <summary>The client half-closes: the server reads end of stream after the bytes sent.</summary>
        public void FinishSending() => _connection._toServer.CompleteWriting();

        public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds) =>
            _connection._toClient.Read(buffer, offset, count, timeoutMilliseconds);

        /// <summary>Everything the server writes until it closes the connection (or the timeout passes).</summary>
        public byte[] ReadToEnd(int timeoutMilliseconds = 10000)
        {
            var all = new MemoryStream();
            var buffer = new byte[4096];
            DateTime deadline = DateTime.UtcNow.AddMilliseconds(timeoutMilliseconds);
            while (true)
            {
                int left = (int)Math.Max(1, (deadline - DateTime.UtcNow).TotalMilliseconds);
                int n = Read(buffer, 0, buffer.Length, left);
                if (n == 0)
                {
                    return all.ToArray();
                }

                all.Write(buffer, 0, n);
            }
        }
    }

    private sealed class ServerStream : FakeStream
    {
        private readonly PipeConnection _owner;

        public ServerStream(PipeConnection owner) => this._owner = owner;

        public override int Read(byte[] buffer, int offset, int count) => _owner._toServer.Read(buffer, offset, count);

        public override void Write(byte[] buffer, int offset, int count) => _owner._toClient.Write(buffer, offset, count);
    }
}
