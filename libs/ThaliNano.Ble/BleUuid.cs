using System;

namespace ThaliNano.Ble
{
    /// <summary>
    /// 128-bit UUIDs as Bluetooth sends them: the 16 bytes of the textual form, least significant first. A Guid's
    /// ToByteArray keeps its first three fields little-endian and the last eight bytes in text order.
    /// </summary>
    public static class BleUuid
    {
        // Position in ToByteArray of each wire byte: wire byte i is text byte 15 - i.
        private static readonly int[] s_wireToGuid = new int[] { 15, 14, 13, 12, 11, 10, 9, 8, 6, 7, 4, 5, 0, 1, 2, 3 };

        public static void Write(Guid uuid, byte[] destination, int offset)
        {
            byte[] guid = uuid.ToByteArray();
            for (int i = 0; i < 16; i++)
            {
                destination[offset + i] = guid[s_wireToGuid[i]];
            }
        }

        public static Guid Read(byte[] source, int offset)
        {
            byte[] guid = new byte[16];
            for (int i = 0; i < 16; i++)
            {
                guid[s_wireToGuid[i]] = source[offset + i];
            }

            return new Guid(guid);
        }
    }
}
