using System.Buffers.Binary;
using ThaliNano.Identity;

namespace ThaliNano.Client.Exchange;

/// <summary>
/// The wire form of the coin-flip messages (README.md, "Coin flip"). Every message starts with the version byte 1 and its
/// type; then Commit carries the 32-byte commitment (34 bytes in all), Response and Open a 32-byte nonce, the URL's
/// length (2 bytes, big-endian, 1 to <see cref="MaxUrlBytes"/>) and the httpkey URL in ASCII, in its canonical text.
/// Anything else is refused.
/// </summary>
public sealed class CoinFlipMessage
{
    public const byte Version = 1;
    public const int NonceBytes = 32;
    public const int CommitmentBytes = 32;

    /// <summary>Room for the published form of an RSA-4096 key (about 1,300 characters) with a host name.</summary>
    public const int MaxUrlBytes = 2048;

    public const int CommitBytes = 2 + CommitmentBytes;
    public const int MaxBytes = 2 + NonceBytes + 2 + MaxUrlBytes;

    private const int UrlOffset = 2 + NonceBytes + 2;

    private CoinFlipMessage(CoinFlipMessageType type, byte[] value, string? url, HttpKeyUrl? parsedUrl)
    {
        Type = type;
        Value = value;
        Url = url;
        ParsedUrl = parsedUrl;
    }

    public CoinFlipMessageType Type { get; }

    /// <summary>The commitment (Commit) or the nonce (Response, Open).</summary>
    public byte[] Value { get; }

    /// <summary>The sender's httpkey URL as sent (Response, Open); null for Commit.</summary>
    public string? Url { get; }

    public HttpKeyUrl? ParsedUrl { get; }

    public static byte[] EncodeCommit(byte[] commitment)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(commitment.Length, CommitmentBytes);
        byte[] message = new byte[CommitBytes];
        message[0] = Version;
        message[1] = (byte)CoinFlipMessageType.Commit;
        commitment.CopyTo(message, 2);
        return message;
    }

    /// <summary>A Response or Open message; <paramref name="url"/> must be canonical (see <see cref="Canonical"/>).</summary>
    public static byte[] EncodeKeyAndNonce(CoinFlipMessageType type, string url, byte[] nonce)
    {
        if (type == CoinFlipMessageType.Commit)
        {
            throw new ArgumentException("a commit carries no URL", nameof(type));
        }

        ArgumentOutOfRangeException.ThrowIfNotEqual(nonce.Length, NonceBytes);
        byte[] message = new byte[UrlOffset + url.Length];
        message[0] = Version;
        message[1] = (byte)type;
        nonce.CopyTo(message, 2);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(2 + NonceBytes), (ushort)url.Length);
        for (int i = 0; i < url.Length; i++)
        {
            message[UrlOffset + i] = (byte)url[i];
        }

        return message;
    }

    /// <summary>
    /// The URL text this side sends and hashes: its canonical form (what <see cref="HttpKeyUrl.ToString"/> gives), at
    /// most <see cref="MaxUrlBytes"/> characters.
    /// </summary>
    public static string Canonical(HttpKeyUrl url)
    {
        string text = url.ToString();
        if (text.Length > MaxUrlBytes)
        {
            throw new ArgumentException("the httpkey URL is longer than " + MaxUrlBytes + " characters: use its compact form", nameof(url));
        }

        return text;
    }

    /// <summary>Reads a message; throws <see cref="CoinFlipException"/> (Malformed, TooLarge) for anything else.</summary>
    public static CoinFlipMessage Decode(ReadOnlySpan<byte> message)
    {
        if (message.Length > MaxBytes)
        {
            throw Refuse(CoinFlipRefusal.TooLarge, "a coin-flip message is at most " + MaxBytes + " bytes, this one has " + message.Length);
        }

        if (message.Length < 2 || message[0] != Version)
        {
            throw Refuse(CoinFlipRefusal.Malformed, "not a coin-flip message of version " + Version);
        }

        var type = (CoinFlipMessageType)message[1];
        switch (type)
        {
            case CoinFlipMessageType.Commit:
                if (message.Length != CommitBytes)
                {
                    throw Refuse(CoinFlipRefusal.Malformed, "a commit message is exactly " + CommitBytes + " bytes");
                }

                return new CoinFlipMessage(type, message[2..].ToArray(), null, null);
            case CoinFlipMessageType.Response:
            case CoinFlipMessageType.Open:
                return DecodeKeyAndNonce(type, message);
            default:
                throw Refuse(CoinFlipRefusal.Malformed, "unknown coin-flip message type " + message[1]);
        }
    }

    private static CoinFlipMessage DecodeKeyAndNonce(CoinFlipMessageType type, ReadOnlySpan<byte> message)
    {
        if (message.Length < UrlOffset + 1)
        {
            throw Refuse(CoinFlipRefusal.Malformed, "a " + type + " message is a 32-byte nonce, a length and a URL");
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(message.Slice(2 + NonceBytes, 2));
        if (length != message.Length - UrlOffset)
        {
            throw Refuse(CoinFlipRefusal.Malformed, "the URL length " + length + " does not match the message's "
                + (message.Length - UrlOffset) + " remaining bytes");
        }

        ReadOnlySpan<byte> urlBytes = message[UrlOffset..];
        foreach (byte b in urlBytes)
        {
            if (b < 0x21 || b > 0x7E)
            {
                throw Refuse(CoinFlipRefusal.Malformed, "an httpkey URL is printable ASCII without spaces");
            }
        }

        string url = System.Text.Encoding.ASCII.GetString(urlBytes);
        HttpKeyUrl parsed;
        try
        {
            parsed = HttpKeyUrl.Parse(url);
        }
        catch (FormatException e)
        {
            throw Refuse(CoinFlipRefusal.Malformed, "not an httpkey URL: " + e.Message);
        }

        if (parsed.ToString() != url)
        {
            throw Refuse(CoinFlipRefusal.Malformed, "the httpkey URL is not in its canonical form");
        }

        return new CoinFlipMessage(type, message.Slice(2, NonceBytes).ToArray(), url, parsed);
    }

    private static CoinFlipException Refuse(CoinFlipRefusal refusal, string reason) => new(refusal, reason);
}
