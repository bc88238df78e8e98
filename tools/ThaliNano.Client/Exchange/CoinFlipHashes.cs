using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ThaliNano.Client.Exchange;

/// <summary>
/// The two hashes of the coin flip (README.md, "Coin flip"), each SHA-256 over a domain label and length-prefixed URLs,
/// so that no input can be shifted into another:
/// commitment = SHA-256("ThaliNano coin-flip v1 commit\n" ‖ len(urlI) ‖ urlI ‖ nonceI);
/// seed = SHA-256("ThaliNano coin-flip v1 code\n" ‖ len(urlI) ‖ urlI ‖ len(urlR) ‖ urlR ‖ nonceI ‖ nonceR),
/// I the initiator, R the responder, lengths as 2 bytes big-endian, URLs as ASCII.
/// </summary>
public static class CoinFlipHashes
{
    private static readonly byte[] s_commitLabel = Encoding.ASCII.GetBytes("ThaliNano coin-flip v1 commit\n");
    private static readonly byte[] s_codeLabel = Encoding.ASCII.GetBytes("ThaliNano coin-flip v1 code\n");

    public static byte[] Commitment(string initiatorUrl, byte[] initiatorNonce)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(s_commitLabel);
        AppendUrl(hash, initiatorUrl);
        hash.AppendData(initiatorNonce);
        return hash.GetHashAndReset();
    }

    /// <summary>The 6-digit code both users compare (<see cref="ComparisonCode.FromSeed"/> of the seed above).</summary>
    public static string Code(string initiatorUrl, string responderUrl, byte[] initiatorNonce, byte[] responderNonce)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(s_codeLabel);
        AppendUrl(hash, initiatorUrl);
        AppendUrl(hash, responderUrl);
        hash.AppendData(initiatorNonce);
        hash.AppendData(responderNonce);
        return ComparisonCode.FromSeed(hash.GetHashAndReset());
    }

    private static void AppendUrl(IncrementalHash hash, string url)
    {
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, checked((ushort)url.Length));
        hash.AppendData(length);
        hash.AppendData(Encoding.ASCII.GetBytes(url));
    }
}
