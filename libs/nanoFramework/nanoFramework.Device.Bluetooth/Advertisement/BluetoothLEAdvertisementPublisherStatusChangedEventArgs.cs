// Reference declarations of nanoFramework.Device.Bluetooth 1.1.58 (nanoframework/nanoFramework.Device.Bluetooth, nanoFramework.Device.Bluetooth/Advertisement/BluetoothLEAdvertisementPublisherStatusChangedEventArgs.cs). Signatures only; never used at run time.

namespace nanoFramework.Device.Bluetooth.Advertisement
{
    public class BluetoothLEAdvertisementPublisherStatusChangedEventArgs
    {
        internal BluetoothLEAdvertisementPublisherStatusChangedEventArgs() { }

        public BluetoothError Error => throw null;
        public BluetoothLEAdvertisementPublisherStatus Status => throw null;
        public short SelectedTransmitPowerLevelInDBm => throw null;
    }
}
