using ThaliNano.Identity;

namespace ThaliNano.Carrier.Storage;

/// <summary>A copy handed to a peer, awaiting its custody acknowledgement: then the held copies drop by <see cref="Reduction"/>.</summary>
public sealed record PendingOffer(PublicKeyId Source, long CreationSequence, int Reduction);
