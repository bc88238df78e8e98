using ThaliNano.FieldPairing;
using ThaliNano.Http;

namespace ThaliNano.Boards.Esp32
{
    /// <summary>
    /// Milliseconds since the start for the pairing window and the device's schedule. nanoFramework's mscorlib has only
    /// the wall clock, which SNTP steps: <see cref="MonotonicClock"/> absorbs the steps (DeviceHub wakes often enough for it).
    /// </summary>
    public sealed class DeviceUptime : IPairingClock
    {
        private readonly MonotonicClock _clock = new MonotonicClock();

        public long NowMilliseconds
        {
            get { return _clock.Milliseconds; }
        }
    }
}
