using System;

namespace ThaliNano.Http
{
    /// <summary>
    /// <see cref="IClock"/> over DateTime.UtcNow, the only clock nanoFramework's mscorlib offers. The device's wall
    /// clock jumps when SNTP sets it; a reading that goes backwards, or forwards by more than
    /// <see cref="MaxStepMilliseconds"/> since the previous reading, is taken as such a jump and absorbed. The server's
    /// watchdog reads the clock several times a second, so real time never moves that far between readings.
    /// </summary>
    public sealed class MonotonicClock : IClock
    {
        public const long MaxStepMilliseconds = 60000;

        private readonly object _sync = new object();
        private long _last;
        private long _offset;
        private bool _started;

        public long Milliseconds
        {
            get
            {
                long wall = DateTime.UtcNow.Ticks / TimeSpan.TicksPerMillisecond;
                lock (_sync)
                {
                    long now = wall + _offset;
                    if (_started && (now < _last || now - _last > MaxStepMilliseconds))
                    {
                        _offset = _last - wall;
                        now = _last;
                    }

                    _started = true;
                    _last = now;
                    return now;
                }
            }
        }
    }
}
