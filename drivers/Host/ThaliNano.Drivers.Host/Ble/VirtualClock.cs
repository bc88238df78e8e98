namespace ThaliNano.Drivers.Host.Ble;

/// <summary>
/// Discrete-event time for simulations: time advances only when the caller runs the clock, jumping from one due
/// event to the next (a binary heap; events due at the same time run in the order they were scheduled). Not
/// thread-safe: one simulation runs on one thread, and a blocking radio call runs the clock itself until it completes.
/// </summary>
public sealed class VirtualClock
{
    private readonly PriorityQueue<ScheduledEvent, (long Ticks, long Sequence)> _queue = new();
    private long _sequence;

    public TimeSpan Now { get; private set; }

    /// <summary>Events waiting, cancelled ones included until their time comes.</summary>
    public int PendingEvents => _queue.Count;

    public ScheduledEvent Schedule(TimeSpan delay, Action action) =>
        ScheduleAt(Now + (delay < TimeSpan.Zero ? TimeSpan.Zero : delay), action);

    public ScheduledEvent ScheduleAt(TimeSpan time, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var scheduled = new ScheduledEvent(time < Now ? Now : time, action);
        _queue.Enqueue(scheduled, (scheduled.Time.Ticks, _sequence++));
        return scheduled;
    }

    /// <summary>Runs every event due at or before <paramref name="time"/>, then sets the clock to it.</summary>
    public void RunUntil(TimeSpan time) => RunUntil(static () => false, time);

    public void RunFor(TimeSpan duration) => RunUntil(Now + duration);

    /// <summary>
    /// Runs events in time order until <paramref name="condition"/> holds (checked before each event) or the next
    /// event is after <paramref name="deadline"/>, in which case the clock moves to the deadline.
    /// </summary>
    /// <returns>Whether the condition holds.</returns>
    public bool RunUntil(Func<bool> condition, TimeSpan deadline)
    {
        while (!condition())
        {
            if (!_queue.TryPeek(out var next, out _) || next.Time > deadline)
            {
                if (deadline > Now)
                {
                    Now = deadline;
                }

                return condition();
            }

            _queue.Dequeue();
            Now = next.Time;
            if (!next.IsCancelled)
            {
                next.Action();
            }
        }

        return true;
    }
}
