using System.Security.Cryptography;

namespace ThaliNano.Boards.Host;

/// <summary>The operating system's secure random generator, the host board's source of proof secrets and tokens.</summary>
public sealed class SecureRandom : IRandomSource
{
    public static readonly SecureRandom Instance = new();

    private SecureRandom()
    {
    }

    public void NextBytes(byte[] buffer) => RandomNumberGenerator.Fill(buffer);
}
