namespace ThaliNano.Simulator.Engine;

internal enum RemovalReason
{
    /// <summary>The holder gave its last copy away (the peer acknowledged custody).</summary>
    HandedOn,

    /// <summary>A receipt (or MaxProp ack) showed the gateway has it.</summary>
    Receipted,

    /// <summary>The buffer was full.</summary>
    Dropped,
}
