using System;

namespace ThaliNano.Discovery
{
    /// <summary>
    /// The 16-byte plaintext under AES: device id (8) || slot (3, big-endian) || counter (4, big-endian) || hints (1).
    /// Every field is used, so the block has no redundancy for a forger to aim at: the tag alone authenticates it.
    /// </summary>
    internal static class BeaconBlock
    {
        public const int DeviceIdBytes = 8;
        public const int SlotOffset = DeviceIdBytes;
        public const int CounterOffset = SlotOffset + 3;
        public const int HintsOffset = CounterOffset + 4;

        public static void Write(byte[] block, byte[] deviceId, uint slot, uint counter, byte hints)
        {
            Array.Copy(deviceId, block, DeviceIdBytes);
            block[SlotOffset] = (byte)(slot >> 16);
            block[SlotOffset + 1] = (byte)(slot >> 8);
            block[SlotOffset + 2] = (byte)slot;
            block[CounterOffset] = (byte)(counter >> 24);
            block[CounterOffset + 1] = (byte)(counter >> 16);
            block[CounterOffset + 2] = (byte)(counter >> 8);
            block[CounterOffset + 3] = (byte)counter;
            block[HintsOffset] = hints;
        }

        public static uint Slot(byte[] block)
        {
            return ((uint)block[SlotOffset] << 16) | ((uint)block[SlotOffset + 1] << 8) | block[SlotOffset + 2];
        }

        public static uint Counter(byte[] block)
        {
            return ((uint)block[CounterOffset] << 24) | ((uint)block[CounterOffset + 1] << 16)
                | ((uint)block[CounterOffset + 2] << 8) | block[CounterOffset + 3];
        }

        /// <summary>The device id as a number, the key of the resolver's replay table.</summary>
        public static long DeviceKey(byte[] block)
        {
            long key = 0;
            for (int i = 0; i < DeviceIdBytes; i++)
            {
                key = (key << 8) | block[i];
            }

            return key;
        }
    }
}
