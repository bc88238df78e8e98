using System;

namespace ThaliNano.Discovery
{
    /// <summary>
    /// Sizes and constants of the beacon: the manufacturer-specific data after the company id of a legacy BLE
    /// advertisement is version (1 B) || AES block (16 B) || tag (7 B); the README has the byte layout.
    /// </summary>
    public static class BeaconFormat
    {
        /// <summary>The Bluetooth SIG's company id reserved for tests (unassigned); a fleet with its own id passes it
        /// to the encoder and resolver.</summary>
        public const ushort TestCompanyId = 0xFFFF;

        public const byte Version = 1;
        public const int VersionOffset = 0;
        public const int BlockOffset = 1;
        public const int BlockBytes = AesBlockCipher.BlockSizeInBytes;
        public const int TagOffset = BlockOffset + BlockBytes;
        public const int TagBytes = 7;

        /// <summary>Manufacturer data bytes after the company id: 24.</summary>
        public const int PayloadBytes = TagOffset + TagBytes;

        /// <summary>Flags AD structure: length, type 0x01, flags.</summary>
        public const int FlagsStructureBytes = 3;

        /// <summary>Manufacturer AD structure header: length, type 0xFF.</summary>
        public const int ManufacturerHeaderBytes = 2;

        public const int CompanyIdBytes = 2;

        /// <summary>Legacy advertising data (and, separately, scan response data) holds at most 31 bytes.</summary>
        public const int LegacyAdvertisementLimit = 31;

        /// <summary>The slot length the README proposes: a beacon rotates at least every 15 minutes.</summary>
        public const int SlotSeconds = 900;

        /// <summary>Slots are 24-bit: at 15 minutes they last from 1970 until the year 2448.</summary>
        public const uint MaxSlot = 0xFFFFFF;

        /// <summary>
        /// Bytes of a legacy advertisement holding the flags structure and one manufacturer structure with
        /// <paramref name="manufacturerDataBytes"/> bytes after its company id.
        /// </summary>
        public static int LegacyAdvertisementBytes(int manufacturerDataBytes)
        {
            if (manufacturerDataBytes < 0)
            {
                throw new ArgumentOutOfRangeException("manufacturerDataBytes");
            }

            return FlagsStructureBytes + ManufacturerHeaderBytes + CompanyIdBytes + manufacturerDataBytes;
        }

        /// <summary>The <see cref="SlotSeconds"/>-long slot holding a Unix time (seconds since 1970-01-01 UTC).</summary>
        public static uint SlotAt(long unixTimeSeconds)
        {
            long slot = unixTimeSeconds / SlotSeconds;
            if (unixTimeSeconds < 0 || slot > MaxSlot)
            {
                throw new ArgumentOutOfRangeException("unixTimeSeconds", "beacon slots cover 1970 to 2448");
            }

            return (uint)slot;
        }
    }
}
