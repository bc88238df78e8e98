// Reference declarations of nanoFramework.Device.Bluetooth 1.1.58 (nanoframework/nanoFramework.Device.Bluetooth, nanoFramework.Device.Bluetooth/GenericAttributeProfile/GattReadRequestedEventArgs.cs). Signatures only; never used at run time.

namespace nanoFramework.Device.Bluetooth.GenericAttributeProfile
{
    public sealed class GattReadRequestedEventArgs
    {
        internal GattReadRequestedEventArgs() { }

        public GattReadRequest GetRequest() => throw null;

        public GattSession Session => throw null;
    }
}
