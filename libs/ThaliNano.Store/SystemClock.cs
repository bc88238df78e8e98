using System;

namespace ThaliNano.Store
{
    /// <summary><see cref="IClock"/> from DateTime.UtcNow (on a device: valid once the clock was set, e.g. by SNTP).</summary>
    public sealed class SystemClock : IClock
    {
        /// <summary>DateTime ticks of 1970-01-01T00:00:00Z.</summary>
        private const long UnixEpochTicks = 621355968000000000;

        public uint UtcSeconds
        {
            get
            {
                long seconds = (DateTime.UtcNow.Ticks - UnixEpochTicks) / TimeSpan.TicksPerSecond;
                return seconds < 0 ? 0 : (uint)seconds;
            }
        }
    }
}
