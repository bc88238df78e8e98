namespace ThaliNano.Store
{
    /// <summary>One row of a changes feed (style=all_docs): a document at its latest seq with all its leaf revisions.</summary>
    public sealed class ChangeRow
    {
        public long Seq { get; internal set; }

        public string Id { get; internal set; }

        /// <summary>True when the winning revision is deleted.</summary>
        public bool Deleted { get; internal set; }

        /// <summary>Every leaf revision, the winner first.</summary>
        public string[] Revs { get; internal set; }
    }
}
