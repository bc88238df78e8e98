using ThaliNano;

namespace ThaliNano.Simulator.Field;

/// <summary>The bundles' IVs from the run's seed, so a run repeats byte for byte.</summary>
internal sealed class SeededRandomSource(int seed) : IRandomSource
{
    private readonly Random _random = new(seed);

    public void NextBytes(byte[] buffer) => _random.NextBytes(buffer);
}
