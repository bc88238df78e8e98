using ThaliNano.Simulator.Results;

namespace ThaliNano.Simulator.Engine;

/// <summary>What a run counts as it goes (<see cref="PolicyRun"/> states the rules).</summary>
internal sealed class RunStatistics
{
    public int Created { get; set; }

    public List<(int MessageId, double Time)> Deliveries { get; } = [];

    public List<double> Latencies { get; } = [];

    public long Relays { get; set; }

    public long Drops { get; set; }

    public long CopiesStored { get; set; }

    public long CopiesRemoved { get; set; }

    public double BufferSeconds { get; set; }

    public long SensorCopiesStored { get; set; }

    public double SensorBufferSeconds { get; set; }

    public int GatewayRejections { get; set; }

    public int ReceiptRejections { get; set; }

    public int Sessions { get; set; }

    public int CutSessions { get; set; }

    public long BytesMoved { get; set; }

    public List<Sample> Samples { get; } = [];
}
