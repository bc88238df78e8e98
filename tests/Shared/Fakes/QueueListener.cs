using System.Collections.Concurrent;
using ThaliNano.Http;

namespace ThaliNano.Tests.Fakes;

/// <summary>A listener that hands out the connections a test queues; Accept returns null once closed.</summary>
public sealed class QueueListener : IConnectionListener
{
    private readonly BlockingCollection<IConnection> _queue = new();
    private readonly CancellationTokenSource _closed = new();

    public void Enqueue(IConnection connection) => _queue.Add(connection);

    public IConnection? Accept()
    {
        try
        {
            return _queue.Take(_closed.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public void Close() => _closed.Cancel();
}
