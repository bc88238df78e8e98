namespace ThaliNano.Client.Exchange;

/// <summary>Where one side of a coin flip stands.</summary>
public enum CoinFlipState
{
    /// <summary>Nothing sent or received yet.</summary>
    Ready,

    /// <summary>Initiator: the commitment is out, the responder's key and nonce are awaited.</summary>
    AwaitingResponse,

    /// <summary>Responder: the response is out, the opening of the commitment is awaited.</summary>
    AwaitingOpen,

    /// <summary>The peer's URL and the code are known (<c>Result</c>); every further message is a replay.</summary>
    Done,
}
