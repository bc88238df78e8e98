// Reference declarations of nanoFramework.Device.Bluetooth 1.1.58 (nanoframework/nanoFramework.Device.Bluetooth, nanoFramework.Device.Bluetooth/GenericAttributeProfile/GattReadRequest.cs). Signatures only; never used at run time.

namespace nanoFramework.Device.Bluetooth.GenericAttributeProfile
{
    public class GattReadRequest
    {
        internal GattReadRequest() { }

        public void RespondWithValue(Buffer value) => throw null;
        public void RespondWithProtocolError(byte protocolError) => throw null;

        public uint Length => throw null;
    }
}
