using ThaliNano.Identity;

namespace ThaliNano.Client.Exchange;

/// <summary>
/// The side that commits first: <see cref="Commit"/> sends the commitment to its URL and a fresh nonce; the response
/// (the peer's URL and nonce) is answered with <see cref="ReceiveResponse"/>, whose reply opens the commitment. Then
/// <see cref="Result"/> holds the peer's URL and the code to compare. One exchange per object: a new exchange draws a
/// new nonce, so a user who rejects a code must start over. Thread-safe.
/// </summary>
public sealed class CoinFlipInitiator : CoinFlipSide
{
    private static readonly CoinFlipMessageType[] s_receives = [CoinFlipMessageType.Response];


    /// <param name="randomBytes">Secure random bytes of the given count (tests pass a seeded source); null: the OS's.</param>
    public CoinFlipInitiator(HttpKeyUrl own, Func<int, byte[]>? randomBytes = null)
        : base(own, randomBytes)
    {
    }

    /// <summary>The first message: the commitment. Once.</summary>
    public byte[] Commit()
    {
        lock (Sync)
        {
            if (State != CoinFlipState.Ready)
            {
                throw new InvalidOperationException("the commitment was already sent");
            }

            State = CoinFlipState.AwaitingResponse;
            return CoinFlipMessage.EncodeCommit(CoinFlipHashes.Commitment(OwnUrl, Nonce));
        }
    }

    /// <summary>
    /// Takes the responder's URL and nonce and returns the opening to send back; <see cref="Result"/> is then set.
    /// Throws <see cref="CoinFlipException"/> for anything else, changing nothing.
    /// </summary>
    public byte[] ReceiveResponse(ReadOnlySpan<byte> message)
    {
        CoinFlipMessage response = CoinFlipMessage.Decode(message);
        lock (Sync)
        {
            CoinFlipOrder.Check(response.Type, Expected(), s_receives);
            HttpKeyUrl peer = response.ParsedUrl!;
            RefuseReflection(peer, "the response");

            Result = new CoinFlipResult(peer, CoinFlipHashes.Code(OwnUrl, response.Url!, Nonce, response.Value));
            State = CoinFlipState.Done;
            return CoinFlipMessage.EncodeKeyAndNonce(CoinFlipMessageType.Open, OwnUrl, Nonce);
        }
    }

    private CoinFlipMessageType? Expected() => State switch
    {
        CoinFlipState.Ready => CoinFlipMessageType.Commit,
        CoinFlipState.AwaitingResponse => CoinFlipMessageType.Response,
        _ => null,
    };
}
