using System;
using System.IO;

namespace ThaliNano.Http
{
    /// <summary>
    /// Buffered writing to a connection's stream, each transport write under the write deadline. In chunked mode the
    /// buffer holds one chunk: its size line is filled into room kept free at the chunk's start, so a chunk leaves in
    /// one transport write (one TLS record) without a second buffer. Failures become <see cref="ConnectionLostException"/>.
    /// </summary>
    internal sealed class ConnectionOutput
    {
        /// <summary>Room for the longest chunk-size line: 8 hex digits and CRLF.</summary>
        private const int ChunkHeaderRoom = 10;

        private static readonly byte[] LastChunk = { (byte)'0', (byte)'\r', (byte)'\n', (byte)'\r', (byte)'\n' };

        private readonly Stream stream;
        private readonly ConnectionWatch watch;
        private readonly IClock clock;
        private readonly int writeTimeout;
        private readonly byte[] buffer;
        private int count;
        private bool chunked;
        private int chunkStart;
        private bool failed;

        public ConnectionOutput(Stream stream, ConnectionWatch watch, IClock clock, int writeTimeout, int bufferBytes)
        {
            this.stream = stream;
            this.watch = watch;
            this.clock = clock;
            this.writeTimeout = writeTimeout;
            buffer = new byte[bufferBytes];
            if (stream.CanTimeout)
            {
                try
                {
                    stream.WriteTimeout = writeTimeout;
                }
                catch (InvalidOperationException)
                {
                    // The watchdog still enforces the deadline.
                }
            }
        }

        public bool Failed
        {
            get { return failed; }
        }

        public void Write(byte[] source, int offset, int length)
        {
            while (length > 0)
            {
                int room = buffer.Length - (chunked ? 2 : 0) - count;
                if (room <= 0)
                {
                    Send();
                    continue;
                }

                if (!chunked && count == 0 && length >= buffer.Length)
                {
                    WriteStream(source, offset, length);
                    return;
                }

                int n = room < length ? room : length;
                Array.Copy(source, offset, buffer, count, n);
                count += n;
                offset += n;
                length -= n;
            }
        }

        public void WriteByte(byte value)
        {
            if (count >= buffer.Length - (chunked ? 2 : 0))
            {
                Send();
            }

            buffer[count++] = value;
        }

        /// <summary>Writes text whose characters are all below U+0100 (checked by the callers) as single bytes.</summary>
        public void WriteLatin1(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                WriteByte((byte)text[i]);
            }
        }

        /// <summary>Writes a non-negative number in decimal without allocating.</summary>
        public void WriteDecimal(long value)
        {
            long scale = 1;
            while (value / scale >= 10)
            {
                scale *= 10;
            }

            for (; scale > 0; scale /= 10)
            {
                WriteByte((byte)('0' + (value / scale) % 10));
            }
        }

        public void WriteCrlf()
        {
            WriteByte((byte)'\r');
            WriteByte((byte)'\n');
        }

        /// <summary>From here on, written bytes form chunks of a chunked body.</summary>
        public void BeginChunked()
        {
            if (buffer.Length - count < ChunkHeaderRoom + 3)
            {
                Send();
            }

            chunked = true;
            chunkStart = count;
            count += ChunkHeaderRoom;
        }

        /// <summary>Sends the pending chunk and the last chunk (no trailers), back in plain mode.</summary>
        public void EndChunked()
        {
            Send();
            chunked = false;
            count -= ChunkHeaderRoom;
            Write(LastChunk, 0, LastChunk.Length);
        }

        /// <summary>Sends everything buffered (the pending chunk too) and flushes the transport.</summary>
        public void Flush()
        {
            Send();
            if (failed)
            {
                throw new ConnectionLostException("writing to the connection failed", null);
            }

            try
            {
                watch.SetWriteDeadline(clock.Milliseconds + writeTimeout);
                stream.Flush();
            }
            catch (Exception e)
            {
                failed = true;
                throw new ConnectionLostException("flushing the connection failed", e);
            }
            finally
            {
                watch.SetWriteDeadline(0);
            }
        }

        /// <summary>Drops whatever is buffered (the connection is being abandoned).</summary>
        public void Discard()
        {
            count = 0;
            chunked = false;
        }

        private void Send()
        {
            int from = 0;
            if (chunked)
            {
                int data = count - chunkStart - ChunkHeaderRoom;
                if (data == 0)
                {
                    if (chunkStart > 0)
                    {
                        WriteStream(buffer, 0, chunkStart);
                    }

                    chunkStart = 0;
                    count = ChunkHeaderRoom;
                    return;
                }

                from = FrameChunk(data);
            }

            if (count > from)
            {
                WriteStream(buffer, from, count - from);
            }

            count = 0;
            if (chunked)
            {
                chunkStart = 0;
                count = ChunkHeaderRoom;
            }
        }

        /// <summary>Writes the size line before the chunk's data and CRLF after it; returns where sending starts.</summary>
        private int FrameChunk(int data)
        {
            int digits = 1;
            while ((data >> (4 * digits)) != 0)
            {
                digits++;
            }

            int headerStart = chunkStart + ChunkHeaderRoom - digits - 2;
            for (int i = 0; i < digits; i++)
            {
                int nibble = (data >> (4 * (digits - 1 - i))) & 0xF;
                buffer[headerStart + i] = (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
            }

            buffer[headerStart + digits] = (byte)'\r';
            buffer[headerStart + digits + 1] = (byte)'\n';
            buffer[count++] = (byte)'\r';
            buffer[count++] = (byte)'\n';

            // Close the gap between bytes before the chunk (a response head) and the size line.
            int gap = headerStart - chunkStart;
            if (chunkStart > 0 && gap > 0)
            {
                Array.Copy(buffer, 0, buffer, gap, chunkStart);
            }

            return gap;
        }

        private void WriteStream(byte[] source, int offset, int length)
        {
            if (failed)
            {
                throw new ConnectionLostException("writing to the connection failed", null);
            }

            try
            {
                watch.SetWriteDeadline(clock.Milliseconds + writeTimeout);
                stream.Write(source, offset, length);
            }
            catch (Exception e)
            {
                failed = true;
                throw new ConnectionLostException("writing to the connection failed", e);
            }
            finally
            {
                watch.SetWriteDeadline(0);
            }
        }
    }
}
