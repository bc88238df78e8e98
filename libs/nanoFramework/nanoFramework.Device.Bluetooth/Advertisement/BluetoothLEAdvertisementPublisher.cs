// Reference declarations of nanoFramework.Device.Bluetooth 1.1.58 (nanoframework/nanoFramework.Device.Bluetooth, nanoFramework.Device.Bluetooth/Advertisement/BluetoothLEAdvertisementPublisher.cs). Signatures only; never used at run time.

namespace nanoFramework.Device.Bluetooth.Advertisement
{
    /// <summary>Legacy advertising only: UseExtendedAdvertisement throws where BLE 5 is missing and Start throws NotSupportedException with it.</summary>
    public class BluetoothLEAdvertisementPublisher
    {
        public BluetoothLEAdvertisementPublisher() => throw null;
        public BluetoothLEAdvertisementPublisher(BluetoothLEAdvertisement advertisement) => throw null;

        public delegate void BluetoothLEAdvertisementPublisherHandler(object sender, BluetoothLEAdvertisementPublisherStatusChangedEventArgs args);

        public event BluetoothLEAdvertisementPublisherHandler StatusChanged
        {
            add => throw null;
            remove => throw null;
        }

        public BluetoothLEAdvertisement Advertisement => throw null;

        public bool IncludeTransmitPowerLevel
        {
            get => throw null;
            set => throw null;
        }

        public bool IsAnonymous
        {
            get => throw null;
            set => throw null;
        }

        public short PreferredTransmitPowerLevelInDBm
        {
            get => throw null;
            set => throw null;
        }

        public BluetoothLEAdvertisementPublisherStatus Status => throw null;

        public bool UseExtendedAdvertisement
        {
            get => throw null;
            set => throw null;
        }

        /// <summary>Switches the stack to server mode first (stopping a watcher).</summary>
        public void Start() => throw null;

        public void Stop() => throw null;
    }
}
