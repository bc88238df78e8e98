// Reference declarations of nanoFramework.Device.Bluetooth 1.1.58 (nanoframework/nanoFramework.Device.Bluetooth, nanoFramework.Device.Bluetooth/Advertisement/BluetoothLEAdvertisementDataSection.cs). Signatures only; never used at run time.

namespace nanoFramework.Device.Bluetooth.Advertisement
{
    public class BluetoothLEAdvertisementDataSection
    {
        public BluetoothLEAdvertisementDataSection() => throw null;
        public BluetoothLEAdvertisementDataSection(byte dataType, Buffer data) => throw null;

        public byte DataType
        {
            get => throw null;
            set => throw null;
        }

        public Buffer Data
        {
            get => throw null;
            set => throw null;
        }
    }
}
