using System;
using ThaliNano.Identity;

namespace ThaliNano.Mesh.Bundles
{
    /// <summary>A bundle's identity (BPv7: source node and creation sequence): the same for every copy of it.</summary>
    public sealed class BundleId
    {
        public BundleId(PublicKeyId source, long creationSequence)
        {
            if (source == null)
            {
                throw new ArgumentNullException("source");
            }

            Source = source;
            CreationSequence = creationSequence;
        }

        public PublicKeyId Source { get; }

        public long CreationSequence { get; }

        public override bool Equals(object obj)
        {
            BundleId other = obj as BundleId;
            return other != null && other.CreationSequence == CreationSequence && other.Source == Source;
        }

        public override int GetHashCode()
        {
            return Source.GetHashCode() ^ (int)CreationSequence;
        }

        /// <summary>"base64url key id/sequence".</summary>
        public override string ToString()
        {
            return Source.ToBase64Url() + "/" + CreationSequence.ToString();
        }
    }
}
