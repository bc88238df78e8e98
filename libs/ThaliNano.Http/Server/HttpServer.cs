using System;
using System.Threading;

namespace ThaliNano.Http
{
    /// <summary>
    /// Accepts connections from an <see cref="IConnectionListener"/> and serves each on its own thread, at most
    /// <see cref="HttpServerOptions.MaxConnections"/> at once; one more gets a fast 503 and is closed. A watchdog
    /// thread closes connections whose reads or writes overrun their deadlines (idle, slow or stuck clients).
    /// </summary>
    public sealed class HttpServer
    {
        private readonly IConnectionListener listener;
        private readonly IHttpHandler handler;
        private readonly HttpServerOptions options;
        private readonly object sync = new object();
        private readonly HttpSession[] sessions;
        private readonly AutoResetEvent wake = new AutoResetEvent(false);
        private ConnectionWatch rejectWatch;
        private int active;
        private int rejected;
        private bool started;
        private bool stopping;
        private bool watchdogStopping;
        private Thread acceptThread;
        private Thread watchdogThread;

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
            this.listener = listener;
            this.handler = handler;
            this.options = options;
            sessions = new HttpSession[options.MaxConnections];
        }

        public HttpServerOptions Options
        {
            get { return options; }
        }

        /// <summary>Connections being served now.</summary>
        public int ActiveConnections
        {
            get
            {
                lock (sync)
                {
                    return active;
                }
            }
        }

        /// <summary>Connections answered with 503 because the server was full, since it started.</summary>
        public int RejectedConnections
        {
            get
            {
                lock (sync)
                {
                    return rejected;
                }
            }
        }

        internal IHttpHandler Handler
        {
            get { return handler; }
        }

        internal bool Stopping
        {
            get
            {
                lock (sync)
                {
                    return stopping;
                }
            }
        }

        /// <summary>Starts the accept and watchdog threads.</summary>
        public void Start()
        {
            lock (sync)
            {
                if (started)
                {
                    throw new InvalidOperationException("the server was already started");
                }

                started = true;
            }

            watchdogThread = new Thread(RunWatchdog);
            watchdogThread.Start();
            acceptThread = new Thread(RunAccept);
            acceptThread.Start();
        }

        /// <summary>
        /// Stops accepting, closes idle connections, lets requests in progress finish (their responses say
        /// "Connection: close") for up to <see cref="HttpServerOptions.StopTimeoutMilliseconds"/>, then closes the rest.
        /// </summary>
        public void Stop()
        {
            lock (sync)
            {
                if (!started || stopping)
                {
                    return;
                }

                stopping = true;
            }

            listener.Close();
            acceptThread.Join(options.StopTimeoutMilliseconds);
            long deadline = options.Clock.Milliseconds + options.StopTimeoutMilliseconds;
            while (ActiveConnections > 0 && options.Clock.Milliseconds < deadline)
            {
                CloseConnections(true);
                Thread.Sleep(10);
            }

            deadline = options.Clock.Milliseconds + options.StopTimeoutMilliseconds;
            while (ActiveConnections > 0 && options.Clock.Milliseconds < deadline)
            {
                CloseConnections(false);
                Thread.Sleep(10);
            }

            lock (sync)
            {
                watchdogStopping = true;
            }

            wake.Set();
            watchdogThread.Join(options.StopTimeoutMilliseconds);
        }

        /// <summary>Serves one connection on the calling thread, as a worker thread would (tests, single-thread boards).</summary>
        internal void Serve(IConnection connection)
        {
            HttpSession session = new HttpSession(this, connection);
            if (Register(session))
            {
                session.Run();
            }
            else
            {
                Reject(connection);
            }
        }

        internal void Release(HttpSession session)
        {
            lock (sync)
            {
                if (ReplaceSlot(session, null))
                {
                    active--;
                }
            }
        }

        internal void Log(string message, Exception exception)
        {
            IHttpServerLog log = options.Log;
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
                    connection = listener.Accept();
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

                StartSession(connection);
            }
        }

        private void StartSession(IConnection connection)
        {
            HttpSession session = new HttpSession(this, connection);
            if (!Register(session))
            {
                Reject(connection);
                return;
            }

            try
            {
                new Thread(session.Run).Start();
            }
            catch (Exception e)
            {
                Log("starting a connection thread failed", e);
                Release(session);
                Reject(connection);
            }
        }

        private bool Register(HttpSession session)
        {
            lock (sync)
            {
                if (ReplaceSlot(null, session))
                {
                    active++;
                    return true;
                }

                rejected++;
                return false;
            }
        }

        /// <summary>Puts <paramref name="replacement"/> in the first slot holding <paramref name="current"/>; under the lock.</summary>
        private bool ReplaceSlot(HttpSession current, HttpSession replacement)
        {
            for (int i = 0; i < sessions.Length; i++)
            {
                if (sessions[i] == current)
                {
                    sessions[i] = replacement;
                    return true;
                }
            }

            return false;
        }

        /// <summary>The over-capacity path: a 503 within RejectTimeoutMilliseconds, on the accept thread, then close.</summary>
        private void Reject(IConnection connection)
        {
            ConnectionWatch watch = new ConnectionWatch(connection);
            lock (sync)
            {
                rejectWatch = watch;
            }

            try
            {
                IClock clock = options.Clock;
                watch.SetReadDeadline(clock.Milliseconds + options.RejectTimeoutMilliseconds);
                connection.Open();
                ConnectionOutput output = new ConnectionOutput(connection.Stream, watch, clock, options.RejectTimeoutMilliseconds, 256);
                HttpResponse response = new HttpResponse(output, options, false, true, false, null, null);
                response.Headers.Add("Retry-After", "1");
                response.SendError(503, "service_unavailable",
                    "the server is busy: at most " + options.MaxConnections.ToString() + " connections at once");
                output.Flush();
                ConnectionInput input = new ConnectionInput(connection.Stream, watch, clock, 256);
                input.SetDeadline(options.LingerMilliseconds < options.RejectTimeoutMilliseconds
                    ? options.LingerMilliseconds : options.RejectTimeoutMilliseconds, null);
                input.Linger(options.LingerMaxBytes);
            }
            catch (Exception)
            {
                // Nothing more can be done for this client.
            }
            finally
            {
                connection.Close();
                lock (sync)
                {
                    rejectWatch = null;
                }
            }
        }

        private void RunWatchdog()
        {
            while (true)
            {
                wake.WaitOne(options.WatchdogIntervalMilliseconds, false);
                long now = options.Clock.Milliseconds;
                lock (sync)
                {
                    if (watchdogStopping)
                    {
                        return;
                    }

                    for (int i = 0; i < sessions.Length; i++)
                    {
                        if (sessions[i] != null)
                        {
                            sessions[i].Watch.CloseIfOverdue(now, options.WatchdogGraceMilliseconds);
                        }
                    }

                    if (rejectWatch != null)
                    {
                        rejectWatch.CloseIfOverdue(now, options.WatchdogGraceMilliseconds);
                    }
                }
            }
        }

        private void CloseConnections(bool idleOnly)
        {
            lock (sync)
            {
                for (int i = 0; i < sessions.Length; i++)
                {
                    HttpSession session = sessions[i];
                    if (session != null && (!idleOnly || session.Idle))
                    {
                        session.Watch.Connection.Close();
                    }
                }
            }
        }
    }
}
