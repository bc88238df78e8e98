namespace ThaliNano.Client.Exchange;

/// <summary>A coin-flip message was refused; <see cref="Refusal"/> says why. The exchange's state is unchanged.</summary>
public sealed class CoinFlipException(CoinFlipRefusal refusal, string message) : Exception(message)
{
    public CoinFlipRefusal Refusal { get; } = refusal;
}
