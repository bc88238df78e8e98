using System;

namespace ThaliNano.Discovery
{
    /// <summary>
    /// What a device tells its fleet, encrypted, in every beacon: one byte. Bit 0-2 bundles waiting (0-7, 7 meaning
    /// "7 or more"), bits 3-4 storage pressure (0-3), bit 5 pairing mode, bits 6-7 battery level (0-3).
    /// </summary>
    public sealed class BeaconHints
    {
        public const int MaxBundlesWaiting = 7;
        public const int MaxStoragePressure = 3;
        public const int MaxBatteryLevel = 3;

        /// <param name="bundlesWaiting">bundles queued for the fleet; report min(count, 7)</param>
        /// <param name="storagePressure">0 plenty free, 1 over half used, 2 nearly full, 3 full (refusing writes)</param>
        /// <param name="pairingMode">the device's pairing window is open</param>
        /// <param name="batteryLevel">0 not reported (mains power or no gauge), 1 low, 2 medium, 3 high</param>
        public BeaconHints(int bundlesWaiting, int storagePressure, bool pairingMode, int batteryLevel)
        {
            BundlesWaiting = InRange(bundlesWaiting, MaxBundlesWaiting, "bundlesWaiting");
            StoragePressure = InRange(storagePressure, MaxStoragePressure, "storagePressure");
            PairingMode = pairingMode;
            BatteryLevel = InRange(batteryLevel, MaxBatteryLevel, "batteryLevel");
        }

        public int BundlesWaiting { get; }

        public int StoragePressure { get; }

        public bool PairingMode { get; }

        public int BatteryLevel { get; }

        internal byte ToByte()
        {
            return (byte)(BundlesWaiting | (StoragePressure << 3) | ((PairingMode ? 1 : 0) << 5) | (BatteryLevel << 6));
        }

        internal static BeaconHints FromByte(byte value)
        {
            return new BeaconHints(value & 0x07, (value >> 3) & 0x03, ((value >> 5) & 0x01) == 1, (value >> 6) & 0x03);
        }

        private static int InRange(int value, int max, string name)
        {
            if (value < 0 || value > max)
            {
                throw new ArgumentOutOfRangeException(name, name + " must be 0 to " + max.ToString());
            }

            return value;
        }
    }
}
