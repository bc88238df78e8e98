namespace ThaliNano.Carrier.Storage;

/// <summary>Persistent event counters of a carrier (statistics, the status page, the simulator).</summary>
public enum CarrierCounter
{
    BundlesStored,
    DuplicatesTaken,
    BundlesRefused,
    CopiesOffered,
    CustodyAcknowledged,
    DroppedExpired,
    DroppedReceipted,
    DroppedHandedOver,
    DroppedForRoom,
    ReceiptsTaken,
    ReceiptsKept,
}
