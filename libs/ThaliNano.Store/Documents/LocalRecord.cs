using ThaliNano.Store.Format;

namespace ThaliNano.Store.Documents
{
    /// <summary>A local document record: <see cref="RecordHeader"/> (seq 0; deleted flag), varint N of "0-N", varint length, body.</summary>
    internal static class LocalRecord
    {
        public static void WriteFrame(ByteBuffer output, byte[] id, uint time, uint number, bool deleted, byte[] body)
        {
            int bodyLength = body == null ? 0 : body.Length;
            int payloadLength = RecordHeader.Length(id) + LittleEndian.VarIntLength(number) + LittleEndian.VarIntLength((uint)bodyLength) + bodyLength;
            int start = output.Reserve(Frame.Overhead + payloadLength);
            byte[] b = output.Data;
            int p = start + Frame.HeaderSize;
            p += RecordHeader.Write(b, p, RecordKind.Local, deleted ? RecordKind.FlagDeleted : (byte)0, 0, time, id);
            p += LittleEndian.WriteVarInt(b, p, number);
            p += LittleEndian.WriteVarInt(b, p, (uint)bodyLength);
            for (int i = 0; i < bodyLength; i++)
            {
                b[p++] = body[i];
            }

            Frame.Seal(b, start, payloadLength);
        }

        /// <summary>Reads N and the body of a local record payload (parsed into h); false when malformed.</summary>
        public static bool TryRead(byte[] payload, int start, int length, RecordHeader h, out uint number, out byte[] body)
        {
            body = null;
            int end = start + length;
            int p = h.BodyOffset;
            uint n;
            if (!LittleEndian.TryReadVarInt(payload, ref p, end, out number) || !LittleEndian.TryReadVarInt(payload, ref p, end, out n)
                || n != (uint)(end - p))
            {
                return false;
            }

            body = new byte[n];
            for (int i = 0; i < body.Length; i++)
            {
                body[i] = payload[p + i];
            }

            return true;
        }
    }
}
