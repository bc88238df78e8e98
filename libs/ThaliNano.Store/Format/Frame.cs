using ThaliNano.Hashing;

namespace ThaliNano.Store.Format
{
    /// <summary>How a frame read at some offset of a log turned out.</summary>
    internal enum FrameStatus
    {
        /// <summary>A whole frame whose checks pass.</summary>
        Ok,

        /// <summary>The offset is exactly the end of the file.</summary>
        End,

        /// <summary>The file ends inside the frame (a header that fits and checks, but not all its bytes): a torn write.</summary>
        Torn,

        /// <summary>Bytes are there but fail a check: not explainable by a power cut.</summary>
        Corrupt,
    }

    /// <summary>
    /// The framing of every log record: u32 payload length, u16 header check (low half of the CRC-32 of the length),
    /// payload, u32 CRC-32 of the payload. The header check tells a torn tail (the file ends inside a frame whose
    /// length is intact) from a damaged length (which would otherwise look like a torn tail and be cut off).
    /// </summary>
    internal static class Frame
    {
        public const int HeaderSize = 6;
        public const int TrailerSize = 4;
        public const int Overhead = HeaderSize + TrailerSize;
        public const int MaxPayload = 0x00FFFFFF;

        /// <summary>Writes header and trailer around a payload already placed at frameStart + HeaderSize.</summary>
        public static void Seal(byte[] b, int frameStart, int payloadLength)
        {
            LittleEndian.WriteUInt32(b, frameStart, (uint)payloadLength);
            LittleEndian.WriteUInt16(b, frameStart + 4, (int)(Crc32.Compute(b, frameStart, 4) & 0xFFFF));
            uint crc = Crc32.Compute(b, frameStart + HeaderSize, payloadLength);
            LittleEndian.WriteUInt32(b, frameStart + HeaderSize + payloadLength, crc);
        }

        /// <summary>Checks a 6-byte header; gives the payload length when it is sound.</summary>
        public static bool TryReadHeader(byte[] b, int offset, out int payloadLength)
        {
            uint length = LittleEndian.ReadUInt32(b, offset);
            payloadLength = 0;
            if ((Crc32.Compute(b, offset, 4) & 0xFFFF) != (uint)LittleEndian.ReadUInt16(b, offset + 4))
            {
                return false;
            }

            if (length == 0 || length > MaxPayload)
            {
                return false;
            }

            payloadLength = (int)length;
            return true;
        }

        /// <summary>Checks the CRC of a payload followed by its 4-byte trailer.</summary>
        public static bool PayloadMatches(byte[] b, int payloadOffset, int payloadLength)
        {
            uint stored = LittleEndian.ReadUInt32(b, payloadOffset + payloadLength);
            return Crc32.Compute(b, payloadOffset, payloadLength) == stored;
        }
    }
}
