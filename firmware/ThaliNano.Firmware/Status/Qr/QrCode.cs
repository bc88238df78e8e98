using System;

namespace ThaliNano.Firmware.Status.Qr
{
    /// <summary>
    /// A QR code (ISO/IEC 18004) of a short byte string, made on the device for the status page: byte mode, error
    /// correction level M, versions 1 to <see cref="MaxVersion"/> (up to <see cref="MaxBytes"/> bytes: an httpkey URL of
    /// the compact form needs version 5 or 6), the mask of least penalty. Kept as one bit per module (version 5: 172 bytes);
    /// building it takes about 4 KB for a moment.
    /// </summary>
    public sealed class QrCode
    {
        /// <summary>Largest version made here: 57 x 57 modules.</summary>
        public const int MaxVersion = 10;

        /// <summary>What version 10 at level M holds in byte mode.</summary>
        public const int MaxBytes = 213;

        // Level M, by version (index 0 unused): error correction codewords per block, and blocks.
        private static readonly byte[] s_eccPerBlock = new byte[] { 0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26 };
        private static readonly byte[] s_blocks = new byte[] { 0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5 };

        private readonly int _size;
        private readonly byte[] _bits;

        private QrCode(int version, bool[] dark)
        {
            Version = version;
            _size = QrMatrix.SizeOf(version);
            _bits = new byte[((_size * _size) + 7) / 8];
            for (int i = 0; i < dark.Length; i++)
            {
                if (dark[i])
                {
                    _bits[i >> 3] |= (byte)(0x80 >> (i & 7));
                }
            }
        }

        public int Version { get; private set; }

        /// <summary>Modules per side, without the quiet zone.</summary>
        public int Size
        {
            get { return _size; }
        }

        public bool IsDark(int x, int y)
        {
            int i = (y * _size) + x;
            return (_bits[i >> 3] & (0x80 >> (i & 7))) != 0;
        }

        /// <summary>Encodes the bytes in the smallest version that holds them; throws ArgumentException past <see cref="MaxBytes"/>.</summary>
        public static QrCode Encode(byte[] data)
        {
            if (data == null)
            {
                throw new ArgumentNullException("data");
            }

            int version = 1;
            while (version <= MaxVersion && DataBits(data.Length, version) > DataCodewords(version) * 8)
            {
                version++;
            }

            if (version > MaxVersion)
            {
                throw new ArgumentException("a QR code here holds at most " + MaxBytes.ToString() + " bytes");
            }

            QrMatrix matrix = new QrMatrix(version);
            matrix.PlaceData(Interleave(version, DataCodewords(version, data)));
            matrix.ApplyBestMask();
            return new QrCode(version, matrix.Dark);
        }

        private static int DataBits(int length, int version)
        {
            return 4 + CountBits(version) + (8 * length);
        }

        private static int CountBits(int version)
        {
            return version <= 9 ? 8 : 16;
        }

        private static int DataCodewords(int version)
        {
            return QrMatrix.RawCodewords(version) - (s_eccPerBlock[version] * s_blocks[version]);
        }

        // Mode 0100, count, the bytes, a terminator of up to 4 zero bits, zero bits to a byte, then pad bytes EC 11 EC ...
        private static byte[] DataCodewords(int version, byte[] data)
        {
            byte[] codewords = new byte[DataCodewords(version)];
            int bit = 0;
            bit = Append(codewords, bit, 4, 4);
            bit = Append(codewords, bit, data.Length, CountBits(version));
            for (int i = 0; i < data.Length; i++)
            {
                bit = Append(codewords, bit, data[i], 8);
            }

            int used = (bit + 4 + 7) / 8;
            for (int i = used; i < codewords.Length; i++)
            {
                codewords[i] = (byte)(((i - used) & 1) == 0 ? 0xEC : 0x11);
            }

            return codewords;
        }

        private static int Append(byte[] codewords, int bit, int value, int count)
        {
            for (int i = count - 1; i >= 0; i--, bit++)
            {
                if (((value >> i) & 1) != 0)
                {
                    codewords[bit >> 3] |= (byte)(0x80 >> (bit & 7));
                }
            }

            return bit;
        }

        // Splits the data into blocks (the short ones first, the long ones one codeword longer), adds each block's error
        // correction, and interleaves: data codewords column by column, then error correction codewords likewise.
        private static byte[] Interleave(int version, byte[] data)
        {
            int blocks = s_blocks[version];
            int ecc = s_eccPerBlock[version];
            int raw = QrMatrix.RawCodewords(version);
            int shortBlocks = blocks - (raw % blocks);
            int shortData = (raw / blocks) - ecc;
            byte[] result = new byte[raw];
            int k = 0;
            for (int column = 0; column <= shortData; column++)
            {
                for (int b = 0; b < blocks; b++)
                {
                    if (column < shortData || b >= shortBlocks)
                    {
                        result[k++] = data[BlockStart(b, shortBlocks, shortData) + column];
                    }
                }
            }

            for (int b = 0; b < blocks; b++)
            {
                int length = shortData + (b >= shortBlocks ? 1 : 0);
                byte[] remainder = ReedSolomon.Remainder(data, BlockStart(b, shortBlocks, shortData), length, ecc);
                for (int i = 0; i < ecc; i++)
                {
                    result[k + (i * blocks) + b] = remainder[i];
                }
            }

            return result;
        }

        private static int BlockStart(int block, int shortBlocks, int shortData)
        {
            return (block * shortData) + (block > shortBlocks ? block - shortBlocks : 0);
        }
    }
}
