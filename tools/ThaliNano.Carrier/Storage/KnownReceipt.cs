using ThaliNano.Mesh.Receipts;

namespace ThaliNano.Carrier.Storage;

/// <summary>A receipt a carrier keeps to pass on: its bytes as received and what they claim (unverified: see the README).</summary>
public sealed record KnownReceipt(Receipt Claim, byte[] Wire);
