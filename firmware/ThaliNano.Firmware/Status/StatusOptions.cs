using ThaliNano.Http;

namespace ThaliNano.Firmware.Status
{
    /// <summary>What the status page at /_status shows beyond the hub's own state (<see cref="StatusPage"/>).</summary>
    public sealed class StatusOptions
    {
        /// <summary>Recent errors kept on the device (one small object each).</summary>
        public const int DeviceRecentErrors = 8;

        public StatusOptions()
        {
            RecentErrorCapacity = DeviceRecentErrors;
            Clock = new MonotonicClock();
        }

        /// <summary>The mesh's numbers and its "free delivered" action; the hub sets its mesh service here when
        /// <see cref="HubConfiguration.Mesh"/> is set; null: the page says "mesh: off".</summary>
        public IMeshStatus Mesh { get; set; }

        /// <summary>The board's managed memory numbers; null when the board reports none.</summary>
        public IMemoryStatus Memory { get; set; }

        /// <summary>How many recent errors the page keeps, 1 to 256 (<see cref="RecentErrors"/>).</summary>
        public int RecentErrorCapacity { get; set; }

        /// <summary>Uptime and the recent errors' time stamps.</summary>
        public IClock Clock { get; set; }
    }
}
