namespace ThaliNano.Ble
{
    /// <summary>
    /// The local GATT server of a peripheral. Services are added before advertising starts; centrals connect while
    /// the radio advertises connectably. Each connection has its own negotiated MTU (<see cref="BleConnection.Mtu"/>).
    /// </summary>
    public interface IGattServer
    {
        GattService[] Services { get; }

        void AddService(GattService service);

        /// <summary>
        /// Sends a notification of at most <see cref="BleConnection.MaxPayload"/> bytes to one connection; false (nothing
        /// sent) when it has not subscribed to the characteristic, as GATT only notifies subscribers.
        /// </summary>
        /// <exception cref="BleException">The connection is closed or the value is too long.</exception>
        bool Notify(BleConnection connection, GattCharacteristic characteristic, byte[] value);

        event BleConnectionHandler Connected;

        event BleConnectionHandler Disconnected;
    }
}
