namespace ThaliNano.Store.Format
{
    /// <summary>
    /// The common start of every record payload: u8 kind, u8 flags, u32 seq (0 when the record has none), u32 write
    /// time (UTC seconds), varint id length, UTF-8 id; then the kind's own part at <see cref="BodyOffset"/>.
    /// A reusable parse result (one per database) to spare the device's heap.
    /// </summary>
    internal sealed class RecordHeader
    {
        public const int FixedSize = 10;

        public byte Kind;
        public byte Flags;
        public uint Seq;
        public uint Time;
        public int IdOffset;
        public int IdLength;
        public int BodyOffset;

        public bool Deleted
        {
            get { return (Flags & RecordKind.FlagDeleted) != 0; }
        }

        public static int Write(byte[] b, int offset, byte kind, byte flags, uint seq, uint time, byte[] id)
        {
            int p = offset;
            b[p++] = kind;
            b[p++] = flags;
            LittleEndian.WriteUInt32(b, p, seq);
            p += 4;
            LittleEndian.WriteUInt32(b, p, time);
            p += 4;
            p += LittleEndian.WriteVarInt(b, p, (uint)id.Length);
            for (int i = 0; i < id.Length; i++)
            {
                b[p++] = id[i];
            }

            return p - offset;
        }

        public static int Length(byte[] id)
        {
            return FixedSize + LittleEndian.VarIntLength((uint)id.Length) + id.Length;
        }

        /// <summary>
        /// Parses a payload of <paramref name="length"/> bytes at <paramref name="start"/>; false when it is malformed.
        /// <see cref="IdOffset"/> and <see cref="BodyOffset"/> are absolute indexes into <paramref name="b"/>.
        /// </summary>
        public bool TryParse(byte[] b, int start, int length)
        {
            if (length < FixedSize + 1)
            {
                return false;
            }

            Kind = b[start];
            Flags = b[start + 1];
            Seq = LittleEndian.ReadUInt32(b, start + 2);
            Time = LittleEndian.ReadUInt32(b, start + 6);
            int end = start + length;
            int p = start + FixedSize;
            uint idLength;
            if (!LittleEndian.TryReadVarInt(b, ref p, end, out idLength) || idLength == 0 || idLength > (uint)(end - p))
            {
                return false;
            }

            IdOffset = p;
            IdLength = (int)idLength;
            BodyOffset = p + IdLength;
            return Kind == RecordKind.Document || Kind == RecordKind.Local || Kind == RecordKind.Purge;
        }

        public byte[] CopyId(byte[] b)
        {
            byte[] id = new byte[IdLength];
            for (int i = 0; i < IdLength; i++)
            {
                id[i] = b[IdOffset + i];
            }

            return id;
        }

        public bool IdEquals(byte[] b, byte[] id)
        {
            if (id.Length != IdLength)
            {
                return false;
            }

            for (int i = 0; i < IdLength; i++)
            {
                if (b[IdOffset + i] != id[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
