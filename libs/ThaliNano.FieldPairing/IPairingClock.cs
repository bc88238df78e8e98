namespace ThaliNano.FieldPairing
{
    /// <summary>A monotonic clock in milliseconds (the device's uptime; tests drive a virtual one).</summary>
    public interface IPairingClock
    {
        long NowMilliseconds { get; }
    }
}
