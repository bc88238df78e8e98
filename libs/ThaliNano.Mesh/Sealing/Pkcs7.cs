using System;

namespace ThaliNano.Mesh.Sealing
{
    /// <summary>PKCS#7 padding to 16-byte blocks in managed code (nanoFramework's Aes pads nothing).</summary>
    internal static class Pkcs7
    {
        public const int BlockBytes = 16;

        /// <summary>A new array: the data, then n bytes of value n (1..16) up to the next whole block.</summary>
        public static byte[] Pad(byte[] data, int offset, int count)
        {
            ArgumentChecks.Range(data, offset, count);
            int pad = BlockBytes - (count % BlockBytes);
            byte[] padded = new byte[count + pad];
            Array.Copy(data, offset, padded, 0, count);
            for (int i = count; i < padded.Length; i++)
            {
                padded[i] = (byte)pad;
            }

            return padded;
        }

        /// <summary>The length without padding, or -1 when the padding is not valid PKCS#7.</summary>
        public static int UnpaddedLength(byte[] data)
        {
            if (data == null || data.Length == 0 || data.Length % BlockBytes != 0)
            {
                return -1;
            }

            int pad = data[data.Length - 1];
            if (pad < 1 || pad > BlockBytes)
            {
                return -1;
            }

            for (int i = data.Length - pad; i < data.Length; i++)
            {
                if (data[i] != pad)
                {
                    return -1;
                }
            }

            return data.Length - pad;
        }
    }
}
