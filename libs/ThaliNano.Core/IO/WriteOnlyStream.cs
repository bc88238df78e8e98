using System;
using System.IO;

namespace ThaliNano.IO
{
    /// <summary>
    /// The parts of <see cref="Stream"/> that a forward-only sink shares: nothing to read or seek. Length and Position
    /// are not supported unless the sink counts what it was given.
    /// </summary>
    public abstract class WriteOnlyStream : Stream
    {
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

        public override void Flush()
        {
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
            return new NotSupportedException("the stream is written forward only");
        }
    }
}
