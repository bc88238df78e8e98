using System;
using System.IO;

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

        private readonly ConnectionOutput output;
        private readonly HttpServerOptions options;
        private readonly bool isHead;
        private readonly bool isHttp11;
        private readonly RequestBody requestBody;
        private readonly HttpServer server;
        private readonly HttpHeaders headers = new HttpHeaders(true, 4);
        private int statusCode = 200;
        private bool keepAlive;
        private int state;
        private ResponseBodyStream body;

        internal HttpResponse(ConnectionOutput output, HttpServerOptions options, bool isHead, bool isHttp11, bool keepAlive,
            RequestBody requestBody, HttpServer server)
        {
            this.server = server;
            this.output = output;
            this.options = options;
            this.isHead = isHead;
            this.isHttp11 = isHttp11;
            this.keepAlive = keepAlive;
            this.requestBody = requestBody;
        }

        /// <summary>The final status, 200..599 (default 200); fixed once the head is sent.</summary>
        public int StatusCode
        {
            get
            {
                return statusCode;
            }

            set
            {
                CheckNotStarted();
                if (value < 200 || value > 599)
                {
                    throw new ArgumentOutOfRangeException("value", "a final status lies between 200 and 599");
                }

                statusCode = value;
            }
        }

        public HttpHeaders Headers
        {
            get { return headers; }
        }

        public bool HeadersSent
        {
            get { return state != NotStarted; }
        }

        /// <summary>Whether the connection stays open for another request after this response.</summary>
        public bool KeepAlive
        {
            get { return keepAlive; }
        }

        /// <summary>Closes the connection after this response (announced with "Connection: close" if not sent yet).</summary>
        public void CloseConnection()
        {
            keepAlive = false;
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
            if (count > 0 && HttpStatus.ForbidsBody(statusCode))
            {
                throw new InvalidOperationException("a " + statusCode.ToString() + " response has no body");
            }

            WriteHead(count, false);
            if (!isHead && count > 0)
            {
                output.Write(content, offset, count);
            }

            state = Sent;
        }

        /// <summary>Sends an error reply: Content-Type application/json and {"error":..,"reason":..}.</summary>
        public void SendError(int status, string error, string reason)
        {
            StatusCode = status;
            headers.Set("Content-Type", "application/json");
            Send(ErrorBody.Encode(error, reason));
        }

        /// <summary>
        /// Sends the head and returns a stream for a body whose size is not known in advance: chunked for HTTP/1.1,
        /// delimited by closing the connection for HTTP/1.0. Flush the stream to push what was written so far.
        /// </summary>
        public Stream BeginChunked()
        {
            CheckStreamable();
            bool chunked = isHttp11;
            if (!chunked)
            {
                keepAlive = false;
            }

            WriteHead(-1, chunked);
            return Begin(new ResponseBodyStream(output, chunked ? ResponseBodyStream.Chunked : ResponseBodyStream.UntilClose, 0, isHead));
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
            return Begin(new ResponseBodyStream(output, ResponseBodyStream.Fixed, contentLength, isHead));
        }

        /// <summary>After the handler returned: sends an empty reply if nothing was sent, ends a streamed body.</summary>
        internal void Finish()
        {
            if (state == NotStarted)
            {
                Send(null, 0, 0);
            }
            else if (state == Streaming)
            {
                body.Finish();
                if (!body.Complete)
                {
                    keepAlive = false;
                }

                state = Sent;
            }
        }

        /// <summary>Gives up on a reply that cannot be completed: nothing more is sent and the connection closes.</summary>
        internal void Abort()
        {
            keepAlive = false;
            output.Discard();
        }

        /// <summary>Replaces whatever the handler had prepared by an error reply.</summary>
        internal void SendErrorReply(HttpException error)
        {
            headers.Clear();
            if (error.CloseConnection)
            {
                keepAlive = false;
            }

            statusCode = error.StatusCode;
            SendError(error.StatusCode, error.Error, error.Reason);
        }

        private Stream Begin(ResponseBodyStream stream)
        {
            body = stream;
            state = Streaming;
            return stream;
        }

        private void CheckNotStarted()
        {
            if (state != NotStarted)
            {
                throw new InvalidOperationException("the response head was already sent");
            }
        }

        private void CheckStreamable()
        {
            CheckNotStarted();
            if (HttpStatus.ForbidsBody(statusCode))
            {
                throw new InvalidOperationException("a " + statusCode.ToString() + " response has no body");
            }
        }

        /// <param name="contentLength">The Content-Length to announce, or -1 for none.</param>
        private void WriteHead(long contentLength, bool chunked)
        {
            DecideKeepAlive();
            output.WriteLatin1("HTTP/1.1 ");
            output.WriteDecimal(statusCode);
            output.WriteByte((byte)' ');
            output.WriteLatin1(HttpStatus.ReasonPhrase(statusCode));
            output.WriteCrlf();
            if (options.ServerHeader != null)
            {
                WriteField("Server", options.ServerHeader);
            }

            for (int i = 0; i < headers.Count; i++)
            {
                WriteField(headers.NameAt(i), headers.ValueAt(i));
            }

            if (chunked)
            {
                WriteField("Transfer-Encoding", "chunked");
            }
            else if (contentLength >= 0 && !HttpStatus.ForbidsBody(statusCode))
            {
                output.WriteLatin1("Content-Length: ");
                output.WriteDecimal(contentLength);
                output.WriteCrlf();
            }

            if (!keepAlive)
            {
                WriteField("Connection", "close");
            }
            else
            {
                if (!isHttp11)
                {
                    WriteField("Connection", "keep-alive");
                }

                output.WriteLatin1("Keep-Alive: timeout=");
                output.WriteDecimal(options.IdleTimeoutMilliseconds / 1000);
                output.WriteCrlf();
            }

            output.WriteCrlf();
        }

        /// <summary>
        /// Keeps the connection only if the server is not stopping and the rest of the request body can be discarded:
        /// not when the client may still be waiting for "100 Continue", nor when more than MaxDrainBytes remain.
        /// </summary>
        private void DecideKeepAlive()
        {
            if (server != null && server.Stopping)
            {
                keepAlive = false;
            }

            if (requestBody == null)
            {
                return;
            }

            ContinueGate gate = requestBody.Gate;
            if (!requestBody.IsComplete)
            {
                long remaining = requestBody.Remaining;
                if ((gate != null && gate.Pending) || remaining > options.MaxDrainBytes)
                {
                    keepAlive = false;
                }
            }

            if (gate != null)
            {
                gate.Cancel();
            }

            requestBody.ResponseStarted();
        }

        private void WriteField(string name, string value)
        {
            output.WriteLatin1(name);
            output.WriteByte((byte)':');
            output.WriteByte((byte)' ');
            output.WriteLatin1(value);
            output.WriteCrlf();
        }
    }
}
