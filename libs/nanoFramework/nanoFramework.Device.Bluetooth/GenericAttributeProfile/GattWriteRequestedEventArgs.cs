// Reference declarations of nanoFramework.Device.Bluetooth 1.1.58 (nanoframework/nanoFramework.Device.Bluetooth, nanoFramework.Device.Bluetooth/GenericAttributeProfile/GattWriteRequestedEventArgs.cs). Signatures only; never used at run time.

namespace nanoFramework.Device.Bluetooth.GenericAttributeProfile
{
    public sealed class GattWriteRequestedEventArgs
    {
        internal GattWriteRequestedEventArgs() { }

        /// <summary>Each call makes a new GattWriteRequest, which copies the value from the native layer.</summary>
        public GattWriteRequest GetRequest() => throw null;

        public GattSession Session => throw null;
    }
}
