using System.Security.Cryptography;
using ThaliNano.Identity;

namespace ThaliNano.Client.Exchange;

/// <summary>
/// The side that commits first: <see cref="Commit"/> sends the commitment to its URL and a fresh nonce; the response
/// (the peer's URL and nonce) is answered with <see cref="ReceiveResponse"/>, whose reply opens the commitment. Then
/// <see cref="Result"/> holds the peer's URL and the code to compare. One exchange per object: a new exchange draws a
/// new nonce, so a user who rejects a code must start over. Thread-safe.
/// </summary>
public sealed class CoinFlipInitiator
{
    private static readonly CoinFlipMessageType[] s_receives = [CoinFlipMessageType.Response];

    private readonly object _sync = new();
    private readonly string _url;
    private readonly PublicKeyId _keyId;
    private readonly byte[] _nonce;

    public CoinFlipInitiator(HttpKeyUrl own)
        : this(own, RandomNumberGenerator.GetBytes)
    {
    }

    /// <param name="randomBytes">Secure random bytes of the given count (tests pass a seeded source).</param>
    public CoinFlipInitiator(HttpKeyUrl own, Func<int, byte[]> randomBytes)
    {
        _url = CoinFlipMessage.Canonical(own);
        _keyId = own.KeyId;
        _nonce = randomBytes(CoinFlipMessage.NonceBytes);
    }

    public CoinFlipState State { get; private set; }

    /// <summary>The peer's URL and the code, once <see cref="State"/> is <see cref="CoinFlipState.Done"/>.</summary>
    public CoinFlipResult? Result { get; private set; }

    /// <summary>The first message: the commitment. Once.</summary>
    public byte[] Commit()
    {
        lock (_sync)
        {
            if (State != CoinFlipState.Ready)
            {
                throw new InvalidOperationException("the commitment was already sent");
            }

            State = CoinFlipState.AwaitingResponse;
            return CoinFlipMessage.EncodeCommit(CoinFlipHashes.Commitment(_url, _nonce));
        }
    }

    /// <summary>
    /// Takes the responder's URL and nonce and returns the opening to send back; <see cref="Result"/> is then set.
    /// Throws <see cref="CoinFlipException"/> for anything else, changing nothing.
    /// </summary>
    public byte[] ReceiveResponse(ReadOnlySpan<byte> message)
    {
        CoinFlipMessage response = CoinFlipMessage.Decode(message);
        lock (_sync)
        {
            CoinFlipOrder.Check(response.Type, Expected(), s_receives);
            HttpKeyUrl peer = response.ParsedUrl!;
            if (peer.KeyId == _keyId)
            {
                throw new CoinFlipException(CoinFlipRefusal.Reflected, "the response carries this side's own key");
            }

            Result = new CoinFlipResult(peer, CoinFlipHashes.Code(_url, response.Url!, _nonce, response.Value));
            State = CoinFlipState.Done;
            return CoinFlipMessage.EncodeKeyAndNonce(CoinFlipMessageType.Open, _url, _nonce);
        }
    }

    private CoinFlipMessageType? Expected() => State switch
    {
        CoinFlipState.Ready => CoinFlipMessageType.Commit,
        CoinFlipState.AwaitingResponse => CoinFlipMessageType.Response,
        _ => null,
    };
}
