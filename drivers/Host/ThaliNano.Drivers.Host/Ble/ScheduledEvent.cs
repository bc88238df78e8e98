namespace ThaliNano.Drivers.Host.Ble;

/// <summary>An action due at a virtual time; cancelling it leaves it in the queue but it no longer runs.</summary>
public sealed class ScheduledEvent
{
    internal ScheduledEvent(TimeSpan time, Action action)
    {
        Time = time;
        Action = action;
    }

    public TimeSpan Time { get; }

    public bool IsCancelled { get; private set; }

    internal Action Action { get; }

    public void Cancel() => IsCancelled = true;
}
