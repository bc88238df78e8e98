using ThaliNano.Identity;

namespace ThaliNano.Carrier.Storage;

/// <summary>A held bundle's indexed clear-header fields and bookkeeping (times in DTN seconds of the carrier's clock).</summary>
public sealed record HeldBundle(
    PublicKeyId Source,
    long CreationSequence,
    byte[] DestinationHint,
    int Copies,
    int HopCount,
    long ExpiresAt,
    long ReceivedAt,
    PublicKeyId FromPeer,
    int Size);
