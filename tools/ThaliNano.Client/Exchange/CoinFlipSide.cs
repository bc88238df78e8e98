using System.Security.Cryptography;
using ThaliNano.Identity;

namespace ThaliNano.Client.Exchange;

/// <summary>What both sides of a coin flip hold: their own canonical URL and key, a fresh nonce, the state and result.</summary>
public abstract class CoinFlipSide
{
    protected CoinFlipSide(HttpKeyUrl own, Func<int, byte[]>? randomBytes)
    {
        OwnUrl = CoinFlipMessage.Canonical(own);
        OwnKey = own.KeyId;
        Nonce = (randomBytes ?? RandomNumberGenerator.GetBytes)(CoinFlipMessage.NonceBytes);
    }

    public CoinFlipState State { get; protected set; }

    /// <summary>The peer's URL and the code, once <see cref="State"/> is <see cref="CoinFlipState.Done"/>.</summary>
    public CoinFlipResult? Result { get; protected set; }

    protected object Sync { get; } = new();

    protected string OwnUrl { get; }

    protected byte[] Nonce { get; }

    private PublicKeyId OwnKey { get; }

    /// <summary>Refuses a peer that is this side itself (a message reflected back).</summary>
    protected void RefuseReflection(HttpKeyUrl peer, string what)
    {
        if (peer.KeyId == OwnKey)
        {
            throw new CoinFlipException(CoinFlipRefusal.Reflected, what + " carries this side's own key");
        }
    }
}
