using System;
using ThaliNano.IO;

namespace ThaliNano.Ble
{
    /// <summary>
    /// Sends one message over a <see cref="GattMessageChannel"/> as it is written: each fragment leaves as soon as it is
    /// full, so the writer holds one fragment, never the message. A message that ends within its first fragment goes out
    /// with its length like any other; a longer one declares <see cref="MessageFragments.StreamedLength"/> and ends, at
    /// <see cref="Finish"/>, with a fragment flagged <see cref="MessageFragments.LastFlag"/>. Once the connection fails or
    /// the central turns out not to listen, the rest is dropped: the handler finishes as if it had been sent.
    /// <see cref="Length"/> counts the bytes written.
    /// </summary>
    public sealed class StreamedMessageWriter : WriteOnlyStream
    {
        private readonly IGattServer _server;
        private readonly BleConnection _connection;
        private readonly GattCharacteristic _characteristic;
        private readonly int _maxPayload;
        private readonly byte _firstFlags;
        private byte[] _fragment;
        private int _count;
        private int _sent;
        private long _written;
        private bool _dropping;

        /// <param name="isError">An error reply: its text is UTF-8 (<see cref="MessageFragments.ErrorFlag"/>).</param>
        public StreamedMessageWriter(IGattServer server, BleConnection connection, GattCharacteristic characteristic, bool isError)
        {
            if (server == null || connection == null || characteristic == null)
            {
                throw new ArgumentNullException(server == null ? "server" : connection == null ? "connection" : "characteristic");
            }

            _server = server;
            _connection = connection;
            _characteristic = characteristic;
            _maxPayload = connection.MaxPayload;
            _firstFlags = isError ? (byte)(MessageFragments.FirstFlag | MessageFragments.ErrorFlag) : MessageFragments.FirstFlag;
            if (_maxPayload < MessageFragments.MinPayload)
            {
                throw new ArgumentOutOfRangeException("connection", "a fragment needs at least " + MessageFragments.MinPayload + " bytes");
            }

            _fragment = new byte[_maxPayload];
            _count = MessageFragments.FirstHeaderSize;
        }

        /// <summary>True once a fragment left: the message can no longer be replaced by an error reply.</summary>
        public bool Started
        {
            get { return _sent > 0; }
        }

        public override long Length
        {
            get { return _written; }
        }

        public override long Position
        {
            get { return _written; }
            set { throw new NotSupportedException(); }
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            ArgumentChecks.Range(buffer, offset, count);
            _written += count;
            while (count > 0)
            {
                if (_count == _maxPayload)
                {
                    SendFull();
                }

                int n = _maxPayload - _count < count ? _maxPayload - _count : count;
                Array.Copy(buffer, offset, _fragment, _count, n);
                _count += n;
                offset += n;
                count -= n;
            }
        }

        /// <summary>Sends what is left: the whole message when it fits one fragment, else its last fragment.</summary>
        public void Finish()
        {
            byte[] last = new byte[_count];
            Array.Copy(_fragment, last, _count);
            if (_sent == 0)
            {
                int length = _count - MessageFragments.FirstHeaderSize;
                last[0] = _firstFlags;
                last[1] = (byte)(length >> 8);
                last[2] = (byte)length;
            }
            else
            {
                last[0] = (byte)(MessageFragments.LastFlag | (_sent & MessageFragments.SequenceMask));
            }

            Notify(last);
            _fragment = null;
        }

        private void SendFull()
        {
            byte[] full = _fragment;
            if (_sent == 0)
            {
                full[0] = _firstFlags;
                full[1] = (byte)(MessageFragments.StreamedLength >> 8);
                full[2] = (byte)(MessageFragments.StreamedLength & 0xFF);
            }
            else
            {
                full[0] = (byte)(_sent & MessageFragments.SequenceMask);
            }

            Notify(full);
            _fragment = new byte[_maxPayload];
            _count = MessageFragments.HeaderSize;
        }

        private void Notify(byte[] fragment)
        {
            _sent++;
            if (_dropping)
            {
                return;
            }

            try
            {
                _dropping = !_server.Notify(_connection, _characteristic, fragment);
            }
            catch (BleException)
            {
                // The connection went away mid-message: the disconnect event drops its state.
                _dropping = true;
            }
        }
    }
}
