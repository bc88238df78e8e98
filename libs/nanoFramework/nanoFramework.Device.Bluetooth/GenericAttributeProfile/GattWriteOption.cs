// Reference declarations of nanoFramework.Device.Bluetooth 1.1.58 (nanoframework/nanoFramework.Device.Bluetooth, nanoFramework.Device.Bluetooth/GenericAttributeProfile/GattWriteOption.cs). Signatures only; never used at run time.

namespace nanoFramework.Device.Bluetooth.GenericAttributeProfile
{
    public enum GattWriteOption
    {
        WriteWithResponse = 0,
        WriteWithoutResponse = 1,
    }
}
