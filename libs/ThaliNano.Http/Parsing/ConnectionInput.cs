using System;
using System.IO;

namespace ThaliNano.Http
{
    /// <summary>
    /// Buffered reading from a connection's stream under a deadline. Bytes read ahead stay in the buffer for the next
    /// request, so body streams never hand out bytes beyond their request. Stream failures become
    /// <see cref="ConnectionLostException"/>, or a 408 <see cref="HttpException"/> when the deadline has passed.
    /// </summary>
    internal sealed class ConnectionInput
    {
        private readonly Stream stream;
        private readonly ConnectionWatch watch;
        private readonly IClock clock;
        private readonly byte[] buffer;
        private int start;
        private int end;
        private bool endOfStream;
        private long deadline;
        private string phase;
        private int phaseMilliseconds;
        private bool broken;

        public ConnectionInput(Stream stream, ConnectionWatch watch, IClock clock, int bufferBytes)
        {
            this.stream = stream;
            this.watch = watch;
            this.clock = clock;
            buffer = new byte[bufferBytes];
        }

        /// <summary>Bytes already read from the stream and not yet consumed.</summary>
        public int Available
        {
            get { return end - start; }
        }

        /// <summary>True once framing or the transport failed: the connection must not serve another request.</summary>
        public bool Broken
        {
            get { return broken; }
        }

        public void MarkBroken()
        {
            broken = true;
        }

        /// <summary>
        /// Starts a phase that must end within <paramref name="milliseconds"/>. When it does not, the reply is a 408
        /// "<paramref name="phase"/> not received within N ms"; a null phase ends silently (an idle connection).
        /// </summary>
        public void SetDeadline(int milliseconds, string phase)
        {
            deadline = clock.Milliseconds + milliseconds;
            this.phase = phase;
            phaseMilliseconds = milliseconds;
            watch.SetReadDeadline(deadline);
            if (stream.CanTimeout)
            {
                try
                {
                    stream.ReadTimeout = milliseconds;
                }
                catch (InvalidOperationException)
                {
                    // The watchdog still enforces the deadline.
                }
            }
        }

        public void ClearDeadline()
        {
            deadline = 0;
            watch.SetReadDeadline(0);
        }

        /// <summary>Reads more bytes when none are buffered; false at the end of the stream.</summary>
        public bool Fill()
        {
            if (start < end)
            {
                return true;
            }

            if (endOfStream)
            {
                return false;
            }

            start = 0;
            end = 0;
            int read = ReadStream(buffer, 0, buffer.Length);
            if (read <= 0)
            {
                endOfStream = true;
                return false;
            }

            end = read;
            return true;
        }

        /// <summary>The next byte, or -1 at the end of the stream.</summary>
        public int ReadByte()
        {
            return Fill() ? buffer[start++] : -1;
        }

        /// <summary>Up to <paramref name="count"/> bytes; 0 only at the end of the stream.</summary>
        public int Read(byte[] destination, int offset, int count)
        {
            if (count <= 0)
            {
                return 0;
            }

            if (start == end && count >= buffer.Length && !endOfStream)
            {
                int direct = ReadStream(destination, offset, count);
                if (direct <= 0)
                {
                    endOfStream = true;
                    return 0;
                }

                return direct;
            }

            if (!Fill())
            {
                return 0;
            }

            int n = end - start < count ? end - start : count;
            Array.Copy(buffer, start, destination, offset, n);
            start += n;
            return n;
        }

        /// <summary>
        /// Reads one CRLF-terminated line into <paramref name="line"/> without its CRLF. Returns false at the end of
        /// the stream before the line's first byte. A line longer than <paramref name="maxLength"/> is answered with
        /// <paramref name="overflowStatus"/> ("<paramref name="what"/> exceeds N bytes"); a bare CR or LF with 400.
        /// </summary>
        public bool ReadLine(LineBuffer line, int maxLength, int overflowStatus, string what)
        {
            line.Length = 0;
            bool any = false;
            while (true)
            {
                if (!Fill())
                {
                    if (!any)
                    {
                        return false;
                    }

                    broken = true;
                    throw new ConnectionLostException("the connection ended inside a " + what, null);
                }

                any = true;
                int lf = IndexOf(buffer, (byte)'\n', start, end);
                int stop = lf < 0 ? end : lf;
                if (!line.Append(buffer, start, stop - start, maxLength + 1))
                {
                    throw Fail(overflowStatus, what + " exceeds " + maxLength.ToString() + " bytes");
                }

                start = lf < 0 ? end : lf + 1;
                if (lf >= 0)
                {
                    break;
                }
            }

            int length = line.Length;
            byte[] bytes = line.Bytes;
            if (length == 0 || bytes[length - 1] != (byte)'\r')
            {
                throw Fail(400, what + " ends in a bare LF (CRLF required)");
            }

            length--;
            if (IndexOf(bytes, (byte)'\r', 0, length) >= 0)
            {
                throw Fail(400, what + " holds a bare CR");
            }

            if (length > maxLength)
            {
                throw Fail(overflowStatus, what + " exceeds " + maxLength.ToString() + " bytes");
            }

            line.Length = length;
            return true;
        }

        /// <summary>
        /// Reads and drops bytes until the end of the stream, <paramref name="maxBytes"/> or the current deadline,
        /// swallowing every failure: used before closing, so the peer receives the reply rather than a reset.
        /// </summary>
        public void Linger(int maxBytes)
        {
            try
            {
                int dropped = end - start;
                start = end;
                while (dropped < maxBytes && deadline != 0 && clock.Milliseconds < deadline && Fill())
                {
                    dropped += end - start;
                    start = end;
                }
            }
            catch (Exception)
            {
                // Nothing to answer any more.
            }
        }

        /// <summary>An error that ends the connection after its reply.</summary>
        public HttpException Fail(int status, string reason)
        {
            broken = true;
            return HttpException.Fatal(status, reason);
        }

        private int ReadStream(byte[] destination, int offset, int count)
        {
            int read;
            try
            {
                read = stream.Read(destination, offset, count);
            }
            catch (Exception e)
            {
                broken = true;
                if (DeadlinePassed() && phase != null)
                {
                    throw TimedOut();
                }

                throw new ConnectionLostException("reading from the connection failed", e);
            }

            if (phase != null && DeadlinePassed())
            {
                // Bytes keep trickling in, but too slowly (slowloris).
                broken = true;
                throw TimedOut();
            }

            return read;
        }

        private HttpException TimedOut()
        {
            return HttpException.Fatal(408, phase + " not received within " + phaseMilliseconds.ToString() + " ms");
        }

        private static int IndexOf(byte[] bytes, byte value, int from, int to)
        {
            for (int i = from; i < to; i++)
            {
                if (bytes[i] == value)
                {
                    return i;
                }
            }

            return -1;
        }

        private bool DeadlinePassed()
        {
            return deadline != 0 && clock.Milliseconds >= deadline;
        }
    }
}
