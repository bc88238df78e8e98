using System.Security.Cryptography;
using ThaliNano.Firmware.Pairing;

namespace ThaliNano.Boards.Host;

/// <summary>The operating system's secure random generator, the host board's source of proof secrets and tokens.</summary>
public sealed class SecureRandom : IRandomSource, ThaliNano.FieldPairing.IRandomSource
{
    public static readonly SecureRandom Instance = new();

    private SecureRandom()
    {
    }

    public void NextBytes(byte[] buffer) => RandomNumberGenerator.Fill(buffer);
}
