// Reference declarations of nanoFramework.Device.Bluetooth 1.1.58 (nanoframework/nanoFramework.Device.Bluetooth, nanoFramework.Device.Bluetooth/GenericAttributeProfile/GattServiceProviderAdvertisingParameters.cs). Signatures only; never used at run time.

using nanoFramework.Device.Bluetooth.Advertisement;

namespace nanoFramework.Device.Bluetooth.GenericAttributeProfile
{
    public class GattServiceProviderAdvertisingParameters
    {
        public GattServiceProviderAdvertisingParameters() => throw null;

        /// <summary>Sets or clears GeneralDiscoverableMode in Advertisement.Flags.</summary>
        public bool IsDiscoverable
        {
            get => throw null;
            set => throw null;
        }

        public bool IsConnectable
        {
            get => throw null;
            set => throw null;
        }

        public Buffer ServiceData
        {
            get => throw null;
            set => throw null;
        }

        public BluetoothLEAdvertisement Advertisement => throw null;

        /// <summary>
        /// True: only the sections of Advertisement are sent (setting it removes the default flags and local name
        /// sections). False (default): flags, the device name and the service UUID are added.
        /// </summary>
        public bool CustomAdvertisement
        {
            get => throw null;
            set => throw null;
        }
    }
}
