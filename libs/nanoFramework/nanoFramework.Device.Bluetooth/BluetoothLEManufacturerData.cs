// Reference declarations of nanoFramework.Device.Bluetooth 1.1.58 (nanoframework/nanoFramework.Device.Bluetooth, nanoFramework.Device.Bluetooth/BluetoothLEManufacturerData.cs). Signatures only; never used at run time.

namespace nanoFramework.Device.Bluetooth.Advertisement
{
    public class BluetoothLEManufacturerData
    {
        public BluetoothLEManufacturerData() => throw null;
        public BluetoothLEManufacturerData(ushort companyId, Buffer data) => throw null;

        public Buffer Data
        {
            get => throw null;
            set => throw null;
        }

        public ushort CompanyId
        {
            get => throw null;
            set => throw null;
        }
    }
}
