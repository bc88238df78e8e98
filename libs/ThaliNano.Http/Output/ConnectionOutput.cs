using System;
using System.IO;
using ThaliNano.Http.Connections;
using ThaliNano.Http.Parsing;

namespace ThaliNano.Http.Output
{
    /// <summary>
    /// Buffered writing to a connection's stream, each transport write under the write deadline. In chunked mode the
    /// buffer holds one chunk: its size line is filled into room kept free at the chunk's start, so a chunk leaves in
    /// one transport write (one TLS record) without a second buffer. Failures become <see cref="ConnectionLostException"/>.
    /// The buffer is made by the first write and given back between requests (<see cref="ReleaseBuffer"/>), so a
    /// connection waiting for its next request, or for its turn, holds none.
    /// </summary>
    internal sealed class ConnectionOutput
    {
        /// <summary>Room for the longest chunk-size line: 8 hex digits and CRLF.</summary>
        private const int ChunkHeaderRoom = 10;

        private static readonly byte[] s_lastChunk = { (byte)'0', (byte)'\r', (byte)'\n', (byte)'\r', (byte)'\n' };

        private readonly Stream _stream;
        private readonly ConnectionWatch _watch;
        private readonly IClock _clock;
        private readonly int _writeTimeout;
        private readonly int _bufferBytes;
        private byte[] _buffer;
        private int _count;
        private bool _chunked;
        private int _chunkStart;
        private bool _failed;

        public ConnectionOutput(Stream stream, ConnectionWatch watch, IClock clock, int writeTimeout, int bufferBytes)
        {
            this._stream = stream;
            this._watch = watch;
            this._clock = clock;
            this._writeTimeout = writeTimeout;
            _bufferBytes = bufferBytes;
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
            get { return _failed; }
        }

        /// <summary>True while the output holds its buffer.</summary>
        public bool HoldsBuffer
        {
            get { return _buffer != null; }
        }

        public void Write(byte[] source, int offset, int length)
        {
            while (length > 0)
            {
                int room = _bufferBytes - (_chunked ? 2 : 0) - _count;
                if (room <= 0)
                {
                    Send();
                    continue;
                }

                if (!_chunked && _count == 0 && length >= _bufferBytes)
                {
                    WriteStream(source, offset, length);
                    return;
                }

                int n = room < length ? room : length;
                Array.Copy(source, offset, Buffer(), _count, n);
                _count += n;
                offset += n;
                length -= n;
            }
        }

        public void WriteByte(byte value)
        {
            if (_count >= _bufferBytes - (_chunked ? 2 : 0))
            {
                Send();
            }

            Buffer()[_count++] = value;
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
            if (_bufferBytes - _count < ChunkHeaderRoom + 3)
            {
                Send();
            }

            Buffer();
            _chunked = true;
            _chunkStart = _count;
            _count += ChunkHeaderRoom;
        }

        /// <summary>Sends the pending chunk and the last chunk (no trailers), back in plain mode.</summary>
        public void EndChunked()
        {
            Send();
            _chunked = false;
            _count -= ChunkHeaderRoom;
            Write(s_lastChunk, 0, s_lastChunk.Length);
        }

        /// <summary>Sends everything buffered (the pending chunk too) and flushes the transport.</summary>
        public void Flush()
        {
            Send();
            if (_failed)
            {
                throw new ConnectionLostException("writing to the connection failed", null);
            }

            try
            {
                _watch.SetWriteDeadline(_clock.Milliseconds + _writeTimeout);
                _stream.Flush();
            }
            catch (Exception e)
            {
                _failed = true;
                throw new ConnectionLostException("flushing the connection failed", e);
            }
            finally
            {
                _watch.SetWriteDeadline(0);
            }
        }

        /// <summary>Gives the buffer back once everything written was sent (between requests); the next write makes a new one.</summary>
        public void ReleaseBuffer()
        {
            if (_count == 0 && !_chunked)
            {
                _buffer = null;
            }
        }

        /// <summary>Drops whatever is buffered (the connection is being abandoned).</summary>
        public void Discard()
        {
            _count = 0;
            _chunked = false;
        }

        private byte[] Buffer()
        {
            if (_buffer == null)
            {
                _buffer = new byte[_bufferBytes];
            }

            return _buffer;
        }

        private void Send()
        {
            int from = 0;
            if (_chunked)
            {
                int data = _count - _chunkStart - ChunkHeaderRoom;
                if (data == 0)
                {
                    if (_chunkStart > 0)
                    {
                        WriteStream(_buffer, 0, _chunkStart);
                    }

                    _chunkStart = 0;
                    _count = ChunkHeaderRoom;
                    return;
                }

                from = FrameChunk(data);
            }

            if (_count > from)
            {
                WriteStream(_buffer, from, _count - from);
            }

            _count = 0;
            if (_chunked)
            {
                _chunkStart = 0;
                _count = ChunkHeaderRoom;
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

            int headerStart = _chunkStart + ChunkHeaderRoom - digits - 2;
            for (int i = 0; i < digits; i++)
            {
                int nibble = (data >> (4 * (digits - 1 - i))) & 0xF;
                _buffer[headerStart + i] = (byte)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
            }

            _buffer[headerStart + digits] = (byte)'\r';
            _buffer[headerStart + digits + 1] = (byte)'\n';
            _buffer[_count++] = (byte)'\r';
            _buffer[_count++] = (byte)'\n';

            // Close the gap between bytes before the chunk (a response head) and the size line.
            int gap = headerStart - _chunkStart;
            if (_chunkStart > 0 && gap > 0)
            {
                Array.Copy(_buffer, 0, _buffer, gap, _chunkStart);
            }

            return gap;
        }

        private void WriteStream(byte[] source, int offset, int length)
        {
            if (_failed)
            {
                throw new ConnectionLostException("writing to the connection failed", null);
            }

            try
            {
                _watch.SetWriteDeadline(_clock.Milliseconds + _writeTimeout);
                _stream.Write(source, offset, length);
            }
            catch (Exception e)
            {
                _failed = true;
                throw new ConnectionLostException("writing to the connection failed", e);
            }
            finally
            {
                _watch.SetWriteDeadline(0);
            }
        }
    }
}
