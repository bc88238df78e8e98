// Reference declarations of nanoFramework.Device.Bluetooth 1.1.58 (nanoframework/nanoFramework.Device.Bluetooth, nanoFramework.Device.Bluetooth/GenericAttributeProfile/GattLocalCharacteristic.cs). Signatures only; never used at run time.

using System;

namespace nanoFramework.Device.Bluetooth.GenericAttributeProfile
{
    /// <summary>Descriptors, presentation formats and protection levels are left out: not used here.</summary>
    public class GattLocalCharacteristic
    {
        internal GattLocalCharacteristic() { }

        public delegate void GattLocalCharacteristicReadEventHandler(GattLocalCharacteristic sender, GattReadRequestedEventArgs ReadRequestEventArgs);

        public delegate void GattLocalCharacteristicWriteEventHandler(GattLocalCharacteristic sender, GattWriteRequestedEventArgs WriteRequestEventArgs);

        public delegate void GattLocalCharacteristicClientsChangedEventHandler(GattLocalCharacteristic sender, object args);

        /// <summary>Notifies every subscribed client.</summary>
        public GattClientNotificationResult[] NotifyValue(Buffer value) => throw null;

        /// <summary>Copies the value into a new array for the native call.</summary>
        public GattClientNotificationResult NotifyValue(Buffer value, GattSubscribedClient subscribedClient) => throw null;

        public GattCharacteristicProperties CharacteristicProperties => throw null;

        public Buffer StaticValue => throw null;

        public GattSubscribedClient[] SubscribedClients => throw null;

        public string UserDescription => throw null;

        public Guid Uuid => throw null;

        /// <summary>Not raised when the characteristic has a StaticValue; without a handler the read is refused.</summary>
        public event GattLocalCharacteristicReadEventHandler ReadRequested
        {
            add => throw null;
            remove => throw null;
        }

        /// <summary>Without a handler the write is refused with UnlikelyError.</summary>
        public event GattLocalCharacteristicWriteEventHandler WriteRequested
        {
            add => throw null;
            remove => throw null;
        }

        public event GattLocalCharacteristicClientsChangedEventHandler SubscribedClientsChanged
        {
            add => throw null;
            remove => throw null;
        }
    }
}
