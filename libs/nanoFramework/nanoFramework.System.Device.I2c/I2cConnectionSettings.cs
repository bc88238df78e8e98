// Reference declarations of nanoFramework.System.Device.I2c 1.1.29 (nanoframework/System.Device.I2c, System.Device.I2c/I2cConnectionSettings.cs). Signatures only; never used at run time.

namespace System.Device.I2c
{
    /// <summary>The bus and 7-bit address of one device; immutable. The two-argument constructor means FastMode.</summary>
    public sealed class I2cConnectionSettings
    {
        public I2cConnectionSettings(int busId, int deviceAddress) => throw null;
        public I2cConnectionSettings(int busId, int deviceAddress, I2cBusSpeed busSpeed) => throw null;

        public int BusId => throw null;
        public int DeviceAddress => throw null;
        public I2cBusSpeed BusSpeed => throw null;
    }
}
