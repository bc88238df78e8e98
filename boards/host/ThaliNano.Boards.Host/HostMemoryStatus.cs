using ThaliNano.Firmware.Status;

namespace ThaliNano.Boards.Host;

/// <summary>
/// The host board's memory numbers for the status page, from the .NET GC: bytes in use (<see cref="GC.GetTotalMemory"/>,
/// without forcing a collection) and the memory the GC had committed at its last collection (unknown before the first).
/// The GC has no "free bytes" (its heap grows on demand), so that one is unknown.
/// </summary>
public sealed class HostMemoryStatus : IMemoryStatus
{
    public string Source => ".NET GC";

    public long InUseBytes => GC.GetTotalMemory(forceFullCollection: false);

    public long HeapBytes
    {
        get
        {
            GCMemoryInfo last = GC.GetGCMemoryInfo();
            return last.Index == 0 ? -1 : last.TotalCommittedBytes;
        }
    }

    public long FreeBytes => -1;
}
