using System;

namespace ThaliNano.Store
{
    /// <summary>The outcome of one write of a <see cref="WriteBatch"/>: the new revision, or the error (e.g. a conflict).</summary>
    public sealed class WriteResult
    {
        public string Id { get; internal set; }

        /// <summary>The revision written (for a replicated write: its leaf, also when it was already there).</summary>
        public string Rev { get; internal set; }

        /// <summary>Null on success; a <see cref="DocumentConflictException"/>, ArgumentException, ... otherwise.</summary>
        public Exception Error { get; internal set; }

        public bool Ok
        {
            get { return Error == null; }
        }
    }
}
