using System;
using System.IO;
using ThaliNano.Http.Connections;

namespace ThaliNano.Http.Parsing
{
    /// <summary>
    /// Buffered reading from a connection's stream under a deadline. Bytes read ahead stay in the buffer for the next
    /// request, so body streams never hand out bytes beyond their request. Stream failures become
    /// <see cref="ConnectionLostException"/>, or a 408 <see cref="HttpException"/> when the deadline has passed.
    /// Between requests it holds no buffer (<see cref="ReleaseBuffer"/>): <see cref="WaitForRequest"/> waits for the
    /// next request's first byte in a one-byte array, and the buffer is made when the request is read.
    /// </summary>
    internal sealed class ConnectionInput
    {
        private readonly Stream _stream;
        private readonly ConnectionWatch _watch;
        private readonly IClock _clock;
        private readonly int _bufferBytes;
        private readonly byte[] _firstByte = new byte[1];
        private byte[] _buffer;
        private bool _holdsFirstByte;
        private int _start;
        private int _end;
        private bool _endOfStream;
        private long _deadline;
        private string _phase;
        private int _phaseMilliseconds;
        private bool _broken;

        public ConnectionInput(Stream stream, ConnectionWatch watch, IClock clock, int bufferBytes)
        {
            this._stream = stream;
            this._watch = watch;
            this._clock = clock;
            _bufferBytes = bufferBytes;
        }

        /// <summary>Bytes already read from the stream and not yet consumed.</summary>
        public int Available
        {
            get { return _end - _start + (_holdsFirstByte ? 1 : 0); }
        }

        /// <summary>True while the input holds its buffer.</summary>
        public bool HoldsBuffer
        {
            get { return _buffer != null; }
        }

        /// <summary>True once framing or the transport failed: the connection must not serve another request.</summary>
        public bool Broken
        {
            get { return _broken; }
        }

        public void MarkBroken()
        {
            _broken = true;
        }

        /// <summary>
        /// Starts a phase that must end within <paramref name="milliseconds"/>. When it does not, the reply is a 408
        /// "<paramref name="phase"/> not received within N ms"; a null phase ends silently (an idle connection).
        /// </summary>
        public void SetDeadline(int milliseconds, string phase)
        {
            _deadline = _clock.Milliseconds + milliseconds;
            this._phase = phase;
            _phaseMilliseconds = milliseconds;
            _watch.SetReadDeadline(_deadline);
            if (_stream.CanTimeout)
            {
                try
                {
                    _stream.ReadTimeout = milliseconds;
                }
                catch (InvalidOperationException)
                {
                    // The watchdog still enforces the deadline.
                }
            }
        }

        public void ClearDeadline()
        {
            _deadline = 0;
            _watch.SetReadDeadline(0);
        }

        /// <summary>
        /// Waits for the next request's first byte; false at the end of the stream. Without a buffer, the byte waits in
        /// a one-byte array until the request is read.
        /// </summary>
        public bool WaitForRequest()
        {
            if (_buffer != null || _holdsFirstByte)
            {
                return Fill();
            }

            if (_endOfStream)
            {
                return false;
            }

            if (ReadStream(_firstByte, 0, 1) <= 0)
            {
                _endOfStream = true;
                return false;
            }

            _holdsFirstByte = true;
            return true;
        }

        /// <summary>Gives the buffer back when nothing is buffered (between requests); the next read makes a new one.</summary>
        public void ReleaseBuffer()
        {
            if (_start == _end && !_holdsFirstByte)
            {
                _buffer = null;
                _start = 0;
                _end = 0;
            }
        }

        /// <summary>Reads more bytes when none are buffered; false at the end of the stream.</summary>
        public bool Fill()
        {
            EnsureBuffer();
            if (_start < _end)
            {
                return true;
            }

            if (_endOfStream)
            {
                return false;
            }

            _start = 0;
            _end = 0;
            int read = ReadStream(_buffer, 0, _buffer.Length);
            if (read <= 0)
            {
                _endOfStream = true;
                return false;
            }

            _end = read;
            return true;
        }

        /// <summary>The next byte, or -1 at the end of the stream.</summary>
        public int ReadByte()
        {
            return Fill() ? _buffer[_start++] : -1;
        }

        /// <summary>Up to <paramref name="count"/> bytes; 0 only at the end of the stream.</summary>
        public int Read(byte[] destination, int offset, int count)
        {
            if (count <= 0)
            {
                return 0;
            }

            EnsureBuffer();
            if (_start == _end && count >= _bufferBytes && !_endOfStream)
            {
                int direct = ReadStream(destination, offset, count);
                if (direct <= 0)
                {
                    _endOfStream = true;
                    return 0;
                }

                return direct;
            }

            if (!Fill())
            {
                return 0;
            }

            int n = _end - _start < count ? _end - _start : count;
            Array.Copy(_buffer, _start, destination, offset, n);
            _start += n;
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

                    _broken = true;
                    throw new ConnectionLostException("the connection ended inside a " + what, null);
                }

                any = true;
                int lf = IndexOf(_buffer, (byte)'\n', _start, _end);
                int stop = lf < 0 ? _end : lf;
                if (!line.Append(_buffer, _start, stop - _start, maxLength + 1))
                {
                    throw Fail(overflowStatus, what + " exceeds " + maxLength.ToString() + " bytes");
                }

                _start = lf < 0 ? _end : lf + 1;
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
                int dropped = _end - _start;
                _start = _end;
                while (dropped < maxBytes && _deadline != 0 && _clock.Milliseconds < _deadline && Fill())
                {
                    dropped += _end - _start;
                    _start = _end;
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
            _broken = true;
            return HttpException.Fatal(status, reason);
        }

        private void EnsureBuffer()
        {
            if (_buffer != null)
            {
                return;
            }

            _buffer = new byte[_bufferBytes];
            if (_holdsFirstByte)
            {
                _buffer[0] = _firstByte[0];
                _start = 0;
                _end = 1;
                _holdsFirstByte = false;
            }
        }

        private int ReadStream(byte[] destination, int offset, int count)
        {
            int read;
            try
            {
                read = _stream.Read(destination, offset, count);
            }
            catch (Exception e)
            {
                _broken = true;
                if (DeadlinePassed() && _phase != null)
                {
                    throw TimedOut();
                }

                throw new ConnectionLostException("reading from the connection failed", e);
            }

            if (_phase != null && DeadlinePassed())
            {
                // Bytes keep trickling in, but too slowly (slowloris).
                _broken = true;
                throw TimedOut();
            }

            return read;
        }

        private HttpException TimedOut()
        {
            return HttpException.Fatal(408, _phase + " not received within " + _phaseMilliseconds.ToString() + " ms");
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
            return _deadline != 0 && _clock.Milliseconds >= _deadline;
        }
    }
}
