using ThaliNano.Store;

namespace ThaliNano.Benchmarks.Memory;

/// <summary>
/// UTC seconds that move a minute per <see cref="Step"/> from 2026-01-01, so each sampler cycle gets its own document id
/// (ids are made of seconds) however fast the benchmark cycles.
/// </summary>
internal sealed class SteppingClock : IClock
{
    private uint _seconds = 1767225600;

    public uint UtcSeconds => _seconds;

    public void Step() => _seconds += 60;
}
