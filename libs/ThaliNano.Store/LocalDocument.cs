namespace ThaliNano.Store
{
    /// <summary>A _local document: never replicated, never in changes; its rev is "0-N", N counting its writes.</summary>
    public sealed class LocalDocument
    {
        /// <summary>The full id, "_local/...".</summary>
        public string Id { get; internal set; }

        public string Rev { get; internal set; }

        public byte[] Body { get; internal set; }
    }
}
