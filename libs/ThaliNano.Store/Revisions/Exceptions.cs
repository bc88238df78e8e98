using System;

namespace ThaliNano.Store.Revisions
{
    /// <summary>An interactive edit (new_edits=true) does not extend a leaf: the hub answers 409 conflict.</summary>
    public class RevisionConflictException : Exception
    {
        public RevisionConflictException(string message)
            : base(message)
        {
        }
    }

    /// <summary>An edit or merge would exceed <see cref="RevisionTree.MaxNodes"/> or <see cref="RevisionTree.MaxLeaves"/>.</summary>
    public class RevisionTreeLimitException : Exception
    {
        public RevisionTreeLimitException(string message)
            : base(message)
        {
        }
    }

    /// <summary>Encoded revision tree bytes that <see cref="RevisionTree.Decode"/> cannot accept.</summary>
    public class CorruptRevisionTreeException : Exception
    {
        public CorruptRevisionTreeException(string message)
            : base(message)
        {
        }
    }
}
