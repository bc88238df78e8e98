namespace ThaliNano.Client.Exchange;

/// <summary>Why a coin-flip message was refused. A refusal changes nothing: the exchange may still complete.</summary>
public enum CoinFlipRefusal
{
    /// <summary>Not a coin-flip message: wrong length, version, type byte or URL.</summary>
    Malformed,

    /// <summary>Longer than <see cref="CoinFlipMessage.MaxBytes"/>.</summary>
    TooLarge,

    /// <summary>A message this side does not expect now (it skipped ahead, or belongs to the other role).</summary>
    WrongOrder,

    /// <summary>A message of a step this side has already taken (a second commitment, response or opening).</summary>
    Replayed,

    /// <summary>The opened key and nonce do not hash to the commitment received first.</summary>
    CommitmentMismatch,

    /// <summary>The peer presented this side's own key (a reflected message).</summary>
    Reflected,
}
