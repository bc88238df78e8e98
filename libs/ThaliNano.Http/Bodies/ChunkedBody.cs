using ThaliNano.Http.Parsing;
using ThaliNano.Text;

namespace ThaliNano.Http.Bodies
{
    /// <summary>
    /// De-chunks a "Transfer-Encoding: chunked" body (RFC 9112 7.1): chunk extensions are tolerated and ignored,
    /// trailer fields are checked for syntax, bounded like headers and dropped. The decoded size is bounded by
    /// <see cref="HttpServerOptions.MaxBodyBytes"/> (413).
    /// </summary>
    internal sealed class ChunkedBody : RequestBody
    {
        private const int MaxSizeDigits = 15;

        private readonly LineBuffer _line;
        private readonly HttpServerOptions _options;
        private long _chunkRemaining;
        private long _total;
        private bool _needChunkEnd;
        private bool _complete;

        public ChunkedBody(ConnectionInput input, LineBuffer line, HttpServerOptions options, ContinueGate gate)
            : base(input, gate)
        {
            this._line = line;
            this._options = options;
        }

        public override bool IsComplete
        {
            get { return _complete; }
        }

        internal override long Remaining
        {
            get { return _complete ? 0 : -1; }
        }

        protected override int ReadCore(byte[] buffer, int offset, int count)
        {
            while (_chunkRemaining == 0)
            {
                if (_needChunkEnd)
                {
                    if (Input.ReadByte() != '\r' || Input.ReadByte() != '\n')
                    {
                        throw Input.Fail(400, "chunk data is not followed by CRLF (longer than its chunk size?)");
                    }

                    _needChunkEnd = false;
                }

                long size = ReadChunkSize();
                if (size == 0)
                {
                    ReadTrailers();
                    _complete = true;
                    return 0;
                }

                if (size > _options.MaxBodyBytes - _total)
                {
                    throw Input.Fail(413, "the chunked request body exceeds " + _options.MaxBodyBytes.ToString() + " bytes");
                }

                _chunkRemaining = size;
                _total += size;
            }

            int wanted = _chunkRemaining < count ? (int)_chunkRemaining : count;
            int read = Input.Read(buffer, offset, wanted);
            if (read == 0)
            {
                throw Input.Fail(400, "the connection ended inside a chunk");
            }

            _chunkRemaining -= read;
            _needChunkEnd = _chunkRemaining == 0;
            return read;
        }

        private long ReadChunkSize()
        {
            ReadLine(_options.MaxChunkLineBytes, 400, "chunk size line");
            byte[] bytes = _line.Bytes;
            int length = _line.Length;
            long size = 0;
            int digits = 0;
            while (digits < length && Hex.DigitValue(bytes[digits]) >= 0)
            {
                if (digits == MaxSizeDigits)
                {
                    throw Input.Fail(413, "chunk size has more than " + MaxSizeDigits.ToString() + " hex digits");
                }

                size = (size << 4) | (long)Hex.DigitValue(bytes[digits]);
                digits++;
            }

            int i = digits;
            while (i < length && (bytes[i] == ' ' || bytes[i] == '\t'))
            {
                i++;
            }

            if (digits == 0 || (i < length && bytes[i] != ';'))
            {
                throw Input.Fail(400, "invalid chunk size line");
            }

            return size;
        }

        private void ReadTrailers()
        {
            int fields = 0;
            int bytesSeen = 0;
            while (true)
            {
                ReadLine(_options.MaxHeaderLineBytes, 431, "trailer line");
                int length = _line.Length;
                if (length == 0)
                {
                    return;
                }

                fields++;
                bytesSeen += length + 2;
                if (fields > _options.MaxHeaderCount)
                {
                    throw Input.Fail(431, "more than " + _options.MaxHeaderCount.ToString() + " trailer fields");
                }

                if (bytesSeen > _options.MaxHeaderBytes)
                {
                    throw Input.Fail(431, "trailer section exceeds " + _options.MaxHeaderBytes.ToString() + " bytes");
                }

                string problem = FieldLine.Check(_line.Bytes, length);
                if (problem != null)
                {
                    throw Input.Fail(400, "trailer " + problem);
                }
            }
        }

        private void ReadLine(int maxLength, int overflowStatus, string what)
        {
            if (!Input.ReadLine(_line, maxLength, overflowStatus, what))
            {
                throw Input.Fail(400, "the connection ended inside the chunked body");
            }
        }
    }
}
