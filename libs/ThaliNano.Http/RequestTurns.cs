using System.Threading;

namespace ThaliNano.Http.Connections
{
    /// <summary>
    /// The turns of <see cref="HttpServerOptions.MaxRequestsAtOnce"/>: how many requests the server's connections may be
    /// serving at one instant. A connection whose request finds every turn taken waits for one, with its request still
    /// unparsed in its input buffer and the transport.
    /// </summary>
    internal sealed class RequestTurns
    {
        // A freed turn wakes one waiter; the others look again after this long, in case two turns were freed at once.
        private const int RecheckMilliseconds = 100;

        private readonly int _limit;
        private readonly object _sync = new object();
        private readonly AutoResetEvent _given = new AutoResetEvent(false);
        private int _taken;

        public RequestTurns(int limit)
        {
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

        /// <summary>Waits for a free turn and takes it.</summary>
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
