namespace ThaliNano.Firmware.Status.Qr
{
    /// <summary>QR error correction: Reed-Solomon over GF(256) with the polynomial 0x11D, generator roots 2^0..2^(n-1).</summary>
    internal static class ReedSolomon
    {
        /// <summary>The error correction codewords of one block of data codewords.</summary>
        public static byte[] Remainder(byte[] data, int offset, int count, int degree)
        {
            byte[] divisor = Divisor(degree);
            byte[] result = new byte[degree];
            for (int i = 0; i < count; i++)
            {
                int factor = data[offset + i] ^ result[0];
                for (int j = 0; j < degree - 1; j++)
                {
                    result[j] = result[j + 1];
                }

                result[degree - 1] = 0;
                for (int j = 0; j < degree; j++)
                {
                    result[j] ^= Multiply(divisor[j], factor);
                }
            }

            return result;
        }

        // The generator polynomial's coefficients, highest power first, its leading 1 left out.
        private static byte[] Divisor(int degree)
        {
            byte[] divisor = new byte[degree];
            divisor[degree - 1] = 1;
            int root = 1;
            for (int i = 0; i < degree; i++)
            {
                for (int j = 0; j < degree; j++)
                {
                    divisor[j] = Multiply(divisor[j], root);
                    if (j + 1 < degree)
                    {
                        divisor[j] ^= divisor[j + 1];
                    }
                }

                root = Multiply(root, 2);
            }

            return divisor;
        }

        private static byte Multiply(int x, int y)
        {
            int z = 0;
            for (int i = 7; i >= 0; i--)
            {
                z = (z << 1) ^ ((z >> 7) * 0x11D);
                z ^= ((y >> i) & 1) * x;
            }

            return (byte)z;
        }
    }
}
