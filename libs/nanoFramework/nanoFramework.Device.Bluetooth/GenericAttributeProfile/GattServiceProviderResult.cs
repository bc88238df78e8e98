// Reference declarations of nanoFramework.Device.Bluetooth 1.1.58 (nanoframework/nanoFramework.Device.Bluetooth, nanoFramework.Device.Bluetooth/GenericAttributeProfile/GattServiceProviderResult.cs). Signatures only; never used at run time.

namespace nanoFramework.Device.Bluetooth.GenericAttributeProfile
{
    /// <summary>Upstream also implements an internal interface IGattServiceProviderResult (not declared).</summary>
    public sealed class GattServiceProviderResult
    {
        internal GattServiceProviderResult() { }

        public BluetoothError Error => throw null;
        public GattServiceProvider ServiceProvider => throw null;
    }
}
