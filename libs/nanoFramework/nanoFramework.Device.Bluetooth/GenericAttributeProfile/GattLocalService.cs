// Reference declarations of nanoFramework.Device.Bluetooth 1.1.58 (nanoframework/nanoFramework.Device.Bluetooth, nanoFramework.Device.Bluetooth/GenericAttributeProfile/GattLocalService.cs). Signatures only; never used at run time.

using System;

namespace nanoFramework.Device.Bluetooth.GenericAttributeProfile
{
    public sealed class GattLocalService
    {
        internal GattLocalService() { }

        public GattLocalCharacteristicResult CreateCharacteristic(Guid characteristicUuid, GattLocalCharacteristicParameters parameters) => throw null;

        public GattLocalCharacteristic[] Characteristics => throw null;

        public Guid Uuid => throw null;
    }
}
