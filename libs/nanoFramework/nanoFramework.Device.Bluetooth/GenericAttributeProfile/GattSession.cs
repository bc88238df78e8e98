// Reference declarations of nanoFramework.Device.Bluetooth 1.1.58 (nanoframework/nanoFramework.Device.Bluetooth, nanoFramework.Device.Bluetooth/GenericAttributeProfile/GattSession.cs). Signatures only; never used at run time.

using System;

namespace nanoFramework.Device.Bluetooth.GenericAttributeProfile
{
    public class GattSession
    {
        internal GattSession() { }

        public delegate void GattSessionStatusChangedEventHandler(object sender, GattSessionStatusChangedEventArgs args);

        public event GattSessionStatusChangedEventHandler SessionStatusChanged
        {
            add => throw null;
            remove => throw null;
        }

        /// <summary>Raised when the client renegotiates the MTU (MaxMtuSize then holds the new value).</summary>
        public event EventHandler MaxPduSizeChanged
        {
            add => throw null;
            remove => throw null;
        }

        public static GattSession FromDeviceId(BluetoothDeviceId deviceId) => throw null;

        public BluetoothDeviceId DeviceId => throw null;

        public ushort MaxMtuSize => throw null;
    }
}
