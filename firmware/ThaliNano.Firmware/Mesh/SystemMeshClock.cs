using System;
using ThaliNano.Mesh.Bundles;
using ThaliNano.Mesh.Source;

namespace ThaliNano.Firmware.Mesh
{
    /// <summary>The board's clock in DTN seconds; unknown while it reads before 2000 (an ESP32 before SNTP).</summary>
    public sealed class SystemMeshClock : IMeshClock
    {
        public long Now
        {
            get { return DtnTime.FromDateTime(DateTime.UtcNow); }
        }
    }
}
