using ThaliNano.Firmware.Status;
using ThaliNano.Http;

namespace ThaliNano.Firmware.Tests.Status;

/// <summary>A clock the test moves.</summary>
internal sealed class VirtualClock : IClock
{
    private long _milliseconds = 1_000_000;

    public long Milliseconds => Interlocked.Read(ref _milliseconds);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _milliseconds, (long)by.TotalMilliseconds);
}

/// <summary>Memory numbers the test chooses.</summary>
internal sealed class FixedMemory : IMemoryStatus
{
    public string Source => "test heap";

    public long InUseBytes => 12_345;

    public long HeapBytes => 49_152;

    public long FreeBytes => -1;
}

/// <summary>A mesh with fixed numbers and two contacts, counting its FreeDelivered calls.</summary>
internal sealed class FakeMesh : IMeshStatus
{
    private readonly MeshContact[] _contacts =
    [
        new() { Peer = "carrierAcarrierAcarrierAcarrierAcarrierAcar", Link = "ble", AgeSeconds = 75, BundlesSent = 3, ReceiptsReceived = 1, Completed = true },
        new() { Peer = null, Link = "wifi", AgeSeconds = 3700, BundlesSent = 0, ReceiptsReceived = 0, Completed = false },
    ];

    public int FreeCalls { get; private set; }

    public long PendingBundles => 7;

    public long CopiesOut => 4;

    public long ReceiptedBundles => 19;

    public long BytesFreed => 20_480;

    public int RecentContactCount => _contacts.Length;

    public MeshContact RecentContact(int index) => _contacts[index];

    public long FreeDelivered()
    {
        FreeCalls++;
        return 4096;
    }
}
