// Reference declarations of nanoFramework.Device.Bluetooth 1.1.58 (nanoframework/nanoFramework.Device.Bluetooth, nanoFramework.Device.Bluetooth/GenericAttributeProfile/GattSessionStatusChangedEventArgs.cs). Signatures only; never used at run time.

namespace nanoFramework.Device.Bluetooth.GenericAttributeProfile
{
    public class GattSessionStatusChangedEventArgs
    {
        internal GattSessionStatusChangedEventArgs() { }

        public GattSessionStatus Status => throw null;
        public BluetoothError Error => throw null;
    }
}
