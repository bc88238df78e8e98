namespace ThaliNano.Gateway.Couch;

/// <summary>Bounds of the gateway's writes.</summary>
public sealed class CouchWriterOptions
{
    /// <summary>Documents per <c>_bulk_docs</c> request (the hub's device default and PouchDB's batch: 100).</summary>
    public int MaxBatchDocuments { get; init; } = 100;

    /// <summary>
    /// JSON bytes per request. 24 KB fits the hub's device limit of 48 KB, which counts two bytes per character of
    /// ids and histories; a single larger document goes alone. A 413 halves the batch and retries, as CouchDB's
    /// replicator does.
    /// </summary>
    public int MaxBatchBytes { get; init; } = 24 * 1024;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
}
