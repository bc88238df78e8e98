using System;
using System.IO;
using ThaliNano.Http.Bodies;
using ThaliNano.Http.Output;

namespace ThaliNano.Http
{
    /// <summary>
    /// The reply to one request: set <see cref="StatusCode"/> and <see cref="Headers"/>, then either send a small
    /// body at once (<see cref="Send(byte[], int, int)"/>, <see cref="SendError"/>) or stream one
    /// (<see cref="BeginChunked"/>, <see cref="BeginBody"/>). The server writes Content-Length, Transfer-Encoding and
    /// Connection itself. For HEAD requests the head is sent as for GET and the body dropped.
    /// </summary>
    public sealed class HttpResponse
    {
        private const int NotStarted = 0;
        private const int Streaming = 1;
        private const int Sent = 2;

        private readonly ConnectionOutput _output;
        private readonly HttpServerOptions _options;
        private readonly bool _isHead;
        private readonly bool _isHttp11;
        private readonly RequestBody _requestBody;
        private readonly HttpServer _server;
        private readonly HttpHeaders _headers = new HttpHeaders(true, 4);
        private int _statusCode = 200;
        private bool _keepAlive;
        private int _state;
        private ResponseBodyStream _body;

        internal HttpResponse(ConnectionOutput output, HttpServerOptions options, bool isHead, bool isHttp11, bool keepAlive,
            RequestBody requestBody, HttpServer server)
        {
            this._server = server;
            this._output = output;
            this._options = options;
            this._isHead = isHead;
            this._isHttp11 = isHttp11;
            this._keepAlive = keepAlive;
            this._requestBody = requestBody;
        }

        /// <summary>The final status, 200..599 (default 200); fixed once the head is sent.</summary>
        public int StatusCode
        {
            get
            {
                return _statusCode;
            }

            set
            {
                CheckNotStarted();
                if (value < 200 || value > 599)
                {
                    throw new ArgumentOutOfRangeException("value", "a final status lies between 200 and 599");
                }

                _statusCode = value;
            }
        }

        public HttpHeaders Headers
        {
            get { return _headers; }
        }

        public bool HeadersSent
        {
            get { return _state != NotStarted; }
        }

        /// <summary>Whether the connection stays open for another request after this response.</summary>
        public bool KeepAlive
        {
            get { return _keepAlive; }
        }

        /// <summary>Closes the connection after this response (announced with "Connection: close" if not sent yet).</summary>
        public void CloseConnection()
        {
            _keepAlive = false;
        }

        public void Send(byte[] content)
        {
            Send(content, 0, content == null ? 0 : content.Length);
        }

        /// <summary>Sends the head with Content-Length and the whole body.</summary>
        public void Send(byte[] content, int offset, int count)
        {
            if (count > 0)
            {
                ArgumentChecks.Range(content, offset, count);
            }

            CheckNotStarted();
            if (count > 0 && HttpStatus.ForbidsBody(_statusCode))
            {
                throw new InvalidOperationException("a " + _statusCode.ToString() + " response has no body");
            }

            WriteHead(count, false);
            if (!_isHead && count > 0)
            {
                _output.Write(content, offset, count);
            }

            _state = Sent;
        }

        /// <summary>Sends an error reply: Content-Type application/json and {"error":..,"reason":..}.</summary>
        public void SendError(int status, string error, string reason)
        {
            StatusCode = status;
            _headers.Set("Content-Type", "application/json");
            Send(ErrorBody.Encode(error, reason));
        }

        /// <summary>
        /// Sends the head and returns a stream for a body whose size is not known in advance: chunked for HTTP/1.1,
        /// delimited by closing the connection for HTTP/1.0. Flush the stream to push what was written so far.
        /// </summary>
        public Stream BeginChunked()
        {
            CheckStreamable();
            bool chunked = _isHttp11;
            if (!chunked)
            {
                _keepAlive = false;
            }

            WriteHead(-1, chunked);
            return Begin(new ResponseBodyStream(_output, chunked ? ResponseBodyStream.Chunked : ResponseBodyStream.UntilClose, 0, _isHead));
        }

        /// <summary>Sends the head with Content-Length and returns a stream that must receive exactly that many bytes.</summary>
        public Stream BeginBody(long contentLength)
        {
            if (contentLength < 0)
            {
                throw new ArgumentOutOfRangeException("contentLength");
            }

            CheckStreamable();
            WriteHead(contentLength, false);
            return Begin(new ResponseBodyStream(_output, ResponseBodyStream.Fixed, contentLength, _isHead));
        }

        /// <summary>After the handler returned: sends an empty reply if nothing was sent, ends a streamed body.</summary>
        internal void Finish()
        {
            if (_state == NotStarted)
            {
                Send(null, 0, 0);
            }
            else if (_state == Streaming)
            {
                _body.Finish();
                if (!_body.Complete)
                {
                    _keepAlive = false;
                }

                _state = Sent;
            }
        }

        /// <summary>Gives up on a reply that cannot be completed: nothing more is sent and the connection closes.</summary>
        internal void Abort()
        {
            _keepAlive = false;
            _output.Discard();
        }

        /// <summary>Replaces whatever the handler had prepared by an error reply.</summary>
        internal void SendErrorReply(HttpException error)
        {
            _headers.Clear();
            if (error.CloseConnection)
            {
                _keepAlive = false;
            }

            _statusCode = error.StatusCode;
            SendError(error.StatusCode, error.Error, error.Reason);
        }

        private Stream Begin(ResponseBodyStream stream)
        {
            _body = stream;
            _state = Streaming;
            return stream;
        }

        private void CheckNotStarted()
        {
            if (_state != NotStarted)
            {
                throw new InvalidOperationException("the response head was already sent");
            }
        }

        private void CheckStreamable()
        {
            CheckNotStarted();
            if (HttpStatus.ForbidsBody(_statusCode))
            {
                throw new InvalidOperationException("a " + _statusCode.ToString() + " response has no body");
            }
        }

        /// <param name="contentLength">The Content-Length to announce, or -1 for none.</param>
        private void WriteHead(long contentLength, bool chunked)
        {
            DecideKeepAlive();
            _output.WriteLatin1("HTTP/1.1 ");
            _output.WriteDecimal(_statusCode);
            _output.WriteByte((byte)' ');
            _output.WriteLatin1(HttpStatus.ReasonPhrase(_statusCode));
            _output.WriteCrlf();
            if (_options.ServerHeader != null)
            {
                WriteField("Server", _options.ServerHeader);
            }

            for (int i = 0; i < _headers.Count; i++)
            {
                WriteField(_headers.NameAt(i), _headers.ValueAt(i));
            }

            if (chunked)
            {
                WriteField("Transfer-Encoding", "chunked");
            }
            else if (contentLength >= 0 && !HttpStatus.ForbidsBody(_statusCode))
            {
                _output.WriteLatin1("Content-Length: ");
                _output.WriteDecimal(contentLength);
                _output.WriteCrlf();
            }

            if (!_keepAlive)
            {
                WriteField("Connection", "close");
            }
            else
            {
                if (!_isHttp11)
                {
                    WriteField("Connection", "keep-alive");
                }

                _output.WriteLatin1("Keep-Alive: timeout=");
                _output.WriteDecimal(_options.IdleTimeoutMilliseconds / 1000);
                _output.WriteCrlf();
            }

            _output.WriteCrlf();
        }

        /// <summary>
        /// Keeps the connection only if the server is not stopping and the rest of the request body can be discarded:
        /// not when the client may still be waiting for "100 Continue", nor when more than MaxDrainBytes remain.
        /// </summary>
        private void DecideKeepAlive()
        {
            if (_server != null && _server.Stopping)
            {
                _keepAlive = false;
            }

            if (_requestBody == null)
            {
                return;
            }

            ContinueGate gate = _requestBody.Gate;
            if (!_requestBody.IsComplete)
            {
                long remaining = _requestBody.Remaining;
                if ((gate != null && gate.Pending) || remaining > _options.MaxDrainBytes)
                {
                    _keepAlive = false;
                }
            }

            if (gate != null)
            {
                gate.Cancel();
            }

            _requestBody.ResponseStarted();
        }

        private void WriteField(string name, string value)
        {
            _output.WriteLatin1(name);
            _output.WriteByte((byte)':');
            _output.WriteByte((byte)' ');
            _output.WriteLatin1(value);
            _output.WriteCrlf();
        }
    }
}
