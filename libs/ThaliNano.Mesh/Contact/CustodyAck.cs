using System;
using ThaliNano.Identity;

namespace ThaliNano.Mesh.Contact
{
    /// <summary>"I hold bundle (source, creation sequence) durably, with this many spray copies."</summary>
    public sealed class CustodyAck
    {
        public CustodyAck(PublicKeyId source, long creationSequence, int copies)
        {
            if (source == null)
            {
                throw new ArgumentNullException("source");
            }

            if (creationSequence < 1 || creationSequence > uint.MaxValue || copies < 0 || copies > 255)
            {
                throw new ArgumentOutOfRangeException(creationSequence < 1 || creationSequence > uint.MaxValue ? "creationSequence" : "copies");
            }

            Source = source;
            CreationSequence = creationSequence;
            Copies = copies;
        }

        public PublicKeyId Source { get; }

        public long CreationSequence { get; }

        public int Copies { get; }
    }
}
