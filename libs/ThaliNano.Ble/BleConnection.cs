using System;

namespace ThaliNano.Ble
{
    /// <summary>
    /// One GATT connection as either end sees it: the peer's address and the ATT MTU negotiated for it. Drivers
    /// create it, update its MTU when the peer renegotiates and close it when the link goes down.
    /// </summary>
    public sealed class BleConnection
    {
        /// <summary>The ATT MTU every connection starts with (Bluetooth Core, Vol 3 Part F 3.2.8).</summary>
        public const int DefaultMtu = 23;

        /// <summary>An ATT notification or write carries MTU - 3 bytes of value (opcode and handle).</summary>
        public const int AttHeaderSize = 3;

        private int _mtu;
        private bool _isOpen;

        public BleConnection(int id, string peerAddress, int mtu)
        {
            if (peerAddress == null)
            {
                throw new ArgumentNullException("peerAddress");
            }

            Id = id;
            PeerAddress = peerAddress;
            SetMtu(mtu);
            _isOpen = true;
        }

        /// <summary>The driver's handle for the connection, unique among the open connections of one radio.</summary>
        public int Id { get; }

        public string PeerAddress { get; }

        public int Mtu => _mtu;

        /// <summary>The most value bytes one write or notification carries on this connection.</summary>
        public int MaxPayload => _mtu - AttHeaderSize;

        public bool IsOpen => _isOpen;

        public void SetMtu(int mtu)
        {
            if (mtu < DefaultMtu || mtu > 517)
            {
                throw new ArgumentOutOfRangeException("mtu", "an ATT MTU is between 23 and 517 bytes");
            }

            _mtu = mtu;
        }

        public void Close() => _isOpen = false;
    }
}
