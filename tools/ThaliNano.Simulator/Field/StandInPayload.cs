using System.Text;

namespace ThaliNano.Simulator.Field;

/// <summary>
/// The plaintext sealed into each simulated bundle: one reading in the mesh's payload format (libs/ThaliNano.Mesh
/// README, "Payload"), so the gateway can open it. Every length here is below 128: each varint is one byte.
/// </summary>
internal static class StandInPayload
{
    public const string DatabaseName = "readings";

    public static byte[] Encode(long sequence)
    {
        var bytes = new List<byte>();
        AddBlob(bytes, DatabaseName);
        bytes.Add(0);                        // settled below: no claim
        bytes.Add(0);                        // flags: not deleted, textual revision id
        AddBlob(bytes, "reading-" + sequence);
        bytes.Add(1);                        // _revisions.start
        bytes.Add(1);                        // one revision id
        AddBlob(bytes, "sim");
        AddBlob(bytes, "{\"seq\":" + sequence + "}");
        return [.. bytes];
    }

    private static void AddBlob(List<byte> bytes, string text)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(text);
        bytes.Add((byte)utf8.Length);
        bytes.AddRange(utf8);
    }
}
