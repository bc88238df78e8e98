namespace ThaliNano.Benchmarks.Memory;

/// <summary>Ticks a <see cref="BoardHub"/>'s periodic work on its own thread until <see cref="Stop"/>, which rethrows what a tick threw.</summary>
internal sealed class TickingThread : IDisposable
{
    private readonly ManualResetEventSlim _stop = new();
    private readonly Thread _thread;
    private Exception? _failure;

    public TickingThread(BoardHub hub, int tickMilliseconds, string name)
    {
        _thread = new Thread(() => Run(hub, tickMilliseconds)) { IsBackground = true, Name = name };
        _thread.Start();
    }

    public void Stop()
    {
        _stop.Set();
        _thread.Join();
        if (_failure != null)
        {
            throw new InvalidOperationException("the " + _thread.Name + " failed: " + _failure.Message, _failure);
        }
    }

    public void Dispose()
    {
        _stop.Set();
        _stop.Dispose();
    }

    private void Run(BoardHub hub, int tickMilliseconds)
    {
        try
        {
            while (!_stop.Wait(tickMilliseconds))
            {
                hub.Tick();
            }
        }
        catch (Exception e)
        {
            _failure = e;
        }
    }
}
