using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ThaliNano.FieldPairing;

namespace ThaliNano.Client.FieldPairing;

/// <summary>
/// The technician's side of field pairing (libs/ThaliNano.FieldPairing/README.md), written against .NET's own
/// HMAC, SHA-256 and RSA so that it checks the device's implementation rather than sharing it.
/// <paramref name="exchange"/> sends one request to the device and returns its reply (the BLE message channel).
/// </summary>
public sealed class FieldPairingClient(Func<byte[], byte[]> exchange)
{
    private const string TokenPrefix = "thali-pair:";
    private const int NonceSize = 16;
    private const int MacSize = 32;
    private const int KeyIdSize = 32;
    private static readonly byte[] s_tokenKeyLabel = Encoding.UTF8.GetBytes("ThaliNano field pairing token key v1");

    /// <summary>
    /// Runs the protocol: proves the scanned token, sends the certificate and the requested role ("reader",
    /// "writer", "admin" or "group:NAME"), checks the device's proof and the grant's MAC, and decrypts the secret.
    /// Throws <see cref="FieldPairingException"/>; <see cref="FormatException"/> for a token that is no QR label.
    /// </summary>
    public FieldPairingResult Pair(string scannedToken, X509Certificate2 certificate, RSA privateKey, string role) =>
        Pair(scannedToken, certificate.RawData, privateKey, role);

    /// <summary>As the other overload, with the certificate as DER.</summary>
    public FieldPairingResult Pair(string scannedToken, byte[] certificateDer, RSA privateKey, string role)
    {
        byte[] tokenKey = HMACSHA256.HashData(ParseToken(scannedToken), s_tokenKeyLabel);

        byte[] hello = [FieldPairingMessage.Hello, FieldPairingMessage.Version, .. RandomNumberGenerator.GetBytes(NonceSize)];
        byte[] challenge = Expect(exchange(hello), FieldPairingMessage.Challenge);
        if (challenge.Length != FieldPairingMessage.ChallengeSize)
        {
            throw Malformed("a challenge is " + FieldPairingMessage.ChallengeSize + " bytes");
        }

        byte[] sessionKey = HMACSHA256.HashData(tokenKey, (byte[])[.. "session"u8, .. hello.AsSpan(2), .. challenge.AsSpan(1, NonceSize)]);
        byte[] transcript = SHA256.HashData([.. hello, .. challenge.AsSpan(0, 1 + NonceSize)]);
        byte[] deviceProof = challenge[(1 + NonceSize)..];
        if (!CryptographicOperations.FixedTimeEquals(Mac(sessionKey, "device", transcript), deviceProof))
        {
            throw new FieldPairingException(FieldPairingFailure.BadDeviceProof,
                "the device's proof is wrong: it does not hold this token, or the exchange was altered");
        }

        byte[] request = PairRequest(certificateDer, role);
        transcript = SHA256.HashData([.. transcript, .. deviceProof, .. request]);
        byte[] technicianProof = Mac(sessionKey, "technician", transcript);
        byte[] granted = Expect(exchange([.. request, .. technicianProof]), FieldPairingMessage.Granted);
        if (granted.Length < 1 + KeyIdSize + 2 + 2 + MacSize)
        {
            throw Malformed("the grant is too short");
        }

        transcript = SHA256.HashData([.. transcript, .. technicianProof, .. granted.AsSpan(0, granted.Length - MacSize)]);
        if (!CryptographicOperations.FixedTimeEquals(Mac(sessionKey, "granted", transcript), granted.AsSpan(granted.Length - MacSize)))
        {
            throw new FieldPairingException(FieldPairingFailure.BadGrantMac,
                "the grant's MAC is wrong: a message was altered on the way (the device may have paired the key)");
        }

        return ReadGrant(granted, privateKey);
    }

    private static byte[] ParseToken(string scannedToken)
    {
        if (scannedToken is null || scannedToken.Length != PairingToken.TextLength || !scannedToken.StartsWith(TokenPrefix, StringComparison.Ordinal))
        {
            throw new FormatException("a pairing token is \"thali-pair:\" followed by 22 base64url characters");
        }

        return System.Buffers.Text.Base64Url.DecodeFromChars(scannedToken.AsSpan(TokenPrefix.Length));
    }

    private static byte[] PairRequest(byte[] certificateDer, string role)
    {
        byte[] roleBytes = Encoding.UTF8.GetBytes(role);
        if (roleBytes.Length is 0 or > FieldPairingMessage.MaxRoleLength || certificateDer.Length > FieldPairingMessage.MaxCertificateLength)
        {
            throw new ArgumentException("the role is 1 to 64 bytes and the certificate at most 2048 bytes");
        }

        byte[] length = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)certificateDer.Length);
        return [FieldPairingMessage.PairRequest, (byte)roleBytes.Length, .. roleBytes, .. length, .. certificateDer];
    }

    private static FieldPairingResult ReadGrant(byte[] granted, RSA privateKey)
    {
        int at = 1;
        byte[] keyId = granted[at..(at + KeyIdSize)];
        at += KeyIdSize;
        byte[] url = ReadWithLength(granted, ref at);
        byte[] ciphertext = ReadWithLength(granted, ref at);
        if (at != granted.Length - MacSize)
        {
            throw Malformed("the grant's length does not match its fields");
        }

        byte[] secret;
        try
        {
            secret = privateKey.Decrypt(ciphertext, RSAEncryptionPadding.OaepSHA256);
        }
        catch (CryptographicException e)
        {
            throw new FieldPairingException(FieldPairingFailure.SecretUnreadable, "the secret does not decrypt with this key: " + e.Message);
        }

        if (secret.Length != 32)
        {
            throw Malformed("the secret is not 32 bytes");
        }

        return new FieldPairingResult(System.Buffers.Text.Base64Url.EncodeToString(keyId), Encoding.UTF8.GetString(url), secret);
    }

    private static byte[] ReadWithLength(byte[] message, ref int at)
    {
        if (at + 2 > message.Length - MacSize)
        {
            throw Malformed("the grant ends inside its fields");
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(message.AsSpan(at));
        at += 2;
        if (at + length > message.Length - MacSize)
        {
            throw Malformed("the grant ends inside its fields");
        }

        byte[] value = message[at..(at + length)];
        at += length;
        return value;
    }

    private static byte[] Expect(byte[] reply, byte type)
    {
        if (reply is null || reply.Length == 0)
        {
            throw Malformed("an empty reply");
        }

        if (reply[0] == FieldPairingMessage.Refusal)
        {
            if (reply.Length < 3 || reply.Length != 3 + reply[2])
            {
                throw Malformed("a refusal whose length does not match its text");
            }

            var reason = (RefusalReason)reply[1];
            throw new FieldPairingException(FieldPairingFailure.Refused,
                "the device refused (" + reason + "): " + Encoding.UTF8.GetString(reply, 3, reply[2]), reason);
        }

        if (reply[0] != type)
        {
            throw Malformed("expected message type " + type + ", got " + reply[0]);
        }

        return reply;
    }

    private static byte[] Mac(byte[] key, string label, byte[] transcript) =>
        HMACSHA256.HashData(key, (byte[])[.. Encoding.UTF8.GetBytes(label), .. transcript]);

    private static FieldPairingException Malformed(string message) =>
        new(FieldPairingFailure.MalformedReply, message);
}
