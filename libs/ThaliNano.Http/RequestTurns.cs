using System;
using System.Threading;

namespace ThaliNano.Http
{
    /// <summary>
    /// The turns of <see cref="HttpServerOptions.MaxRequestsAtOnce"/>: how many requests the server's connections may be
    /// serving at one instant (<see cref="HttpServer.Turns"/>). A connection whose request finds every turn taken waits for
    /// one, with its request still unparsed. Other work of the same weight served beside the server (a mesh contact over
    /// BLE) takes a turn too, so that it never runs beside a request either.
    /// </summary>
    public sealed class RequestTurns
    {
        // A freed turn wakes one waiter; the others look again after this long, in case two turns were freed at once.
        private const int RecheckMilliseconds = 100;

        private readonly int _limit;
        private readonly object _sync = new object();
        private readonly AutoResetEvent _given = new AutoResetEvent(false);
        private int _taken;

        public RequestTurns(int limit)
        {
            if (limit < 1)
            {
                throw new ArgumentOutOfRangeException("limit", "at least one turn");
            }

            _limit = limit;
        }

        /// <summary>Turns taken now.</summary>
        public int Taken
        {
            get
            {
                lock (_sync)
                {
                    return _taken;
                }
            }
        }

        /// <summary>Waits for a free turn and takes it; give it back with <see cref="Give"/>, in a finally.</summary>
        public void Take()
        {
            while (true)
            {
                lock (_sync)
                {
                    if (_taken < _limit)
                    {
                        _taken++;
                        return;
                    }
                }

                _given.WaitOne(RecheckMilliseconds, false);
            }
        }

        public void Give()
        {
            lock (_sync)
            {
                _taken--;
            }

            _given.Set();
        }
    }
}
