// Reference declarations of nanoFramework.Device.Bluetooth 1.1.58 (nanoframework/nanoFramework.Device.Bluetooth, nanoFramework.Device.Bluetooth/GenericAttributeProfile/GattLocalCharacteristicParameters.cs). Signatures only; never used at run time.

namespace nanoFramework.Device.Bluetooth.GenericAttributeProfile
{
    /// <summary>Protection levels and presentation formats are left out: not used here.</summary>
    public class GattLocalCharacteristicParameters
    {
        public GattLocalCharacteristicParameters() => throw null;

        public string UserDescription
        {
            get => throw null;
            set => throw null;
        }

        public Buffer StaticValue
        {
            get => throw null;
            set => throw null;
        }

        public GattCharacteristicProperties CharacteristicProperties
        {
            get => throw null;
            set => throw null;
        }
    }
}
