using System;

namespace ThaliNano.Ble
{
    /// <summary>
    /// A characteristic of a local GATT service: what a central may do with it, the value it reads, and the writes it
    /// receives. The driver that serves it calls <see cref="DeliverWrite"/> for each write a central makes.
    /// </summary>
    public sealed class GattCharacteristic
    {
        private byte[] _value;

        public GattCharacteristic(Guid uuid, GattCharacteristicProperties properties)
        {
            Uuid = uuid;
            Properties = properties;
            _value = new byte[0];
        }

        public Guid Uuid { get; }

        public GattCharacteristicProperties Properties { get; }

        /// <summary>What a read returns (never null; empty by default).</summary>
        public byte[] Value
        {
            get => _value;
            set => _value = value ?? new byte[0];
        }

        public bool CanRead => (Properties & GattCharacteristicProperties.Read) != 0;

        public bool CanWrite => (Properties & (GattCharacteristicProperties.Write | GattCharacteristicProperties.WriteWithoutResponse)) != 0;

        public bool CanNotify => (Properties & (GattCharacteristicProperties.Notify | GattCharacteristicProperties.Indicate)) != 0;

        public event GattWriteHandler WriteReceived;

        /// <summary>Raises <see cref="WriteReceived"/>; called by the driver serving this characteristic.</summary>
        public void DeliverWrite(BleConnection connection, byte[] value)
        {
            GattWriteHandler handler = WriteReceived;
            if (handler != null)
            {
                handler(this, connection, value);
            }
        }
    }
}
