using System.Collections.Concurrent;

namespace ThaliNano.Http.Tests.Fakes;

/// <summary>A listener that hands out the connections a test queues; Accept returns null once closed.</summary>
public sealed class QueueListener : IConnectionListener
{
    private readonly BlockingCollection<IConnection> queue = new();
    private readonly CancellationTokenSource closed = new();

    public void Enqueue(IConnection connection) => queue.Add(connection);

    public IConnection? Accept()
    {
        try
        {
            return queue.Take(closed.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public void Close() => closed.Cancel();
}
