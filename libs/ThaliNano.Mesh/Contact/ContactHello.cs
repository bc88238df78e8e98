using ThaliNano.Identity;
using ThaliNano.Mesh.Routing;
using ThaliNano.Mesh.Wire;

namespace ThaliNano.Mesh.Contact
{
    /// <summary>The first record of a request and of a phase-1 reply: who speaks, in which role, and the frame size it reads.</summary>
    internal sealed class ContactHello
    {
        /// <summary>Phase of a reply's hello.</summary>
        public const int ReplyPhase = 0;

        public ContactHello(int phase, PublicKeyId id, NodeRole role, int maxInboundFrameBytes)
        {
            Phase = phase;
            Id = id;
            Role = role;
            MaxInboundFrameBytes = maxInboundFrameBytes;
        }

        public int Phase { get; }

        public PublicKeyId Id { get; }

        public NodeRole Role { get; }

        public int MaxInboundFrameBytes { get; }

        public byte[] Encode()
        {
            WireWriter writer = new WireWriter(40);
            writer.WriteByte(Phase);
            byte[] id = Id.ToByteArray();
            writer.WriteBytes(id, 0, id.Length);
            writer.WriteByte((int)Role);
            writer.WriteVarint(MaxInboundFrameBytes);
            return writer.ToArray();
        }

        /// <summary>Null when the body breaks the format or announces a frame limit outside the protocol's range.</summary>
        public static ContactHello Decode(byte[] body)
        {
            WireReader reader = new WireReader(body, 0, body.Length);
            int phase = reader.ReadByte();
            byte[] id = reader.ReadBytes(PublicKeyId.SizeInBytes);
            int role = reader.ReadByte();
            long limit = reader.ReadVarint(ContactLimits.MaxFrameBytes);
            bool validRole = role == (int)NodeRole.Sensor || role == (int)NodeRole.Carrier || role == (int)NodeRole.Destination;
            if (reader.Failed || !reader.AtEnd || phase > 2 || !validRole || limit < ContactLimits.MinFrameBytes)
            {
                return null;
            }

            return new ContactHello(phase, PublicKeyId.FromHash(id), (NodeRole)role, (int)limit);
        }
    }
}
