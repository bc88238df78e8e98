using System.Buffers.Binary;
using System.Security.Cryptography;

namespace ThaliNano.Client.Exchange;

/// <summary>
/// Turns a 32-byte seed into a 6-digit code uniform over 000000-999999, without modulo bias: the seed is read as eight
/// 32-bit big-endian words, and the first word below <see cref="Limit"/> (4,294 × 10^6, so every code has exactly 4,294
/// preimages) gives the code as word mod 10^6. A word at or above the limit (probability 2.3e-4) is skipped; if all eight
/// are, the seed is replaced by its SHA-256 and read again. (Thali's shipped code took the digits from a JavaScript
/// float, using only part of the hash and a biased reduction.)
/// </summary>
public static class ComparisonCode
{
    public const int Codes = 1_000_000;

    /// <summary>The largest multiple of 10^6 that fits in 32 bits.</summary>
    public const uint Limit = (uint.MaxValue / Codes) * Codes;

    public static string FromSeed(byte[] seed)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(seed.Length, 32);
        byte[] block = seed;
        while (true)
        {
            for (int i = 0; i < block.Length; i += 4)
            {
                if (TryReduce(BinaryPrimitives.ReadUInt32BigEndian(block.AsSpan(i, 4)), out int code))
                {
                    return code.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            block = SHA256.HashData(block);
        }
    }

    /// <summary>The code of one word, or false when the word lies in the biased tail at or above <see cref="Limit"/>.</summary>
    public static bool TryReduce(uint word, out int code)
    {
        if (word >= Limit)
        {
            code = -1;
            return false;
        }

        code = (int)(word % Codes);
        return true;
    }
}
