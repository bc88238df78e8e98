using System;
using System.IO;

namespace ThaliNano.Http.Bodies
{
    /// <summary>The parts of Stream that the server's one-way, unseekable body streams share.</summary>
    internal abstract class ForwardOnlyStream : Stream
    {
        public override bool CanSeek
        {
            get { return false; }
        }

        public override long Length
        {
            get { throw new NotSupportedException(); }
        }

        public override long Position
        {
            get { throw new NotSupportedException(); }
            set { throw new NotSupportedException(); }
        }

        public override long Seek(long offset, SeekOrigin origin)
        {
            throw new NotSupportedException();
        }

        public override void SetLength(long value)
        {
            throw new NotSupportedException();
        }

        public override int ReadByte()
        {
            byte[] one = new byte[1];
            return Read(one, 0, 1) == 1 ? one[0] : -1;
        }

#if NANOFRAMEWORK
        public override int Read(SpanByte buffer)
        {
            byte[] bytes = new byte[buffer.Length];
            int read = Read(bytes, 0, bytes.Length);
            for (int i = 0; i < read; i++)
            {
                buffer[i] = bytes[i];
            }

            return read;
        }
#endif

        protected static void CheckRange(byte[] buffer, int offset, int count)
        {
            ArgumentChecks.Range(buffer, offset, count);
        }
    }
}
