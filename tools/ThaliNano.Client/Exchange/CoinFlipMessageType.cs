namespace ThaliNano.Client.Exchange;

/// <summary>The three messages of the coin flip, in protocol order (the type byte on the wire).</summary>
public enum CoinFlipMessageType : byte
{
    /// <summary>Initiator to responder: the commitment to the initiator's URL and nonce.</summary>
    Commit = 1,

    /// <summary>Responder to initiator: the responder's nonce and URL, in the clear.</summary>
    Response = 2,

    /// <summary>Initiator to responder: the initiator's nonce and URL, opening the commitment.</summary>
    Open = 3,
}
