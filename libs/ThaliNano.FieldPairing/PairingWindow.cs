using System;

namespace ThaliNano.FieldPairing
{
    /// <summary>
    /// The device-wide pairing mode, shared by every session: closed until the firmware calls <see cref="Open"/>
    /// (button press, first boot), then open for a fixed duration. Each wrong technician proof counts; at
    /// <c>maxFailedProofs</c> the window is locked until the next <see cref="Open"/>.
    /// </summary>
    public sealed class PairingWindow
    {
        public const long DefaultDurationMilliseconds = 5 * 60 * 1000;
        public const int DefaultMaxFailedProofs = 5;

        private readonly IPairingClock _clock;
        private readonly long _durationMilliseconds;
        private readonly int _maxFailedProofs;
        private bool _opened;
        private long _openedAt;
        private int _failedProofs;

        public PairingWindow(IPairingClock clock, long durationMilliseconds, int maxFailedProofs)
        {
            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            if (durationMilliseconds <= 0)
            {
                throw new ArgumentOutOfRangeException("durationMilliseconds");
            }

            if (maxFailedProofs <= 0)
            {
                throw new ArgumentOutOfRangeException("maxFailedProofs");
            }

            _clock = clock;
            _durationMilliseconds = durationMilliseconds;
            _maxFailedProofs = maxFailedProofs;
        }

        public PairingWindow(IPairingClock clock)
            : this(clock, DefaultDurationMilliseconds, DefaultMaxFailedProofs)
        {
        }

        /// <summary>Opens (or re-opens) the window from now on and clears the failure count and the lock.</summary>
        public void Open()
        {
            _opened = true;
            _openedAt = _clock.NowMilliseconds;
            _failedProofs = 0;
        }

        /// <summary>Ends pairing mode at once.</summary>
        public void Close()
        {
            _opened = false;
        }

        public bool IsOpen
        {
            get { return _opened && _clock.NowMilliseconds - _openedAt < _durationMilliseconds; }
        }

        public bool IsLocked
        {
            get { return _failedProofs >= _maxFailedProofs; }
        }

        public int FailedProofs
        {
            get { return _failedProofs; }
        }

        public int MaxFailedProofs
        {
            get { return _maxFailedProofs; }
        }

        internal long NowMilliseconds
        {
            get { return _clock.NowMilliseconds; }
        }

        internal void RecordFailedProof()
        {
            if (_failedProofs < _maxFailedProofs)
            {
                _failedProofs++;
            }
        }
    }
}
