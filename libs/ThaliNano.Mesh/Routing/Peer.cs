using System;
using ThaliNano.Identity;

namespace ThaliNano.Mesh.Routing
{
    /// <summary>The node met in a contact, as pairing or its beacon identified it.</summary>
    public sealed class Peer
    {
        public Peer(PublicKeyId id, NodeRole role)
        {
            if (id == null)
            {
                throw new ArgumentNullException("id");
            }

            Id = id;
            Role = role;
        }

        public PublicKeyId Id { get; }

        public NodeRole Role { get; }
    }
}
