using System;
using ThaliNano.Http;

namespace ThaliNano.Firmware.Status
{
    /// <summary>
    /// The last few requests that went wrong, for the status page: a ring of at most <see cref="Capacity"/> entries fed
    /// by the hub as its <see cref="IHubRequestLog"/> (passing every request on to the board's own log). Kept: every 5xx
    /// (507 full store, 503 busy, 500 faults) and the 4xx that mean a client or an ACL is wrong (400, 403, 405, 413, 414,
    /// 431). Not kept, being routine in replication and authentication: 401 (an unsigned first request learns the epoch
    /// that way), 404 (a replicator's first checkpoint read), 409 and 412. Costs one small object per kept error.
    /// </summary>
    public sealed class RecentErrors : IHubRequestLog
    {
        /// <summary>Longest target kept; the rest is cut (and "..." appended).</summary>
        public const int MaxTargetLength = 96;

        private readonly object _sync = new object();
        private readonly RecentError[] _ring;
        private readonly IClock _clock;
        private readonly IHubRequestLog _next;
        private int _nextSlot;
        private int _count;

        /// <param name="capacity">How many errors to keep, 1 to 256.</param>
        /// <param name="clock">Time stamps.</param>
        /// <param name="next">Told about every request too; may be null.</param>
        public RecentErrors(int capacity, IClock clock, IHubRequestLog next)
        {
            if (capacity < 1 || capacity > 256)
            {
                throw new ArgumentOutOfRangeException("capacity", "keep 1 to 256 recent errors");
            }

            if (clock == null)
            {
                throw new ArgumentNullException("clock");
            }

            _ring = new RecentError[capacity];
            _clock = clock;
            _next = next;
        }

        public int Capacity
        {
            get { return _ring.Length; }
        }

        /// <summary>Whether a response status counts as an error worth showing.</summary>
        public static bool IsKept(int status)
        {
            return status >= 500 || status == 400 || status == 403 || status == 405 || status == 413 || status == 414 || status == 431;
        }

        public void Request(string method, string target, string principal, int status)
        {
            if (IsKept(status))
            {
                string cut = target != null && target.Length > MaxTargetLength ? target.Substring(0, MaxTargetLength) + "..." : target;
                RecentError error = new RecentError(_clock.Milliseconds, method, cut, principal, status);
                lock (_sync)
                {
                    _ring[_nextSlot] = error;
                    _nextSlot = (_nextSlot + 1) % _ring.Length;
                    if (_count < _ring.Length)
                    {
                        _count++;
                    }
                }
            }

            if (_next != null)
            {
                _next.Request(method, target, principal, status);
            }
        }

        /// <summary>The kept errors, newest first.</summary>
        public RecentError[] Newest()
        {
            lock (_sync)
            {
                RecentError[] result = new RecentError[_count];
                for (int i = 0; i < _count; i++)
                {
                    result[i] = _ring[(_nextSlot - 1 - i + _ring.Length) % _ring.Length];
                }

                return result;
            }
        }
    }
}
