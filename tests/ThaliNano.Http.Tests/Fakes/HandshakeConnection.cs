namespace ThaliNano.Http.Tests.Fakes;

/// <summary>
/// A pipe connection whose <see cref="Open"/> (the handshake) blocks until the test completes it, or until the server
/// closes the connection (then it throws, as a TLS handshake on a closed socket does). Never completed, it is a peer
/// that connects and sends nothing.
/// </summary>
public sealed class HandshakeConnection : IConnection
{
    private readonly ManualResetEventSlim _completed = new();

    public PipeConnection Inner { get; } = new();

    public Stream Stream => Inner.Stream;

    public string? Principal => null;

    public string RemoteEndPoint => "handshake";

    public bool Closed => Inner.Closed;

    public ManualResetEventSlim ClosedEvent => Inner.ClosedEvent;

    /// <summary>Set once the server has called <see cref="Open"/>.</summary>
    public ManualResetEventSlim Opening { get; } = new();

    /// <summary>Lets the handshake finish.</summary>
    public void Complete() => _completed.Set();

    public void Open()
    {
        Opening.Set();
        WaitHandle.WaitAny([_completed.WaitHandle, Inner.ClosedEvent.WaitHandle]);
        if (Inner.Closed)
        {
            throw new IOException("the connection was closed during the handshake");
        }
    }

    public void Close() => Inner.Close();
}
