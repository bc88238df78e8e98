using ThaliNano.FieldPairing;

namespace ThaliNano.Client.FieldPairing;

/// <summary>A field pairing that did not succeed, with the device's reason when it refused.</summary>
public sealed class FieldPairingException : Exception
{
    public FieldPairingException(FieldPairingFailure failure, string message, RefusalReason? deviceReason = null)
        : base(message)
    {
        Failure = failure;
        DeviceReason = deviceReason;
    }

    public FieldPairingFailure Failure { get; }

    public RefusalReason? DeviceReason { get; }
}
