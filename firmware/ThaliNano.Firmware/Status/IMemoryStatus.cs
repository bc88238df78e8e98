namespace ThaliNano.Firmware.Status
{
    /// <summary>
    /// What the board can tell about managed memory; -1 for a number it cannot tell. The host board reports the .NET GC's
    /// numbers; on nanoFramework only nanoFramework.Runtime.Native's GC.Run(false) tells the free bytes (README.md).
    /// </summary>
    public interface IMemoryStatus
    {
        /// <summary>Where the numbers come from, shown beside them (e.g. ".NET GC").</summary>
        string Source { get; }

        /// <summary>Managed bytes in use (live or not yet collected).</summary>
        long InUseBytes { get; }

        /// <summary>Size of the managed heap (memory the collector holds for objects).</summary>
        long HeapBytes { get; }

        /// <summary>Free managed bytes.</summary>
        long FreeBytes { get; }
    }
}
