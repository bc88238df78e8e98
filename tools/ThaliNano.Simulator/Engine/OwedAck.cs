namespace ThaliNano.Simulator.Engine;

/// <summary>
/// A custody acknowledgement on its way back to the holder: the bundle, and the spray tokens the holder spends on the
/// hand-over (what it held minus what its router said to keep: epidemic 0, spray floor(n/2), first contact all).
/// </summary>
internal readonly record struct OwedAck(int MessageId, int TokensSpent);
