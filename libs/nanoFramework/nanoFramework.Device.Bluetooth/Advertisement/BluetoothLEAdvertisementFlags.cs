// Reference declarations of nanoFramework.Device.Bluetooth 1.1.58 (nanoframework/nanoFramework.Device.Bluetooth, nanoFramework.Device.Bluetooth/Advertisement/BluetoothLEAdvertisementFlags.cs). Signatures only; never used at run time.

using System;

namespace nanoFramework.Device.Bluetooth.Advertisement
{
    [Flags]
    public enum BluetoothLEAdvertisementFlags : uint
    {
        None = 0,
        LimitedDiscoverableMode = 1,
        GeneralDiscoverableMode = 2,
        ClassicNotSupported = 4,
        DualModeControllerCapable = 8,
        DualModeHostCapable = 16,
    }
}
