// Reference declarations of nanoFramework.Device.Bluetooth 1.1.58 (nanoframework/nanoFramework.Device.Bluetooth, nanoFramework.Device.Bluetooth/GenericAttributeProfile/GattWriteRequest.cs). Signatures only; never used at run time.

namespace nanoFramework.Device.Bluetooth.GenericAttributeProfile
{
    public class GattWriteRequest
    {
        internal GattWriteRequest() { }

        public void Respond() => throw null;
        public void RespondWithProtocolError(byte protocolError) => throw null;

        public uint Offset => throw null;

        /// <summary>Upstream always reports WriteWithResponse.</summary>
        public GattWriteOption Option => throw null;

        public Buffer Value => throw null;
    }
}
