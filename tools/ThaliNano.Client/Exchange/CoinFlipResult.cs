using ThaliNano.Identity;

namespace ThaliNano.Client.Exchange;

/// <summary>
/// What one side learns: the peer's httpkey URL, and the 6-digit code to compare with the peer's screen. Only when the
/// users confirm that both screens show the same code may the app trust <see cref="PeerUrl"/>.
/// </summary>
public sealed class CoinFlipResult(HttpKeyUrl peerUrl, string code)
{
    public HttpKeyUrl PeerUrl { get; } = peerUrl;

    public PublicKeyId PeerKeyId => PeerUrl.KeyId;

    /// <summary>Six decimal digits, 000000 to 999999.</summary>
    public string Code { get; } = code;
}
