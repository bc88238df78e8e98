// Reference declarations of nanoFramework.Device.Bluetooth 1.1.58 (nanoframework/nanoFramework.Device.Bluetooth, nanoFramework.Device.Bluetooth/GenericAttributeProfile/GattLocalCharacteristicResult.cs). Signatures only; never used at run time.

namespace nanoFramework.Device.Bluetooth.GenericAttributeProfile
{
    public sealed class GattLocalCharacteristicResult
    {
        internal GattLocalCharacteristicResult() { }

        public GattLocalCharacteristic Characteristic => throw null;
        public BluetoothError Error => throw null;
    }
}
