// Reference declarations of nanoFramework.System.Device.I2c 1.1.29 (nanoframework/System.Device.I2c, System.Device.I2c/I2cBusSpeed.cs). Signatures only; never used at run time.

namespace System.Device.I2c
{
    public enum I2cBusSpeed
    {
        /// <summary>100 kHz.</summary>
        StandardMode,

        /// <summary>400 kHz.</summary>
        FastMode,
    }
}
