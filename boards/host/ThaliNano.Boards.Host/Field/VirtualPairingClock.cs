using ThaliNano.Drivers.Host.Ble;
using ThaliNano.FieldPairing;

namespace ThaliNano.Boards.Host.Field;

/// <summary>The pairing window's clock on the simulated medium's virtual time.</summary>
public sealed class VirtualPairingClock(VirtualClock clock) : IPairingClock
{
    public long NowMilliseconds => (long)clock.Now.TotalMilliseconds;
}
