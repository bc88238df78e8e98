// Reference declarations of nanoFramework.Device.Bluetooth 1.1.58 (nanoframework/nanoFramework.Device.Bluetooth, nanoFramework.Device.Bluetooth/GenericAttributeProfile/GattClientNotificationResult.cs). Signatures only; never used at run time.

namespace nanoFramework.Device.Bluetooth.GenericAttributeProfile
{
    public sealed class GattClientNotificationResult
    {
        internal GattClientNotificationResult() { }

        public byte ProtocolError => throw null;
        public GattCommunicationStatus Status => throw null;
        public GattSubscribedClient SubscribedClient => throw null;
        public ushort BytesSent => throw null;
    }
}
