using System;

namespace ThaliNano.Store
{
    /// <summary>Extra fields a read fills in (the query flags revs=true, conflicts=true, deleted_conflicts=true).</summary>
    [Flags]
    public enum ReadOptions
    {
        None = 0,
        Revisions = 1,
        Conflicts = 2,
        DeletedConflicts = 4,
    }
}
