using System.Security.Cryptography;
using ThaliNano.Identity;

namespace ThaliNano.Client.Exchange;

/// <summary>
/// The side that answers: <see cref="ReceiveCommit"/> keeps the initiator's commitment and returns this side's URL and a
/// fresh nonce; <see cref="ReceiveOpen"/> checks that the opened URL and nonce hash to that commitment and sets
/// <see cref="Result"/>. One exchange per object. Thread-safe.
/// </summary>
public sealed class CoinFlipResponder
{
    private static readonly CoinFlipMessageType[] s_receives = [CoinFlipMessageType.Commit, CoinFlipMessageType.Open];

    private readonly object _sync = new();
    private readonly string _url;
    private readonly PublicKeyId _keyId;
    private readonly byte[] _nonce;
    private byte[]? _commitment;

    public CoinFlipResponder(HttpKeyUrl own)
        : this(own, RandomNumberGenerator.GetBytes)
    {
    }

    /// <param name="randomBytes">Secure random bytes of the given count (tests pass a seeded source).</param>
    public CoinFlipResponder(HttpKeyUrl own, Func<int, byte[]> randomBytes)
    {
        _url = CoinFlipMessage.Canonical(own);
        _keyId = own.KeyId;
        _nonce = randomBytes(CoinFlipMessage.NonceBytes);
    }

    public CoinFlipState State { get; private set; }

    /// <summary>The peer's URL and the code, once <see cref="State"/> is <see cref="CoinFlipState.Done"/>.</summary>
    public CoinFlipResult? Result { get; private set; }

    /// <summary>Keeps the commitment and returns the response. Throws <see cref="CoinFlipException"/>, changing nothing.</summary>
    public byte[] ReceiveCommit(ReadOnlySpan<byte> message)
    {
        CoinFlipMessage commit = CoinFlipMessage.Decode(message);
        lock (_sync)
        {
            CoinFlipOrder.Check(commit.Type, Expected(), s_receives);
            _commitment = commit.Value;
            State = CoinFlipState.AwaitingOpen;
            return CoinFlipMessage.EncodeKeyAndNonce(CoinFlipMessageType.Response, _url, _nonce);
        }
    }

    /// <summary>
    /// Checks the opening against the commitment and returns the peer's URL and the code. Throws
    /// <see cref="CoinFlipException"/> (CommitmentMismatch when it does not open), changing nothing.
    /// </summary>
    public CoinFlipResult ReceiveOpen(ReadOnlySpan<byte> message)
    {
        CoinFlipMessage open = CoinFlipMessage.Decode(message);
        lock (_sync)
        {
            CoinFlipOrder.Check(open.Type, Expected(), s_receives);
            byte[] opened = CoinFlipHashes.Commitment(open.Url!, open.Value);
            if (!CryptographicOperations.FixedTimeEquals(opened, _commitment))
            {
                throw new CoinFlipException(CoinFlipRefusal.CommitmentMismatch,
                    "the opened key and nonce do not match the commitment received first");
            }

            HttpKeyUrl peer = open.ParsedUrl!;
            if (peer.KeyId == _keyId)
            {
                throw new CoinFlipException(CoinFlipRefusal.Reflected, "the opening carries this side's own key");
            }

            Result = new CoinFlipResult(peer, CoinFlipHashes.Code(open.Url!, _url, open.Value, _nonce));
            State = CoinFlipState.Done;
            return Result;
        }
    }

    private CoinFlipMessageType? Expected() => State switch
    {
        CoinFlipState.Ready => CoinFlipMessageType.Commit,
        CoinFlipState.AwaitingOpen => CoinFlipMessageType.Open,
        _ => null,
    };
}
