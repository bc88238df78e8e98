using ThaliNano.FieldPairing;

namespace ThaliNano.Benchmarks.Memory;

/// <summary>The device's uptime in virtual time: the benchmark moves it, so periodic work comes due as often as it needs.</summary>
internal sealed class VirtualUptime : IPairingClock
{
    public long NowMilliseconds { get; private set; }

    public void Advance(long milliseconds) => NowMilliseconds += milliseconds;
}
