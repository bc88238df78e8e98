using System;

namespace ThaliNano.Http
{
    /// <summary>
    /// The body of a streamed response: chunked, of a declared length, or until the connection closes (HTTP/1.0).
    /// For HEAD requests the bytes are dropped. Closing or disposing it does not end the response; returning from the
    /// handler does, so that a handler failing mid-stream never produces a body that looks complete.
    /// </summary>
    internal sealed class ResponseBodyStream : ForwardOnlyStream
    {
        public const int Fixed = 0;
        public const int Chunked = 1;
        public const int UntilClose = 2;

        private readonly ConnectionOutput output;
        private readonly int mode;
        private readonly bool discard;
        private long remaining;
        private bool closed;
        private bool finished;

        public ResponseBodyStream(ConnectionOutput output, int mode, long length, bool discard)
        {
            this.output = output;
            this.mode = mode;
            this.discard = discard;
            remaining = length;
            if (mode == Chunked && !discard)
            {
                output.BeginChunked();
            }
        }

        /// <summary>False when a declared length was not reached: the connection must close.</summary>
        public bool Complete
        {
            get { return discard || mode != Fixed || remaining == 0; }
        }

        public override bool CanRead
        {
            get { return false; }
        }

        public override bool CanWrite
        {
            get { return !closed && !finished; }
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            CheckRange(buffer, offset, count);
            if (closed || finished)
            {
                throw new ObjectDisposedException("the response body is closed");
            }

            if (mode == Fixed && count > remaining)
            {
                throw new InvalidOperationException("the response body is longer than its Content-Length");
            }

            if (mode == Fixed)
            {
                remaining -= count;
            }

            if (!discard && count > 0)
            {
                output.Write(buffer, offset, count);
            }
        }

        /// <summary>Sends what is buffered now (a chunk, for chunked bodies): for heartbeats and continuous feeds.</summary>
        public override void Flush()
        {
            if (!discard && !finished)
            {
                output.Flush();
            }
        }

        /// <summary>Ends the body (the last chunk for chunked bodies); called when the handler returns.</summary>
        internal void Finish()
        {
            if (finished)
            {
                return;
            }

            finished = true;
            if (mode == Chunked && !discard)
            {
                output.EndChunked();
            }
        }

        protected override void Dispose(bool disposing)
        {
            closed = true;
        }
    }
}
