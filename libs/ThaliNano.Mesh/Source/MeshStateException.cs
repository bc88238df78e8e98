using System;

namespace ThaliNano.Mesh.Source
{
    /// <summary>
    /// The persisted state of a <see cref="SourceNode"/> is corrupt, of an unknown version, or belongs to another
    /// source. Never reset silently: a fresh counter would reuse creation sequences the destination has receipted, and
    /// the next receipt would then free documents it never received (README, "State").
    /// </summary>
    public sealed class MeshStateException : Exception
    {
        public MeshStateException(string reason)
            : base("the mesh state record cannot be used: " + reason)
        {
        }
    }
}
