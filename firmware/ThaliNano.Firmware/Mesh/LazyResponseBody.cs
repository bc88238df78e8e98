using System;
using System.IO;
using ThaliNano.Http;

namespace ThaliNano.Firmware.Mesh
{
    /// <summary>
    /// A write-only response body that sends the response head (chunked) only at its first write, so a handler can
    /// still answer with an error status while nothing was written: the contact responder writes nothing before the
    /// whole request was read and accepted.
    /// </summary>
    internal sealed class LazyResponseBody : Stream
    {
        private readonly HttpResponse _response;
        private Stream _body;

        public LazyResponseBody(HttpResponse response)
        {
            _response = response;
        }

        /// <summary>True once the head was sent.</summary>
        public bool Started
        {
            get { return _body != null; }
        }

        public override bool CanRead
        {
            get { return false; }
        }

        public override bool CanSeek
        {
            get { return false; }
        }

        public override bool CanWrite
        {
            get { return true; }
        }

        public override long Length
        {
            get { throw WriteOnly(); }
        }

        public override long Position
        {
            get { throw WriteOnly(); }
            set { throw WriteOnly(); }
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (_body == null)
            {
                _body = _response.BeginChunked();
            }

            _body.Write(buffer, offset, count);
        }

        public override void Flush()
        {
            if (_body != null)
            {
                _body.Flush();
            }
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            throw WriteOnly();
        }

#if NANOFRAMEWORK
        public override int Read(SpanByte buffer)
        {
            throw WriteOnly();
        }
#endif

        public override long Seek(long offset, SeekOrigin origin)
        {
            throw WriteOnly();
        }

        public override void SetLength(long value)
        {
            throw WriteOnly();
        }

        private static NotSupportedException WriteOnly()
        {
            return new NotSupportedException("a response body is written forward only");
        }
    }
}
