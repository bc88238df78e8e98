namespace ThaliNano.Simulator.Results;

/// <summary>
/// One policy on one seed. Counting rules: a relay is every copy a node stored from another (the gateway's first
/// receipt of a bundle included); a copy's buffer time runs from when it is stored (a sensor's own: when made) until
/// it leaves the buffer or the run ends; a drop is a copy a full buffer gave up.
/// </summary>
public sealed record PolicyRun
{
    public required PolicyKind Policy { get; init; }

    public required int Seed { get; init; }

    public required int Created { get; init; }

    /// <summary>Each message the gateway received, once, with the time it arrived (virtual seconds).</summary>
    public required IReadOnlyList<(int MessageId, double Time)> Deliveries { get; init; }

    /// <summary>Delivery minus creation time of each delivered message, seconds.</summary>
    public required IReadOnlyList<double> Latencies { get; init; }

    public required long Relays { get; init; }

    public required long Drops { get; init; }

    /// <summary>Copies ever stored: the sensors' originals plus every relay.</summary>
    public required long CopiesStored { get; init; }

    public required long CopiesRemoved { get; init; }

    public required long CopiesHeldAtEnd { get; init; }

    public required double BufferSecondsTotal { get; init; }

    /// <summary>Of <see cref="CopiesStored"/>, the sensors' own (originals), and their share of the buffer time.</summary>
    public required long SensorCopiesStored { get; init; }

    public required double SensorBufferSecondsTotal { get; init; }

    /// <summary>Bundles the gateway's <c>BundleOpener</c> refused (a copy altered on the way: never expected).</summary>
    public required int GatewayRejections { get; init; }

    /// <summary>Receipts a sensor's <c>ReceiptLedger</c> refused (never expected).</summary>
    public required int ReceiptRejections { get; init; }

    public required int Sessions { get; init; }

    /// <summary>Sessions cut before their second round trip ended (the link's capacity ran out).</summary>
    public required int CutSessions { get; init; }

    public required long BytesMoved { get; init; }

    public required IReadOnlyList<Sample> Samples { get; init; }

    public int Delivered => Deliveries.Count;

    public double MeanBufferSeconds => CopiesStored == 0 ? 0 : BufferSecondsTotal / CopiesStored;
}
