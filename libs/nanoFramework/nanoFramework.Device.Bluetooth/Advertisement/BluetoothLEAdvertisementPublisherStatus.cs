// Reference declarations of nanoFramework.Device.Bluetooth 1.1.58 (nanoframework/nanoFramework.Device.Bluetooth, nanoFramework.Device.Bluetooth/Advertisement/BluetoothLEAdvertisementPublisherStatus.cs). Signatures only; never used at run time.

namespace nanoFramework.Device.Bluetooth.Advertisement
{
    public enum BluetoothLEAdvertisementPublisherStatus
    {
        Created = 0,
        Waiting = 1,
        Started = 2,
        Stopping = 3,
        Stopped = 4,
        Aborted = 5,
    }
}
