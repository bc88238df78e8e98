using System.Security.Cryptography;
using System.Text;

namespace ThaliNano.Store.Tests.Simulation;

/// <summary>
/// The published rules, implemented independently of the store for expectations: the deterministic revision of an
/// edit (first 16 bytes of SHA-256 over parent "N-hash" text, 0x00, deleted byte, body) and CouchDB's winner rule.
/// </summary>
public static class RevisionRule
{
    public static string Compute(string? parent, bool deleted, byte[] body)
    {
        int generation = parent == null ? 1 : int.Parse(parent.Substring(0, parent.IndexOf('-'))) + 1;
        byte[] parentBytes = parent == null ? Array.Empty<byte>() : Encoding.ASCII.GetBytes(parent);
        byte[] input = [.. parentBytes, 0, deleted ? (byte)1 : (byte)0, .. body];
        return generation + "-" + Convert.ToHexStringLower(SHA256.HashData(input), 0, 16);
    }

    public static int Generation(string rev) => int.Parse(rev.Substring(0, rev.IndexOf('-')));

    public static string Hash(string rev) => rev.Substring(rev.IndexOf('-') + 1);

    /// <summary>Winner: non-deleted beats deleted, then higher generation, then higher hash (ordinal).</summary>
    public static string Winner(IEnumerable<(string Rev, bool Deleted)> leaves) =>
        leaves.OrderBy(l => l.Deleted)
            .ThenByDescending(l => Generation(l.Rev))
            .ThenByDescending(l => Hash(l.Rev), StringComparer.Ordinal)
            .First().Rev;

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static string Str(byte[] body) => Encoding.UTF8.GetString(body);
}
