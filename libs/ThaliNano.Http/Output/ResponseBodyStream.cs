using System;
using ThaliNano.Http.Bodies;

namespace ThaliNano.Http.Output
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

        private readonly ConnectionOutput _output;
        private readonly int _mode;
        private readonly bool _discard;
        private long _remaining;
        private bool _closed;
        private bool _finished;

        public ResponseBodyStream(ConnectionOutput output, int mode, long length, bool discard)
        {
            this._output = output;
            this._mode = mode;
            this._discard = discard;
            _remaining = length;
            if (mode == Chunked && !discard)
            {
                output.BeginChunked();
            }
        }

        /// <summary>False when a declared length was not reached: the connection must close.</summary>
        public bool Complete
        {
            get { return _discard || _mode != Fixed || _remaining == 0; }
        }

        public override bool CanRead
        {
            get { return false; }
        }

        public override bool CanWrite
        {
            get { return !_closed && !_finished; }
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            CheckRange(buffer, offset, count);
            if (_closed || _finished)
            {
                throw new ObjectDisposedException("the response body is closed");
            }

            if (_mode == Fixed && count > _remaining)
            {
                throw new InvalidOperationException("the response body is longer than its Content-Length");
            }

            if (_mode == Fixed)
            {
                _remaining -= count;
            }

            if (!_discard && count > 0)
            {
                _output.Write(buffer, offset, count);
            }
        }

        /// <summary>Sends what is buffered now (a chunk, for chunked bodies): for heartbeats and continuous feeds.</summary>
        public override void Flush()
        {
            if (!_discard && !_finished)
            {
                _output.Flush();
            }
        }

        /// <summary>Ends the body (the last chunk for chunked bodies); called when the handler returns.</summary>
        internal void Finish()
        {
            if (_finished)
            {
                return;
            }

            _finished = true;
            if (_mode == Chunked && !_discard)
            {
                _output.EndChunked();
            }
        }

        protected override void Dispose(bool disposing)
        {
            _closed = true;
        }
    }
}
