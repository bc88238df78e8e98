using System.Security.Cryptography;
using ThaliNano.FieldPairing;
using ThaliNano.Identity;

namespace ThaliNano.Client.Tests.FieldPairing;

/// <summary>A device's field pairing parts with fakes for what the firmware implements.</summary>
internal sealed class FieldDevice
{
    public const string HubUrl = "httpkey://192.168.4.1:6985/sha256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    public FieldDevice(bool openWindow = true)
    {
        Token = PairingToken.Create(Random);
        Tokens = new MemoryTokenStore(Token.DeriveKey());
        Window = new PairingWindow(Clock, 60_000, 3);
        if (openWindow)
        {
            Window.Open();
        }
    }

    public ManualClock Clock { get; } = new();

    public SecureRandom Random { get; } = new();

    public PairingToken Token { get; }

    public MemoryTokenStore Tokens { get; }

    public RecordingTarget Target { get; } = new();

    public PairingWindow Window { get; }

    public FieldPairingSession NewSession() => new(Window, Tokens, Target, Random);

    /// <summary>Nothing was paired and the token is still there.</summary>
    public void AssertUnchanged()
    {
        Assert.Empty(Target.Pairings);
        Assert.False(Tokens.Consumed);
    }
}

internal sealed class ManualClock : IPairingClock
{
    public long NowMilliseconds { get; set; } = 1_000;
}

internal sealed class SecureRandom : IRandomSource
{
    public void NextBytes(byte[] buffer) => RandomNumberGenerator.Fill(buffer);
}

internal sealed class MemoryTokenStore(byte[] key) : ITokenStore
{
    private byte[]? _key = key;

    public bool Consumed => _key is null;

    public byte[]? LoadTokenKey() => _key?.ToArray();

    public void ConsumeToken() => _key = null;
}

internal sealed record Pairing(byte[] CertificateDer, byte[] Secret, string? Role, string? Group);

internal sealed class RecordingTarget : IFieldPairingTarget
{
    public List<Pairing> Pairings { get; } = [];

    public string? RefuseWith { get; set; }

    public FieldPairingGrant Pair(byte[] certificateDer, byte[] secret, string role, string group)
    {
        if (RefuseWith is not null)
        {
            throw new ArgumentException(RefuseWith);
        }

        Pairings.Add(new Pairing(certificateDer, secret.ToArray(), role, group));
        return new FieldPairingGrant(PublicKeyId.FromCertificate(certificateDer), FieldDevice.HubUrl);
    }
}
