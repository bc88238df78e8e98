// Reference declarations of nanoFramework.Device.Bluetooth 1.1.58 (nanoframework/nanoFramework.Device.Bluetooth, nanoFramework.Device.Bluetooth/GenericAttributeProfile/GattServiceProvider.cs). Signatures only; never used at run time.

using System;

namespace nanoFramework.Device.Bluetooth.GenericAttributeProfile
{
    /// <summary>
    /// One primary service. Every provider created joins BluetoothLEServer's services (the first also adds the
    /// Device Information service); StartAdvertising initialises all of them natively and advertises through a
    /// BluetoothLEAdvertisementPublisher, so services are created before advertising starts.
    /// </summary>
    public class GattServiceProvider
    {
        internal GattServiceProvider() { }

        public static GattServiceProviderResult Create(Guid serviceUuid) => throw null;

        public GattServiceProviderAdvertisementStatus AdvertisementStatus => throw null;

        public GattLocalService Service => throw null;

        public void StartAdvertising() => throw null;

        public void StartAdvertising(GattServiceProviderAdvertisingParameters parameters) => throw null;

        public void StopAdvertising() => throw null;
    }
}
