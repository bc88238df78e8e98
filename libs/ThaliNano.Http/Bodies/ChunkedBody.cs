namespace ThaliNano.Http
{
    /// <summary>
    /// De-chunks a "Transfer-Encoding: chunked" body (RFC 9112 7.1): chunk extensions are tolerated and ignored,
    /// trailer fields are checked for syntax, bounded like headers and dropped. The decoded size is bounded by
    /// <see cref="HttpServerOptions.MaxBodyBytes"/> (413).
    /// </summary>
    internal sealed class ChunkedBody : RequestBody
    {
        private const int MaxSizeDigits = 15;

        private readonly LineBuffer line;
        private readonly HttpServerOptions options;
        private long chunkRemaining;
        private long total;
        private bool needChunkEnd;
        private bool complete;

        public ChunkedBody(ConnectionInput input, LineBuffer line, HttpServerOptions options, ContinueGate gate)
            : base(input, gate)
        {
            this.line = line;
            this.options = options;
        }

        public override bool IsComplete
        {
            get { return complete; }
        }

        internal override long Remaining
        {
            get { return complete ? 0 : -1; }
        }

        protected override int ReadCore(byte[] buffer, int offset, int count)
        {
            while (chunkRemaining == 0)
            {
                if (needChunkEnd)
                {
                    if (Input.ReadByte() != '\r' || Input.ReadByte() != '\n')
                    {
                        throw Input.Fail(400, "chunk data is not followed by CRLF (longer than its chunk size?)");
                    }

                    needChunkEnd = false;
                }

                long size = ReadChunkSize();
                if (size == 0)
                {
                    ReadTrailers();
                    complete = true;
                    return 0;
                }

                if (size > options.MaxBodyBytes - total)
                {
                    throw Input.Fail(413, "the chunked request body exceeds " + options.MaxBodyBytes.ToString() + " bytes");
                }

                chunkRemaining = size;
                total += size;
            }

            int wanted = chunkRemaining < count ? (int)chunkRemaining : count;
            int read = Input.Read(buffer, offset, wanted);
            if (read == 0)
            {
                throw Input.Fail(400, "the connection ended inside a chunk");
            }

            chunkRemaining -= read;
            needChunkEnd = chunkRemaining == 0;
            return read;
        }

        private long ReadChunkSize()
        {
            ReadLine(options.MaxChunkLineBytes, 400, "chunk size line");
            byte[] bytes = line.Bytes;
            int length = line.Length;
            long size = 0;
            int digits = 0;
            while (digits < length && HttpSyntax.HexValue(bytes[digits]) >= 0)
            {
                if (digits == MaxSizeDigits)
                {
                    throw Input.Fail(413, "chunk size has more than " + MaxSizeDigits.ToString() + " hex digits");
                }

                size = (size << 4) | (long)HttpSyntax.HexValue(bytes[digits]);
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
                ReadLine(options.MaxHeaderLineBytes, 431, "trailer line");
                int length = line.Length;
                if (length == 0)
                {
                    return;
                }

                fields++;
                bytesSeen += length + 2;
                if (fields > options.MaxHeaderCount)
                {
                    throw Input.Fail(431, "more than " + options.MaxHeaderCount.ToString() + " trailer fields");
                }

                if (bytesSeen > options.MaxHeaderBytes)
                {
                    throw Input.Fail(431, "trailer section exceeds " + options.MaxHeaderBytes.ToString() + " bytes");
                }

                string problem = FieldLine.Check(line.Bytes, length);
                if (problem != null)
                {
                    throw Input.Fail(400, "trailer " + problem);
                }
            }
        }

        private void ReadLine(int maxLength, int overflowStatus, string what)
        {
            if (!Input.ReadLine(line, maxLength, overflowStatus, what))
            {
                throw Input.Fail(400, "the connection ended inside the chunked body");
            }
        }
    }
}
