using ThaliNano.Sensors.Tests.Reference;

namespace ThaliNano.Sensors.Tests.Simulation;

/// <summary>Lays trimming values into the register map as the datasheet's table 16 places them (the test's own encoder).</summary>
public static class Bme280CalibrationEncoding
{
    public static void Encode(Bme280CalibrationValues c, byte[] registers)
    {
        int[] words = [c.T1, c.T2, c.T3, c.P1, c.P2, c.P3, c.P4, c.P5, c.P6, c.P7, c.P8, c.P9];
        for (int i = 0; i < words.Length; i++)
        {
            registers[0x88 + 2 * i] = (byte)(words[i] & 0xFF);
            registers[0x89 + 2 * i] = (byte)((words[i] >> 8) & 0xFF);
        }

        registers[0xA1] = (byte)c.H1;
        registers[0xE1] = (byte)(c.H2 & 0xFF);
        registers[0xE2] = (byte)((c.H2 >> 8) & 0xFF);
        registers[0xE3] = (byte)c.H3;

        // dig_H4: 0xE4 holds bits 11..4, 0xE5 bits 3..0 holds bits 3..0. dig_H5: 0xE6 holds bits 11..4, 0xE5 bits 7..4 holds bits 3..0.
        registers[0xE4] = (byte)((c.H4 >> 4) & 0xFF);
        registers[0xE5] = (byte)(((c.H5 & 0x0F) << 4) | (c.H4 & 0x0F));
        registers[0xE6] = (byte)((c.H5 >> 4) & 0xFF);
        registers[0xE7] = (byte)c.H6;
    }
}
