using ThaliNano.Http;

namespace ThaliNano.Couch.Replication
{
    /// <summary>One document's line in a _bulk_docs reply: its id, and the revision written or why it was not.</summary>
    internal sealed class BulkDocsOutcome
    {
        public string Id;
        public string Rev;
        public HttpException Error;
    }
}
