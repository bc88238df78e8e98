using System;
using System.IO;
using ThaliNano.Hashing;
using ThaliNano.Http;
using ThaliNano.Identity;

namespace ThaliNano.Firmware
{
    /// <summary>
    /// A request body that must hash to the digest its ThaliKey proof signed. It hashes every byte it reads and holds
    /// the last one back until the body has ended and the digest matched, so a reader never sees a whole body that
    /// fails it: the read that would complete such a body throws a 400 <see cref="HttpException"/> instead (as does
    /// every later read). Content-Length and chunked bodies alike (it sees the de-chunked bytes).
    /// </summary>
    public sealed class VerifiedBody : Stream
    {
        public const string MismatchReason = "the request body does not match the body digest its ThaliKey proof signed";

        private readonly Stream _inner;
        private readonly byte[] _expected;
        private readonly Sha256 _hash = new Sha256();
        private readonly byte[] _one = new byte[1];
        private int _held = -1;
        private bool _ended;
        private bool _mismatched;

        public VerifiedBody(Stream inner, byte[] expectedSha256)
        {
            _inner = inner;
            _expected = expectedSha256;
        }

        /// <summary>True once the body ended with another digest than the proof's.</summary>
        public bool Mismatched
        {
            get { return _mismatched; }
        }

        public override bool CanRead
        {
            get { return true; }
        }

        public override bool CanSeek
        {
            get { return false; }
        }

        public override bool CanWrite
        {
            get { return false; }
        }

        public override long Length
        {
            get { throw ForwardOnly(); }
        }

        public override long Position
        {
            get { throw ForwardOnly(); }
            set { throw ForwardOnly(); }
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            ArgumentChecks.Range(buffer, offset, count);
            if (_mismatched)
            {
                throw Mismatch();
            }

            if (count == 0 || (_ended && _held < 0))
            {
                return 0;
            }

            if (_held < 0)
            {
                _held = ReadInnerByte();
                if (_held < 0)
                {
                    return 0;
                }
            }

            // Hand out the held byte and all but the last of the bytes read after it; that last one is held in turn.
            int read = 0;
            if (count > 1)
            {
                read = ReadInner(buffer, offset + 1, count - 1);
            }
            else
            {
                int next = ReadInnerByte();
                if (next >= 0)
                {
                    buffer[offset] = (byte)_held;
                    _held = next;
                    return 1;
                }
            }

            buffer[offset] = (byte)_held;
            if (read == 0)
            {
                _held = -1;
                return 1;
            }

            _held = buffer[offset + read];
            return read;
        }

#if NANOFRAMEWORK
        public override int Read(SpanByte buffer)
        {
            byte[] bytes = new byte[buffer.Length];
            int read = Read(bytes, 0, bytes.Length);
            new SpanByte(bytes, 0, read).CopyTo(buffer);
            return read;
        }
#endif

        public override void Write(byte[] buffer, int offset, int count)
        {
            throw ForwardOnly();
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin)
        {
            throw ForwardOnly();
        }

        public override void SetLength(long value)
        {
            throw ForwardOnly();
        }

        /// <summary>Reads from the body and hashes what came; at its end checks the digest (throws on a mismatch).</summary>
        private int ReadInner(byte[] buffer, int offset, int count)
        {
            if (_ended)
            {
                return 0;
            }

            int read = _inner.Read(buffer, offset, count);
            if (read > 0)
            {
                _hash.Append(buffer, offset, read);
                return read;
            }

            _ended = true;
            if (!HmacSha256.FixedTimeEquals(_hash.GetHashAndReset(), _expected))
            {
                _mismatched = true;
                throw Mismatch();
            }

            return 0;
        }

        private int ReadInnerByte()
        {
            return ReadInner(_one, 0, 1) == 1 ? _one[0] : -1;
        }

        private static NotSupportedException ForwardOnly()
        {
            return new NotSupportedException("a verified request body is read forward only");
        }

        private static HttpException Mismatch()
        {
            return new HttpException(400, "bad_request", MismatchReason);
        }
    }
}
