using System;
using System.Threading;
using ThaliNano.Http.Connections;
using ThaliNano.Http.Output;
using ThaliNano.Http.Parsing;

namespace ThaliNano.Http
{
    /// <summary>
    /// Accepts connections from an <see cref="IConnectionListener"/> and serves each on its own thread, at most
    /// <see cref="HttpServerOptions.MaxConnections"/> at once. A connection is pending until its
    /// <see cref="IConnection.Open"/> (the TLS handshake) returns: pending ones have their own short deadline and cap,
    /// and a newcomer that finds the cap reached, or no free slot, takes over the slot (and thread) of the oldest
    /// pending one, which is closed. A newcomer that finds every slot held by an opened connection is over capacity:
    /// the reject thread answers it with a 503 within <see cref="HttpServerOptions.RejectTimeoutMilliseconds"/>, or it
    /// is closed at once when the reject queue is full; the accept thread never waits for either. A watchdog thread
    /// closes connections whose reads or writes overrun their deadlines (idle, slow or stuck clients).
    /// </summary>
    public sealed class HttpServer
    {
        private readonly IConnectionListener _listener;
        private readonly IHttpHandler _handler;
        private readonly HttpServerOptions _options;
        private readonly object _sync = new object();
        private readonly HttpSession[] _sessions;
        private readonly AutoResetEvent _wake = new AutoResetEvent(false);
        private readonly AutoResetEvent _rejectReady = new AutoResetEvent(false);
        private readonly int _maxPending;
        private readonly ConnectionWatch[] _rejectQueue;
        private readonly RequestTurns _turns;
        private int _rejectHead;
        private int _rejectCount;
        private ConnectionWatch _rejectWatch;
        private int _order;
        private int _active;
        private int _rejected;
        private int _evicted;
        private bool _started;
        private bool _stopping;
        private bool _watchdogStopping;
        private Thread _acceptThread;
        private Thread _watchdogThread;
        private Thread _rejectThread;

        public HttpServer(IConnectionListener listener, IHttpHandler handler, HttpServerOptions options)
        {
            if (listener == null)
            {
                throw new ArgumentNullException("listener");
            }

            if (handler == null)
            {
                throw new ArgumentNullException("handler");
            }

            if (options == null)
            {
                throw new ArgumentNullException("options");
            }

            options.Validate();
            this._listener = listener;
            this._handler = handler;
            this._options = options;
            _sessions = new HttpSession[options.MaxConnections];
            _maxPending = options.MaxPendingConnections < options.MaxConnections ? options.MaxPendingConnections : options.MaxConnections;
            _rejectQueue = new ConnectionWatch[options.RejectQueueLength];
            if (options.MaxRequestsAtOnce > 0 && options.MaxRequestsAtOnce < options.MaxConnections)
            {
                _turns = new RequestTurns(options.MaxRequestsAtOnce);
            }
        }

        public HttpServerOptions Options
        {
            get { return _options; }
        }

        /// <summary>Connections being served now.</summary>
        public int ActiveConnections
        {
            get
            {
                lock (_sync)
                {
                    return _active;
                }
            }
        }

        /// <summary>Connections whose handshake (<see cref="IConnection.Open"/>) has not finished yet.</summary>
        public int PendingConnections
        {
            get
            {
                lock (_sync)
                {
                    int count;
                    OldestPending(out count);
                    return count;
                }
            }
        }

        /// <summary>Connections refused because every slot was held by an opened connection (503 or closed), since it started.</summary>
        public int RejectedConnections
        {
            get
            {
                lock (_sync)
                {
                    return _rejected;
                }
            }
        }

        /// <summary>Pending connections closed to make room for a newer one, since it started.</summary>
        public int EvictedConnections
        {
            get
            {
                lock (_sync)
                {
                    return _evicted;
                }
            }
        }

        internal IHttpHandler Handler
        {
            get { return _handler; }
        }

        /// <summary>The request turns the connections share (<see cref="HttpServerOptions.MaxRequestsAtOnce"/>), or null when requests are not limited.</summary>
        public RequestTurns Turns
        {
            get { return _turns; }
        }

        internal bool Stopping
        {
            get
            {
                lock (_sync)
                {
                    return _stopping;
                }
            }
        }

        /// <summary>Starts the accept and watchdog threads.</summary>
        public void Start()
        {
            lock (_sync)
            {
                if (_started)
                {
                    throw new InvalidOperationException("the server was already started");
                }

                _started = true;
            }

            _watchdogThread = new Thread(RunWatchdog);
            _watchdogThread.Start();
            if (_rejectQueue.Length > 0)
            {
                _rejectThread = new Thread(RunRejects);
                _rejectThread.Start();
            }

            _acceptThread = new Thread(RunAccept);
            _acceptThread.Start();
        }

        /// <summary>
        /// Stops accepting, closes idle connections, lets requests in progress finish (their responses say
        /// "Connection: close") for up to <see cref="HttpServerOptions.StopTimeoutMilliseconds"/>, then closes the rest.
        /// </summary>
        public void Stop()
        {
            lock (_sync)
            {
                if (!_started || _stopping)
                {
                    return;
                }

                _stopping = true;
            }

            _listener.Close();
            _acceptThread.Join(_options.StopTimeoutMilliseconds);
            if (_rejectThread != null)
            {
                CloseRejects();
                _rejectReady.Set();
                _rejectThread.Join(_options.StopTimeoutMilliseconds);
            }

            long deadline = _options.Clock.Milliseconds + _options.StopTimeoutMilliseconds;
            while (ActiveConnections > 0 && _options.Clock.Milliseconds < deadline)
            {
                CloseConnections(true);
                Thread.Sleep(10);
            }

            deadline = _options.Clock.Milliseconds + _options.StopTimeoutMilliseconds;
            while (ActiveConnections > 0 && _options.Clock.Milliseconds < deadline)
            {
                CloseConnections(false);
                Thread.Sleep(10);
            }

            lock (_sync)
            {
                _watchdogStopping = true;
            }

            _wake.Set();
            _watchdogThread.Join(_options.StopTimeoutMilliseconds);
        }

        /// <summary>Serves one connection on the calling thread, as a worker thread would (tests, single-thread boards).</summary>
        internal void Serve(IConnection connection)
        {
            HttpSession session;
            lock (_sync)
            {
                session = new HttpSession(this, connection, _order++);
            }

            if (Register(session))
            {
                session.Run();
            }
            else
            {
                connection.Close();
            }
        }

        /// <summary>
        /// Called when a session's connection is done: returns the connection handed over to its thread by an eviction,
        /// which inherits the slot, or frees the slot and returns null.
        /// </summary>
        internal HttpSession Retire(HttpSession session)
        {
            lock (_sync)
            {
                HttpSession next = session.Successor;
                if (next != null)
                {
                    session.Successor = null;
                    ReplaceSlot(session, next);
                    return next;
                }

                if (ReplaceSlot(session, null))
                {
                    _active--;
                }

                return null;
            }
        }

        /// <summary>The session's handshake is done: it stops being pending, unless it was evicted meanwhile (false).</summary>
        internal bool Opened(HttpSession session)
        {
            lock (_sync)
            {
                if (session.Evicted)
                {
                    return false;
                }

                session.Pending = false;
                return true;
            }
        }

        internal bool WasEvicted(HttpSession session)
        {
            lock (_sync)
            {
                return session.Evicted;
            }
        }

        internal void Log(string message, Exception exception)
        {
            IHttpServerLog log = _options.Log;
            if (log != null)
            {
                try
                {
                    log.Log(message, exception);
                }
                catch (Exception)
                {
                    // A failing log must not take the server down.
                }
            }
        }

        private void RunAccept()
        {
            while (!Stopping)
            {
                IConnection connection;
                try
                {
                    connection = _listener.Accept();
                }
                catch (Exception e)
                {
                    if (Stopping)
                    {
                        break;
                    }

                    Log("accepting a connection failed", e);
                    Thread.Sleep(100);
                    continue;
                }

                if (connection == null)
                {
                    break;
                }

                if (Stopping)
                {
                    connection.Close();
                    break;
                }

                try
                {
                    StartSession(connection);
                }
                catch (Exception e)
                {
                    // A transport whose Close throws must not end the accept loop.
                    Log("handing over a connection failed", e);
                }
            }
        }

        /// <summary>Gives the new connection a slot and a thread, the slot of the oldest pending one, or the reject path.</summary>
        private void StartSession(IConnection connection)
        {
            HttpSession session;
            HttpSession displaced = null;
            bool start = false;
            lock (_sync)
            {
                session = new HttpSession(this, connection, _order++);
                int pending;
                HttpSession oldest = OldestPending(out pending);
                if (pending < _maxPending && ReplaceSlot(null, session))
                {
                    _active++;
                    start = true;
                }
                else if (oldest != null)
                {
                    displaced = HandOver(oldest, session);
                    _evicted++;
                }
                else
                {
                    _rejected++;
                }
            }

            if (displaced != null)
            {
                displaced.Watch.Connection.Close();
            }
            else if (start)
            {
                try
                {
                    new Thread(session.Run).Start();
                }
                catch (Exception e)
                {
                    Log("starting a connection thread failed", e);
                    Retire(session);
                    Refuse(connection);
                }
            }
            else
            {
                Refuse(connection);
            }
        }

        /// <summary>
        /// The oldest pending connection and how many there are; under the lock. A connection handed over to an evicted
        /// one's thread and not started yet is pending too.
        /// </summary>
        private HttpSession OldestPending(out int count)
        {
            count = 0;
            HttpSession oldest = null;
            for (int i = 0; i < _sessions.Length; i++)
            {
                HttpSession session = _sessions[i];
                if (session == null)
                {
                    continue;
                }

                HttpSession candidate = session.Successor != null ? session.Successor
                    : session.Pending && !session.Evicted ? session : null;
                if (candidate != null)
                {
                    count++;
                    if (oldest == null || candidate.Order - oldest.Order < 0)
                    {
                        oldest = candidate;
                    }
                }
            }

            return oldest;
        }

        /// <summary>
        /// Evicts <paramref name="oldest"/> in favour of <paramref name="newcomer"/>, which will run on the evicted one's
        /// thread in its slot; returns the session whose connection must be closed. Under the lock.
        /// </summary>
        private HttpSession HandOver(HttpSession oldest, HttpSession newcomer)
        {
            for (int i = 0; i < _sessions.Length; i++)
            {
                HttpSession session = _sessions[i];
                if (session != null && session.Successor == oldest)
                {
                    // Not started yet: the newcomer takes its place in the line.
                    session.Successor = newcomer;
                    return oldest;
                }
            }

            oldest.Evicted = true;
            oldest.Successor = newcomer;
            return oldest;
        }

        private bool Register(HttpSession session)
        {
            lock (_sync)
            {
                if (ReplaceSlot(null, session))
                {
                    _active++;
                    return true;
                }

                _rejected++;
                return false;
            }
        }

        /// <summary>Puts <paramref name="replacement"/> in the first slot holding <paramref name="current"/>; under the lock.</summary>
        private bool ReplaceSlot(HttpSession current, HttpSession replacement)
        {
            for (int i = 0; i < _sessions.Length; i++)
            {
                if (_sessions[i] == current)
                {
                    _sessions[i] = replacement;
                    return true;
                }
            }

            return false;
        }

        /// <summary>An over-capacity connection: queued for a 503 by the reject thread, or closed at once when the queue is full.</summary>
        private void Refuse(IConnection connection)
        {
            bool queued = false;
            lock (_sync)
            {
                if (!_stopping && _rejectCount < _rejectQueue.Length)
                {
                    ConnectionWatch watch = new ConnectionWatch(connection);
                    watch.SetReadDeadline(_options.Clock.Milliseconds + _options.RejectTimeoutMilliseconds);
                    _rejectQueue[(_rejectHead + _rejectCount) % _rejectQueue.Length] = watch;
                    _rejectCount++;
                    queued = true;
                }
            }

            if (queued)
            {
                _rejectReady.Set();
            }
            else
            {
                connection.Close();
            }
        }

        private void RunRejects()
        {
            while (true)
            {
                ConnectionWatch watch;
                bool answer;
                lock (_sync)
                {
                    watch = null;
                    if (_rejectCount > 0)
                    {
                        watch = _rejectQueue[_rejectHead];
                        _rejectQueue[_rejectHead] = null;
                        _rejectHead = (_rejectHead + 1) % _rejectQueue.Length;
                        _rejectCount--;
                        _rejectWatch = watch;
                    }
                    else if (_stopping)
                    {
                        return;
                    }

                    answer = !_stopping;
                }

                if (watch == null)
                {
                    _rejectReady.WaitOne();
                    continue;
                }

                // The watchdog times its next look by this connection's deadline.
                _wake.Set();
                if (answer)
                {
                    AnswerBusy(watch);
                }

                watch.Connection.Close();
                lock (_sync)
                {
                    _rejectWatch = null;
                }
            }
        }

        /// <summary>The 503 of an over-capacity connection, all of it (queue wait, handshake, reply, linger) within its deadline.</summary>
        private void AnswerBusy(ConnectionWatch watch)
        {
            IConnection connection = watch.Connection;
            IClock clock = _options.Clock;
            long deadline = watch.NextDeadline;
            try
            {
                if (clock.Milliseconds >= deadline)
                {
                    return;
                }

                connection.Open();
                int left = (int)(deadline - clock.Milliseconds);
                if (left <= 0)
                {
                    return;
                }

                ConnectionOutput output = new ConnectionOutput(connection.Stream, watch, clock, left, 256);
                HttpResponse response = new HttpResponse(output, _options, false, true, false, null, null);
                response.Headers.Add("Retry-After", "1");
                response.SendError(503, "service_unavailable",
                    "the server is busy: at most " + _options.MaxConnections.ToString() + " connections at once");
                output.Flush();
                left = (int)(deadline - clock.Milliseconds);
                if (left > 0)
                {
                    ConnectionInput input = new ConnectionInput(connection.Stream, watch, clock, 256);
                    input.SetDeadline(_options.LingerMilliseconds < left ? _options.LingerMilliseconds : left, null);
                    input.Linger(_options.LingerMaxBytes);
                }
            }
            catch (Exception)
            {
                // Nothing more can be done for this client.
            }
        }

        /// <summary>Closes the connections waiting for a 503 and the one being answered (stopping).</summary>
        private void CloseRejects()
        {
            lock (_sync)
            {
                for (int i = 0; i < _rejectQueue.Length; i++)
                {
                    if (_rejectQueue[i] != null)
                    {
                        _rejectQueue[i].Connection.Close();
                    }
                }

                if (_rejectWatch != null)
                {
                    _rejectWatch.Connection.Close();
                }
            }
        }

        private void RunWatchdog()
        {
            int wait = _options.WatchdogIntervalMilliseconds;
            while (true)
            {
                _wake.WaitOne(wait, false);
                long now = _options.Clock.Milliseconds;
                wait = _options.WatchdogIntervalMilliseconds;
                lock (_sync)
                {
                    if (_watchdogStopping)
                    {
                        return;
                    }

                    for (int i = 0; i < _sessions.Length; i++)
                    {
                        HttpSession session = _sessions[i];
                        if (session != null)
                        {
                            // Nothing can be answered before the handshake, so a pending connection gets no grace.
                            session.Watch.CloseIfOverdue(now, session.Pending ? 0 : _options.WatchdogGraceMilliseconds);
                            if (session.Successor != null)
                            {
                                session.Successor.Watch.CloseIfOverdue(now, 0);
                            }
                        }
                    }

                    if (_rejectWatch != null)
                    {
                        _rejectWatch.CloseIfOverdue(now, 0);
                        long next = _rejectWatch.NextDeadline;
                        if (next > now && next - now < wait)
                        {
                            // A reject is bounded to a few tens of milliseconds on the host: look again right at its deadline.
                            wait = (int)(next - now) + 1;
                        }
                    }
                }
            }
        }

        private void CloseConnections(bool idleOnly)
        {
            lock (_sync)
            {
                for (int i = 0; i < _sessions.Length; i++)
                {
                    HttpSession session = _sessions[i];
                    if (session != null && (!idleOnly || session.Idle))
                    {
                        session.Watch.Connection.Close();
                    }

                    if (session != null && session.Successor != null)
                    {
                        session.Successor.Watch.Connection.Close();
                    }
                }
            }
        }
    }
}
