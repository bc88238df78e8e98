using ThaliNano.Hashing;

namespace ThaliNano.Store.Format
{
    /// <summary>
    /// The 16-byte header of a log file: 4-byte magic, u16 format version, u16 reserved (0), u32 generation, u32
    /// CRC-32 of the first 12 bytes. A wrong magic is a foreign file, a higher version a newer format: both are refused.
    /// </summary>
    internal static class FileHeader
    {
        public const int Size = 16;
        public const int FormatVersion = 1;

        public static byte[] Build(byte[] magic, uint generation)
        {
            byte[] b = new byte[Size];
            for (int i = 0; i < 4; i++)
            {
                b[i] = magic[i];
            }

            LittleEndian.WriteUInt16(b, 4, FormatVersion);
            LittleEndian.WriteUInt32(b, 8, generation);
            LittleEndian.WriteUInt32(b, 12, Crc32.Compute(b, 0, 12));
            return b;
        }

        /// <summary>Validates a header read from <paramref name="path"/>; returns its generation or throws.</summary>
        public static uint Check(byte[] b, int length, byte[] magic, string path)
        {
            if (length < 4 || !MagicMatches(b, magic))
            {
                throw new UnsupportedFormatException(path, "not a ThaliNano store file (wrong magic)");
            }

            if (length < Size)
            {
                throw new StoreCorruptedException(path, 0, "file header cut short");
            }

            int version = LittleEndian.ReadUInt16(b, 4);
            if (Crc32.Compute(b, 0, 12) != LittleEndian.ReadUInt32(b, 12))
            {
                throw new StoreCorruptedException(path, 0, "file header CRC mismatch");
            }

            if (version > FormatVersion)
            {
                throw new UnsupportedFormatException(path, "format version " + version.ToString() + " is newer than this firmware's " + FormatVersion.ToString());
            }

            if (version == 0)
            {
                throw new StoreCorruptedException(path, 4, "format version 0");
            }

            return LittleEndian.ReadUInt32(b, 8);
        }

        public static bool MagicMatches(byte[] b, byte[] magic)
        {
            for (int i = 0; i < 4; i++)
            {
                if (b[i] != magic[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
