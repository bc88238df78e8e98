using ThaliNano.FieldPairing;

namespace ThaliNano.Benchmarks.Memory;

/// <summary>The pairing window's clock: milliseconds since the process started, as the device's tick count.</summary>
internal sealed class TickPairingClock : IPairingClock
{
    public long NowMilliseconds => Environment.TickCount64;
}
