using System;
using ThaliNano.Http.Bodies;
using ThaliNano.Http.Output;
using ThaliNano.Http.Parsing;

namespace ThaliNano.Http.Connections
{
    /// <summary>
    /// Serves the requests of one connection in turn (keep-alive): reads a head, runs the handler, finishes the reply,
    /// discards what the handler left of the body, and closes when the connection can no longer be trusted.
    /// </summary>
    internal sealed class HttpSession
    {
        private const int DrainChunkBytes = 512;

        private readonly HttpServer _server;
        private readonly HttpServerOptions _options;
        private readonly IConnection _connection;
        private readonly ConnectionWatch _watch;
        private readonly object _sync = new object();
        private ConnectionInput _input;
        private ConnectionOutput _output;
        private LineBuffer _line;
        private RequestHeadParser _parser;
        private RequestTurn _turn;
        private bool _idle = true;

        /// <param name="order">Acceptance order: eviction picks the pending connection with the lowest.</param>
        public HttpSession(HttpServer server, IConnection connection, int order)
        {
            this._server = server;
            _options = server.Options;
            this._connection = connection;
            Order = order;
            _watch = new ConnectionWatch(connection);
            _watch.SetReadDeadline(_options.Clock.Milliseconds + _options.PendingTimeoutMilliseconds);
        }

        public ConnectionWatch Watch
        {
            get { return _watch; }
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
                lock (_sync)
                {
                    return _idle;
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
                session = _server.Retire(session);
            }
        }

        private void Serve()
        {
            try
            {
                _connection.Open();
                if (!_server.Opened(this))
                {
                    return;
                }

                _watch.SetReadDeadline(0);
                _input = new ConnectionInput(_connection.Stream, _watch, _options.Clock, _options.InputBufferBytes);
                _output = new ConnectionOutput(_connection.Stream, _watch, _options.Clock, _options.WriteTimeoutMilliseconds,
                    _options.OutputBufferBytes);
                _line = new LineBuffer();
                _parser = new RequestHeadParser(_options);
                _turn = new RequestTurn(_server.Turns);
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
                if (!_watch.ClosedByWatchdog && !_server.WasEvicted(this))
                {
                    _server.Log("connection failed", e);
                }
            }
            finally
            {
                _connection.Close();
            }
        }

        /// <summary>Serves one request; false when the connection is to be closed.</summary>
        private bool ServeRequest(bool first)
        {
            SetIdle(true);
            if (_server.Stopping)
            {
                return false;
            }

            _input.SetDeadline(first ? _options.HeadTimeoutMilliseconds : _options.IdleTimeoutMilliseconds, null);
            bool arrived;
            try
            {
                arrived = _input.WaitForRequest();
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

            // Waiting for a turn counts against none of the request's deadlines.
            _input.ClearDeadline();
            _turn.Take();
            try
            {
                return ServeArrived();
            }
            finally
            {
                _turn.Give();
            }
        }

        /// <summary>Serves a request whose first bytes arrived; false when the connection is to be closed.</summary>
        private bool ServeArrived()
        {
            _input.SetDeadline(_options.HeadTimeoutMilliseconds, "request head");
            HttpRequest request;
            try
            {
                request = _parser.Parse(_input, _line);
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

            _line.Shrink();
            RequestBody body = Prepare(request);
            HttpResponse response = new HttpResponse(_output, _options, request.IsHead, request.IsHttp11,
                request.WantsKeepAlive, body, _server);
            if (!Dispatch(request, response))
            {
                return false;
            }

            bool keep = response.KeepAlive && !_input.Broken && !_server.Stopping;
            try
            {
                if (keep && !body.IsComplete)
                {
                    _input.SetDeadline(_options.BodyTimeoutMilliseconds, "request body");
                }

                // Most bodies are read to the end by their handler: the drain's buffer is made only for the rest.
                keep = keep && (body.IsComplete || body.Drain(_options.MaxDrainBytes, new byte[DrainChunkBytes]));
            }
            catch (HttpException)
            {
                keep = false;
            }

            if (!keep)
            {
                if (_input.Broken || !body.IsComplete || _input.Available > 0)
                {
                    Linger();
                }

                return false;
            }

            // Between requests, and while waiting for a turn, the connection holds neither buffer.
            _input.ClearDeadline();
            _input.ReleaseBuffer();
            _output.ReleaseBuffer();
            return true;
        }

        private RequestBody Prepare(HttpRequest request)
        {
            request.DecodeTarget();
            request.TransportPrincipal = _connection.Principal;
            request.RemoteEndPoint = _connection.RemoteEndPoint;
            request.Turn = _turn;
            ContinueGate gate = request.ExpectsContinue ? new ContinueGate(_output, true) : null;
            RequestBody body = request.IsChunked
                ? (RequestBody)new ChunkedBody(_input, _line, _options, gate)
                : new ContentLengthBody(_input, request.ContentLength, gate);
            request.Body = body;
            if (body.IsComplete)
            {
                _input.ClearDeadline();
            }
            else
            {
                _input.SetDeadline(_options.BodyTimeoutMilliseconds, "request body");
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

                _server.Handler.Handle(request, response);
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
                _server.Log("the handler failed", e);
                if (!ReplyError(response, new HttpException(500, "internal_server_error", "the request could not be processed")))
                {
                    return false;
                }
            }

            try
            {
                _output.Flush();
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
                HttpResponse response = new HttpResponse(_output, _options, false, true, false, null, null);
                response.SendErrorReply(error);
                _output.Flush();
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
            if (_options.LingerMilliseconds > 0 && !_output.Failed)
            {
                _input.SetDeadline(_options.LingerMilliseconds, null);
                _input.Linger(_options.LingerMaxBytes);
            }
        }

        private void SetIdle(bool value)
        {
            lock (_sync)
            {
                _idle = value;
            }
        }
    }
}
