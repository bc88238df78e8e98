using System.Security.Cryptography;
using ThaliNano.Identity;

namespace ThaliNano.Client.Exchange;

/// <summary>
/// The side that answers: <see cref="ReceiveCommit"/> keeps the initiator's commitment and returns this side's URL and a
/// fresh nonce; <see cref="ReceiveOpen"/> checks that the opened URL and nonce hash to that commitment and sets
/// <see cref="Result"/>. One exchange per object. Thread-safe.
/// </summary>
public sealed class CoinFlipResponder : CoinFlipSide
{
    private static readonly CoinFlipMessageType[] s_receives = [CoinFlipMessageType.Commit, CoinFlipMessageType.Open];

    private byte[]? _commitment;

    /// <param name="randomBytes">Secure random bytes of the given count (tests pass a seeded source); null: the OS's.</param>
    public CoinFlipResponder(HttpKeyUrl own, Func<int, byte[]>? randomBytes = null)
        : base(own, randomBytes)
    {
    }

    /// <summary>Keeps the commitment and returns the response. Throws <see cref="CoinFlipException"/>, changing nothing.</summary>
    public byte[] ReceiveCommit(ReadOnlySpan<byte> message)
    {
        CoinFlipMessage commit = CoinFlipMessage.Decode(message);
        lock (Sync)
        {
            CoinFlipOrder.Check(commit.Type, Expected(), s_receives);
            _commitment = commit.Value;
            State = CoinFlipState.AwaitingOpen;
            return CoinFlipMessage.EncodeKeyAndNonce(CoinFlipMessageType.Response, OwnUrl, Nonce);
        }
    }

    /// <summary>
    /// Checks the opening against the commitment and returns the peer's URL and the code. Throws
    /// <see cref="CoinFlipException"/> (CommitmentMismatch when it does not open), changing nothing.
    /// </summary>
    public CoinFlipResult ReceiveOpen(ReadOnlySpan<byte> message)
    {
        CoinFlipMessage open = CoinFlipMessage.Decode(message);
        lock (Sync)
        {
            CoinFlipOrder.Check(open.Type, Expected(), s_receives);
            byte[] opened = CoinFlipHashes.Commitment(open.Url!, open.Value);
            if (!CryptographicOperations.FixedTimeEquals(opened, _commitment))
            {
                throw new CoinFlipException(CoinFlipRefusal.CommitmentMismatch,
                    "the opened key and nonce do not match the commitment received first");
            }

            HttpKeyUrl peer = open.ParsedUrl!;
            RefuseReflection(peer, "the opening");

            Result = new CoinFlipResult(peer, CoinFlipHashes.Code(open.Url!, OwnUrl, open.Value, Nonce));
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
