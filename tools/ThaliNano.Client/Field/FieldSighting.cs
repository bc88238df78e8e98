using ThaliNano.Discovery;

namespace ThaliNano.Client.Field;

/// <summary>
/// A fleet device as its latest beacon showed it: its stable device id (hex, the first 8 bytes of its key id), the
/// radio address to connect to (rotates with the beacon on real radios), signal strength and hints.
/// </summary>
public sealed record FieldSighting(string DeviceId, string Address, int Rssi, BeaconHints Hints, uint Counter, TimeSpan HeardAt)
{
    /// <summary>Whether this device is the one whose key id (base64url or hex, as in an httpkey URL) is given.</summary>
    public bool IsKey(ThaliNano.Identity.PublicKeyId key) => Convert.ToHexStringLower(key.ToByteArray(), 0, 8) == DeviceId;
}
