namespace ThaliNano.Client.FieldPairing;

/// <summary>
/// What a technician got from a field pairing: its key id on the hub (base64url), the hub's httpkey URL, and the
/// 32-byte ThaliKey proof secret for signing requests to the hub.
/// </summary>
public sealed record FieldPairingResult(string KeyId, string HubUrl, byte[] Secret);
