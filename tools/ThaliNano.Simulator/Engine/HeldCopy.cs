using ThaliNano.Mesh.Bundles;
using ThaliNano.Simulator.Field;

namespace ThaliNano.Simulator.Engine;

/// <summary>A copy of a bundle in a node's buffer: its wire bytes and header as received, and the spray tokens held.</summary>
internal sealed class HeldCopy(FieldMessage message, byte[] wire, BundleHeader header, int copies, double storedAt, int[] path)
{
    public FieldMessage Message { get; } = message;

    public byte[] Wire { get; } = wire;

    public BundleHeader Header { get; } = header;

    /// <summary>Spray tokens still held (0 on a sensor that keeps its data for custody until a receipt).</summary>
    public int Copies { get; set; } = copies;

    public double StoredAt { get; } = storedAt;

    /// <summary>The nodes this copy went through, its source first (MaxProp does not offer a copy back to them).</summary>
    public int[] Path { get; } = path;

    /// <summary>Its place in the holder's arrival order.</summary>
    public LinkedListNode<HeldCopy>? Place { get; set; }
}
