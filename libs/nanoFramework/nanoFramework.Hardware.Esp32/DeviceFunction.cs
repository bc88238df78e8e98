// Reference declarations of nanoFramework.Hardware.Esp32 1.6.37 (nanoframework/nanoFramework.Hardware.Esp32, nanoFramework.Hardware.Esp32/DeviceTypePins.cs). Signatures only; never used at run time.

namespace nanoFramework.Hardware.Esp32
{
    /// <summary>
    /// Device functions a pin can carry. Upstream writes each value as DeviceTypes.X + (bus × 0x100) + line, with
    /// DeviceTypes.I2C = 2 × 0x10000; only the I2C members are declared here (SPI, serial, PWM, ADC, I2S and SDMMC are not used).
    /// </summary>
    public enum DeviceFunction
    {
        I2C1_DATA = 0x20100,
        I2C1_CLOCK = 0x20101,
        I2C2_DATA = 0x20200,
        I2C2_CLOCK = 0x20201,
    }
}
