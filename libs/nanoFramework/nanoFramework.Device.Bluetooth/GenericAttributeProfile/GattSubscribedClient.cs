// Reference declarations of nanoFramework.Device.Bluetooth 1.1.58 (nanoframework/nanoFramework.Device.Bluetooth, nanoFramework.Device.Bluetooth/GenericAttributeProfile/GattSubscribedClient.cs). Signatures only; never used at run time.

namespace nanoFramework.Device.Bluetooth.GenericAttributeProfile
{
    public class GattSubscribedClient
    {
        internal GattSubscribedClient() { }

        /// <summary>A constant 1024 upstream, not the negotiated MTU (see GattSession.MaxMtuSize).</summary>
        public ushort MaxNotificationSize => throw null;

        public GattSession Session => throw null;
    }
}
