namespace ThaliNano.Sensors.I2c
{
    /// <summary>Turns a failed transfer into the driver's <see cref="SensorException"/>, naming the part, address and step.</summary>
    internal static class I2cTransfers
    {
        public static void Check(I2cStatus status, II2cChannel channel, string part, string step)
        {
            if (status == I2cStatus.Ok)
            {
                return;
            }

            SensorFault fault = status == I2cStatus.AddressNotAcknowledged || status == I2cStatus.DataNotAcknowledged
                ? SensorFault.NotAcknowledged
                : SensorFault.BusFailure;
            throw new SensorException(fault, Name(channel, part) + ": " + step + " failed (" + Describe(status) + ")");
        }

        /// <summary>"SHT3x at 0x44": how error messages name a device.</summary>
        public static string Name(II2cChannel channel, string part)
        {
            return part + " at 0x" + channel.Address.ToString("X2");
        }

        private static string Describe(I2cStatus status)
        {
            switch (status)
            {
                case I2cStatus.AddressNotAcknowledged:
                    return "address not acknowledged";
                case I2cStatus.DataNotAcknowledged:
                    return "data not acknowledged";
                case I2cStatus.ClockStretchTimeout:
                    return "clock held low past the timeout";
                default:
                    return "bus error";
            }
        }
    }
}
