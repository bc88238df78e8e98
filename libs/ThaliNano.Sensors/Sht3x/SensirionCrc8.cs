namespace ThaliNano.Sensors.Sht3x
{
    /// <summary>
    /// The checksum Sensirion sends after every 16-bit word: CRC-8, polynomial 0x31 (x^8 + x^5 + x^4 + 1),
    /// initial value 0xFF, no reflection, no final XOR (datasheet 4.12; CRC(0xBE, 0xEF) = 0x92).
    /// </summary>
    public static class SensirionCrc8
    {
        public static byte Compute(byte[] data, int offset, int count)
        {
            ArgumentChecks.Range(data, offset, count);
            int crc = 0xFF;
            for (int i = offset; i < offset + count; i++)
            {
                crc ^= data[i];
                for (int bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x31) & 0xFF : (crc << 1) & 0xFF;
                }
            }

            return (byte)crc;
        }
    }
}
