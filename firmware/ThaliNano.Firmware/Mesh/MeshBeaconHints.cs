using ThaliNano.Discovery;
using ThaliNano.Mesh.Source;
using ThaliNano.Store;

namespace ThaliNano.Firmware.Mesh
{
    /// <summary>
    /// The beacon's hints from the mesh state: "bundles waiting" is what a passing carrier would get
    /// (<see cref="SourceNode.BundlesWaiting"/>, at most 7), "storage pressure" how full the store is against its limit
    /// (0 under half, 1 over half, 2 over 7/8 of what writes may use, 3 when a reading of 1 KB would be refused), so carriers stop by
    /// the sensors that need them most. Allocates the hints object only.
    /// </summary>
    public static class MeshBeaconHints
    {
        /// <param name="mesh">The mesh; null or unavailable: no bundles waiting.</param>
        /// <param name="store">The served store.</param>
        /// <param name="options">The store's options (its limit and compaction reserve); no limit: pressure 0.</param>
        public static BeaconHints For(MeshService mesh, DocumentStore store, StoreOptions options, bool pairingMode, int batteryLevel)
        {
            int waiting = mesh == null || mesh.Node == null ? 0 : mesh.Node.BundlesWaiting;
            if (waiting > BeaconHints.MaxBundlesWaiting)
            {
                waiting = BeaconHints.MaxBundlesWaiting;
            }

            return new BeaconHints(waiting, Pressure(store.UsedBytes, options), pairingMode, batteryLevel);
        }

        /// <summary>A store this close to its limit refuses a typical reading: "full".</summary>
        public const long RefusedWriteBytes = 1024;

        /// <summary>0-3 from the bytes used against the bytes writes may use (the limit less the compaction reserve).</summary>
        public static int Pressure(long usedBytes, StoreOptions options)
        {
            long writable = options.MaxStoreBytes - options.CompactionReserveBytes;
            if (options.MaxStoreBytes <= 0 || writable <= 0)
            {
                return 0;
            }

            if (usedBytes + RefusedWriteBytes > writable)
            {
                return 3;
            }

            if (usedBytes * 8 >= writable * 7)
            {
                return 2;
            }

            return usedBytes * 2 >= writable ? 1 : 0;
        }
    }
}
