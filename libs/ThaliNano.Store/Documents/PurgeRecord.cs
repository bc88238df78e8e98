using ThaliNano.Store.Format;

namespace ThaliNano.Store.Documents
{
    /// <summary>A purge record: just the <see cref="RecordHeader"/> (seq 0). The document and all its revisions are gone.</summary>
    internal static class PurgeRecord
    {
        public static void WritePurgeFrame(ByteBuffer output, byte[] id, uint time)
        {
            int payloadLength = RecordHeader.Length(id);
            int start = output.Reserve(Frame.Overhead + payloadLength);
            RecordHeader.Write(output.Data, start + Frame.HeaderSize, RecordKind.Purge, 0, 0, time, id);
            Frame.Seal(output.Data, start, payloadLength);
        }
    }
}
