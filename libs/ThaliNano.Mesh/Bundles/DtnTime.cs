using System;

namespace ThaliNano.Mesh.Bundles
{
    /// <summary>
    /// Bundle times: whole seconds since 2000-01-01T00:00:00Z (the DTN epoch of RFC 9171, in seconds rather than
    /// milliseconds to fit 4 bytes until 2136). <see cref="Unknown"/> (0) stands for "this node has no clock".
    /// </summary>
    public static class DtnTime
    {
        public const long Unknown = 0;
        public const long MaxValue = uint.MaxValue;

        private const long EpochTicks = 630822816000000000;   // new DateTime(2000, 1, 1).Ticks
        private const long TicksPerSecond = 10000000;

        /// <summary>The DTN time of a UTC instant; <see cref="Unknown"/> before 2000 (a clock that was never set).</summary>
        public static long FromDateTime(DateTime utc)
        {
            long seconds = (utc.Ticks - EpochTicks) / TicksPerSecond;
            if (seconds <= 0)
            {
                return Unknown;
            }

            return seconds > MaxValue ? MaxValue : seconds;
        }
    }
}
