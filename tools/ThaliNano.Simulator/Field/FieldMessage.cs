using ThaliNano.Mesh.Bundles;

namespace ThaliNano.Simulator.Field;

/// <summary>
/// One message of the workload: a real sealed bundle from a sensor to the gateway. <see cref="Wire"/> seals a small
/// stand-in payload (one reading) so every hand-off runs the mesh code on real bytes; the links are charged
/// <see cref="WireBytes"/>, the sealed size of the message's 1-4 kB payload.
/// </summary>
public sealed class FieldMessage
{
    public FieldMessage(int id, int sensor, double created, int payloadBytes, byte[] wire, BundleHeader header)
    {
        Id = id;
        Sensor = sensor;
        Created = created;
        PayloadBytes = payloadBytes;
        WireBytes = BundleFormat.SealedBytes(payloadBytes);
        Wire = wire;
        Header = header;
    }

    /// <summary>0, 1, ... in creation order over the whole site.</summary>
    public int Id { get; }

    public int Sensor { get; }

    /// <summary>The bundle's creation sequence at its sensor (1, 2, ...).</summary>
    public long Sequence => Header.CreationSequence;

    public double Created { get; }

    public int PayloadBytes { get; }

    public int WireBytes { get; }

    public byte[] Wire { get; }

    public BundleHeader Header { get; }
}
