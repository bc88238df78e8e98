using ThaliNano.Mesh.Bundles;

namespace ThaliNano.Carrier.Tests;

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualTime : TimeProvider
{
    private DateTimeOffset _now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Now in DTN seconds.</summary>
    public long Dtn => DtnTime.FromDateTime(_now.UtcDateTime);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
