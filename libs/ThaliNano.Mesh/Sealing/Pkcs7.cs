using System;

namespace ThaliNano.Mesh.Sealing
{
    /// <summary>PKCS#7 padding to 16-byte blocks in managed code (nanoFramework's Aes pads nothing).</summary>
    internal static class Pkcs7
    {
        public const int BlockBytes = 16;

        /// <summary>The padded length of <paramref name="count"/> bytes: the next whole block, 1 to 16 bytes more.</summary>
        public static int PaddedLength(int count)
        {
            return count + BlockBytes - (count % BlockBytes);
        }

        /// <summary>Writes the padding after data[offset, +count): n bytes of value n up to <see cref="PaddedLength"/>.</summary>
        public static void WritePadding(byte[] data, int offset, int count)
        {
            ArgumentChecks.Range(data, offset, PaddedLength(count));
            int end = offset + PaddedLength(count);
            byte pad = (byte)(end - offset - count);
            for (int i = offset + count; i < end; i++)
            {
                data[i] = pad;
            }
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
