using System;
using ThaliNano.Http.Parsing;

namespace ThaliNano.Http.Bodies
{
    /// <summary>
    /// A request body as a read-only stream that ends exactly where the request ends. The first read sends
    /// "100 Continue" when the client asked for it. Framing errors are 4xx <see cref="HttpException"/>s that close
    /// the connection.
    /// </summary>
    internal abstract class RequestBody : ForwardOnlyStream
    {
        private readonly ContinueGate _gate;
        private long _bytesRead;

        internal RequestBody(ConnectionInput input, ContinueGate gate)
        {
            Input = input;
            this._gate = gate;
        }

        /// <summary>True once every byte of the body (and, for chunked bodies, the trailer section) has been read.</summary>
        public abstract bool IsComplete { get; }

        /// <summary>Bytes still to come, or -1 when unknown (chunked).</summary>
        internal abstract long Remaining { get; }

        /// <summary>Body bytes handed out so far.</summary>
        public long BytesRead
        {
            get { return _bytesRead; }
        }

        public override bool CanRead
        {
            get { return true; }
        }

        public override bool CanWrite
        {
            get { return false; }
        }

        internal ContinueGate Gate
        {
            get { return _gate; }
        }

        protected ConnectionInput Input { get; }

        /// <summary>
        /// The response has started: the body deadline no longer applies while the handler streams its reply (a long
        /// feed must not be cut because a few body bytes were left unread). Reads keep the stream's own ReadTimeout;
        /// the server sets a fresh deadline before it drains what is left.
        /// </summary>
        internal void ResponseStarted()
        {
            if (!IsComplete)
            {
                Input.ClearDeadline();
            }
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            CheckRange(buffer, offset, count);
            if (count == 0 || IsComplete)
            {
                return 0;
            }

            if (_gate != null)
            {
                _gate.Open();
            }

            int read = ReadCore(buffer, offset, count);
            _bytesRead += read;
            return read;
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        /// <summary>
        /// Reads and drops the rest of the body, at most <paramref name="maxBytes"/> of it; true when the body is then
        /// complete. Never reads a body the client was told to hold back (a skipped "100 Continue").
        /// </summary>
        internal bool Drain(long maxBytes, byte[] scratch)
        {
            if (IsComplete)
            {
                return true;
            }

            if (_gate != null && _gate.Skipped)
            {
                return false;
            }

            long start = _bytesRead;
            while (!IsComplete)
            {
                long left = maxBytes - (_bytesRead - start);
                if (left <= 0)
                {
                    return false;
                }

                int read = Read(scratch, 0, left < scratch.Length ? (int)left : scratch.Length);
                if (read == 0 && !IsComplete)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Reads 1..count bytes (0 only when the body just completed).</summary>
        protected abstract int ReadCore(byte[] buffer, int offset, int count);
    }
}
