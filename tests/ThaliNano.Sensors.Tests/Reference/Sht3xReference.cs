namespace ThaliNano.Sensors.Tests.Reference;

/// <summary>The SHT3x datasheet's conversions (section 4.13) and their inverses, in double precision.</summary>
public static class Sht3xReference
{
    public static double Celsius(int raw) => -45.0 + 175.0 * raw / 65535.0;

    public static double RelativeHumidity(int raw) => 100.0 * raw / 65535.0;

    public static int RawTemperature(double celsius) => (int)Math.Round((celsius + 45.0) * 65535.0 / 175.0);

    public static int RawHumidity(double percent) => (int)Math.Round(percent * 65535.0 / 100.0);

    /// <summary>The datasheet's CRC-8 by its definition: polynomial division of the bits, MSB first, register preset to 0xFF.</summary>
    public static byte Crc(byte high, byte low)
    {
        int word = (high << 8) | low;
        int register = 0xFF;
        for (int bit = 15; bit >= 0; bit--)
        {
            bool top = ((register >> 7) & 1) != ((word >> bit) & 1);
            register = (register << 1) & 0xFF;
            if (top)
            {
                register ^= 0x31;
            }
        }

        return (byte)register;
    }
}
