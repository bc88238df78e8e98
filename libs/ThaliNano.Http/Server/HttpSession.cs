using System;

namespace ThaliNano.Http
{
    /// <summary>
    /// Serves the requests of one connection in turn (keep-alive): reads a head, runs the handler, finishes the reply,
    /// discards what the handler left of the body, and closes when the connection can no longer be trusted.
    /// </summary>
    internal sealed class HttpSession
    {
        private readonly HttpServer server;
        private readonly HttpServerOptions options;
        private readonly IConnection connection;
        private readonly ConnectionWatch watch;
        private readonly object sync = new object();
        private ConnectionInput input;
        private ConnectionOutput output;
        private LineBuffer line;
        private RequestHeadParser parser;
        private byte[] scratch;
        private bool idle = true;

        /// <param name="order">Acceptance order: eviction picks the pending connection with the lowest.</param>
        public HttpSession(HttpServer server, IConnection connection, int order)
        {
            this.server = server;
            options = server.Options;
            this.connection = connection;
            Order = order;
            watch = new ConnectionWatch(connection);
            watch.SetReadDeadline(options.Clock.Milliseconds + options.PendingTimeoutMilliseconds);
        }

        public ConnectionWatch Watch
        {
            get { return watch; }
        }

        public int Order { get; }

        /// <summary>True until <see cref="IConnection.Open"/> has returned (the peer is not authenticated yet). Under the server's lock.</summary>
        public bool Pending { get; set; } = true;

        /// <summary>True once the server closed this pending connection to make room. Under the server's lock.</summary>
        public bool Evicted { get; set; }

        /// <summary>The connection this thread serves next, handed over when this one was evicted. Under the server's lock.</summary>
        public HttpSession Successor { get; set; }

        /// <summary>True while the connection waits for its next request (or its handshake).</summary>
        public bool Idle
        {
            get
            {
                lock (sync)
                {
                    return idle;
                }
            }
        }

        /// <summary>Serves this connection, then each one handed over to this thread by an eviction, then gives up the slot.</summary>
        public void Run()
        {
            HttpSession session = this;
            while (session != null)
            {
                session.Serve();
                session = server.Retire(session);
            }
        }

        private void Serve()
        {
            try
            {
                connection.Open();
                if (!server.Opened(this))
                {
                    return;
                }

                watch.SetReadDeadline(0);
                input = new ConnectionInput(connection.Stream, watch, options.Clock, options.InputBufferBytes);
                output = new ConnectionOutput(connection.Stream, watch, options.Clock, options.WriteTimeoutMilliseconds,
                    options.OutputBufferBytes);
                line = new LineBuffer();
                parser = new RequestHeadParser(options);
                bool first = true;
                while (ServeRequest(first))
                {
                    first = false;
                }
            }
            catch (ConnectionLostException)
            {
                // The peer went away.
            }
            catch (Exception e)
            {
                // A pending connection the server closed itself (evicted, or past its deadline) is not worth a log line:
                // under a flood of idle sockets there would be one per socket.
                if (!watch.ClosedByWatchdog && !server.WasEvicted(this))
                {
                    server.Log("connection failed", e);
                }
            }
            finally
            {
                connection.Close();
            }
        }

        /// <summary>Serves one request; false when the connection is to be closed.</summary>
        private bool ServeRequest(bool first)
        {
            SetIdle(true);
            if (server.Stopping)
            {
                return false;
            }

            input.SetDeadline(first ? options.HeadTimeoutMilliseconds : options.IdleTimeoutMilliseconds, null);
            bool arrived;
            try
            {
                arrived = input.Fill();
            }
            catch (ConnectionLostException)
            {
                return false;
            }

            SetIdle(false);
            if (!arrived)
            {
                return false;
            }

            input.SetDeadline(options.HeadTimeoutMilliseconds, "request head");
            HttpRequest request;
            try
            {
                request = parser.Parse(input, line);
            }
            catch (HttpException e)
            {
                ReplyAndClose(e);
                return false;
            }

            if (request == null)
            {
                return false;
            }

            RequestBody body = Prepare(request);
            HttpResponse response = new HttpResponse(output, options, request.IsHead, request.IsHttp11,
                request.WantsKeepAlive, body, server);
            if (!Dispatch(request, response))
            {
                return false;
            }

            line.Shrink();
            bool keep = response.KeepAlive && !input.Broken && !server.Stopping;
            try
            {
                if (keep && !body.IsComplete)
                {
                    input.SetDeadline(options.BodyTimeoutMilliseconds, "request body");
                }

                keep = keep && body.Drain(options.MaxDrainBytes, Scratch());
            }
            catch (HttpException)
            {
                keep = false;
            }

            if (!keep)
            {
                if (input.Broken || !body.IsComplete || input.Available > 0)
                {
                    Linger();
                }

                return false;
            }

            input.ClearDeadline();
            return true;
        }

        private RequestBody Prepare(HttpRequest request)
        {
            request.DecodeTarget();
            request.TransportPrincipal = connection.Principal;
            request.RemoteEndPoint = connection.RemoteEndPoint;
            ContinueGate gate = request.ExpectsContinue ? new ContinueGate(output, true) : null;
            RequestBody body = request.IsChunked
                ? (RequestBody)new ChunkedBody(input, line, options, gate)
                : new ContentLengthBody(input, request.ContentLength, gate);
            request.Body = body;
            if (body.IsComplete)
            {
                input.ClearDeadline();
            }
            else
            {
                input.SetDeadline(options.BodyTimeoutMilliseconds, "request body");
            }

            return body;
        }

        /// <summary>Runs the handler and completes the reply; false when the connection must close at once.</summary>
        private bool Dispatch(HttpRequest request, HttpResponse response)
        {
            try
            {
                if (request.Problem != null)
                {
                    throw request.Problem;
                }

                server.Handler.Handle(request, response);
                response.Finish();
            }
            catch (HttpException e)
            {
                if (!ReplyError(response, e))
                {
                    return false;
                }
            }
            catch (ConnectionLostException)
            {
                return false;
            }
            catch (Exception e)
            {
                server.Log("the handler failed", e);
                if (!ReplyError(response, new HttpException(500, "internal_server_error", "the request could not be processed")))
                {
                    return false;
                }
            }

            try
            {
                output.Flush();
                return true;
            }
            catch (ConnectionLostException)
            {
                return false;
            }
        }

        private bool ReplyError(HttpResponse response, HttpException error)
        {
            if (response.HeadersSent)
            {
                // Too late for an error reply: cut the response short so that the client sees it is incomplete.
                response.Abort();
                return false;
            }

            try
            {
                response.SendErrorReply(error);
                return true;
            }
            catch (ConnectionLostException)
            {
                return false;
            }
        }

        /// <summary>Answers an error found before the request could be read whole, then closes.</summary>
        private void ReplyAndClose(HttpException error)
        {
            try
            {
                HttpResponse response = new HttpResponse(output, options, false, true, false, null, null);
                response.SendErrorReply(error);
                output.Flush();
                Linger();
            }
            catch (ConnectionLostException)
            {
                // The peer went away.
            }
        }

        /// <summary>Reads and drops what the client still sends for a moment, so that it gets the reply, not a reset.</summary>
        private void Linger()
        {
            if (options.LingerMilliseconds > 0 && !output.Failed)
            {
                input.SetDeadline(options.LingerMilliseconds, null);
                input.Linger(options.LingerMaxBytes);
            }
        }

        private byte[] Scratch()
        {
            if (scratch == null)
            {
                scratch = new byte[512];
            }

            return scratch;
        }

        private void SetIdle(bool value)
        {
            lock (sync)
            {
                idle = value;
            }
        }
    }
}
