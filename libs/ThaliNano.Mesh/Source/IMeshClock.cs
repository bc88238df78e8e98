namespace ThaliNano.Mesh.Source
{
    /// <summary>The node's clock for bundle creation times and lifetimes.</summary>
    public interface IMeshClock
    {
        /// <summary>DTN seconds (<see cref="Bundles.DtnTime"/>), or <see cref="Bundles.DtnTime.Unknown"/> while the clock is not set.</summary>
        long Now { get; }
    }
}
