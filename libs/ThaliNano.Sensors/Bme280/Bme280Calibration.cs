namespace ThaliNano.Sensors.Bme280
{
    /// <summary>
    /// The trimming parameters in the BME280's non-volatile memory (datasheet table 16): dig_T1..dig_T3 and
    /// dig_P1..dig_P9 little-endian words at 0x88..0x9F, dig_H1 at 0xA1, and at 0xE1..0xE7 dig_H2 (word), dig_H3,
    /// then dig_H4 and dig_H5 as signed 12-bit values sharing 0xE5 (dig_H4 = 0xE4 &lt;&lt; 4 | 0xE5[3:0],
    /// dig_H5 = 0xE6 &lt;&lt; 4 | 0xE5[7:4], 0xE4 and 0xE6 signed), and dig_H6 (signed byte).
    /// </summary>
    public sealed class Bme280Calibration
    {
        /// <summary>Bytes of the first block, 0x88..0xA1.</summary>
        public const int FirstBlockLength = 26;

        /// <summary>Bytes of the second block, 0xE1..0xE7.</summary>
        public const int SecondBlockLength = 7;

        public int T1;
        public int T2;
        public int T3;
        public int P1;
        public int P2;
        public int P3;
        public int P4;
        public int P5;
        public int P6;
        public int P7;
        public int P8;
        public int P9;
        public int H1;
        public int H2;
        public int H3;
        public int H4;
        public int H5;
        public int H6;

        /// <summary>
        /// Decodes the two blocks. dig_T1 or dig_P1 of 0 (erased or unreadable memory; the pressure formula divides by
        /// dig_P1) is refused with <see cref="SensorFault.InvalidData"/>.
        /// </summary>
        public static Bme280Calibration Parse(byte[] first, byte[] second)
        {
            ArgumentChecks.Range(first, 0, FirstBlockLength);
            ArgumentChecks.Range(second, 0, SecondBlockLength);
            Bme280Calibration c = new Bme280Calibration();
            c.T1 = Unsigned16(first, 0);
            c.T2 = Signed16(first, 2);
            c.T3 = Signed16(first, 4);
            c.P1 = Unsigned16(first, 6);
            c.P2 = Signed16(first, 8);
            c.P3 = Signed16(first, 10);
            c.P4 = Signed16(first, 12);
            c.P5 = Signed16(first, 14);
            c.P6 = Signed16(first, 16);
            c.P7 = Signed16(first, 18);
            c.P8 = Signed16(first, 20);
            c.P9 = Signed16(first, 22);
            c.H1 = first[25];
            c.H2 = Signed16(second, 0);
            c.H3 = second[2];
            c.H4 = ((sbyte)second[3] * 16) | (second[4] & 0x0F);
            c.H5 = ((sbyte)second[5] * 16) | (second[4] >> 4);
            c.H6 = (sbyte)second[6];
            if (c.T1 == 0 || c.P1 == 0)
            {
                throw new SensorException(SensorFault.InvalidData, "BME280 calibration has dig_T1 or dig_P1 of 0: the trimming memory was not read");
            }

            return c;
        }

        private static int Unsigned16(byte[] data, int offset)
        {
            return data[offset] | (data[offset + 1] << 8);
        }

        private static int Signed16(byte[] data, int offset)
        {
            return (short)Unsigned16(data, offset);
        }
    }
}
