namespace ThaliNano.Client.FieldPairing;

/// <summary>Why <see cref="FieldPairingClient.Pair"/> failed.</summary>
public enum FieldPairingFailure
{
    /// <summary>The device refused (<see cref="FieldPairingException.DeviceReason"/> says why).</summary>
    Refused,

    /// <summary>The device does not know this token, or someone altered the hello or the challenge.</summary>
    BadDeviceProof,

    /// <summary>The grant's MAC is wrong: someone altered a message. The device may have paired the key.</summary>
    BadGrantMac,

    /// <summary>A reply that is not a message of the protocol.</summary>
    MalformedReply,

    /// <summary>The secret does not decrypt with the technician's private key.</summary>
    SecretUnreadable,
}
