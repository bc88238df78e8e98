// Reference declarations of nanoFramework.Hardware.Esp32 1.6.37 (nanoframework/nanoFramework.Hardware.Esp32, nanoFramework.Hardware.Esp32/Configuration.cs). Signatures only; never used at run time.

namespace nanoFramework.Hardware.Esp32
{
    /// <summary>Routes a device function (an I2C bus's data or clock line, ...) to a GPIO pin through the ESP32's pin matrix.</summary>
    public class Configuration
    {
        public static void SetPinFunction(int pin, DeviceFunction value) => throw null;

        /// <summary>The pin a function uses; -1 when none is assigned.</summary>
        public static int GetFunctionPin(DeviceFunction function) => throw null;
    }
}
