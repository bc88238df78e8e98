using System;

namespace ThaliNano.Ble
{
    /// <summary>
    /// The central's end of one GATT connection. Calls block; every failure is a <see cref="BleException"/> with the
    /// reason (disconnected, no such characteristic, not permitted, value longer than <see cref="BleConnection.MaxPayload"/>).
    /// </summary>
    public interface IGattClient
    {
        BleConnection Connection { get; }

        /// <param name="withResponse">True: returns after the peripheral acknowledged. False: returns once queued.</param>
        void Write(Guid service, Guid characteristic, byte[] value, bool withResponse);

        byte[] Read(Guid service, Guid characteristic);

        /// <summary>Enables notifications of the characteristic and routes them to <paramref name="handler"/>.</summary>
        void Subscribe(Guid service, Guid characteristic, GattNotificationHandler handler);

        /// <summary>
        /// Blocks until <paramref name="condition"/> holds or <paramref name="timeout"/> has passed on the radio's clock,
        /// delivering notifications meanwhile; a lost connection ends the wait too.
        /// </summary>
        /// <returns>Whether the condition holds.</returns>
        bool WaitUntil(BleCondition condition, TimeSpan timeout);

        void Disconnect();

        event BleConnectionHandler Disconnected;
    }
}
