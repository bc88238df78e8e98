// Reference declarations of nanoFramework.Device.Bluetooth 1.1.58 (nanoframework/nanoFramework.Device.Bluetooth, nanoFramework.Device.Bluetooth/BluetoothDeviceId.cs). Signatures only; never used at run time.

namespace nanoFramework.Device.Bluetooth
{
    public sealed class BluetoothDeviceId
    {
        internal BluetoothDeviceId() { }

        public static BluetoothDeviceId FromId(int deviceId) => throw null;

        /// <summary>The connection handle of the peer.</summary>
        public int Id => throw null;

        public bool IsClassicDevice => throw null;
        public bool IsLowEnergyDevice => throw null;
    }
}
