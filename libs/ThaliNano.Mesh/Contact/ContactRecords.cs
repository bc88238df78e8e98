using System.Text;
using ThaliNano.Identity;
using ThaliNano.Mesh.Receipts;
using ThaliNano.Mesh.Wire;

namespace ThaliNano.Mesh.Contact
{
    /// <summary>Bodies of the summary, ack and refusal records. Decoders never throw: null (or false) on bad bytes.</summary>
    internal static class ContactRecords
    {
        /// <summary>A summary names at most this many ranges per source; more are dropped from the top (claims less: safe).</summary>
        public const int MaxSummaryRanges = 16;

        public const int MaxReasonBytes = 200;

        public static byte[] EncodeSummary(PublicKeyId source, RangeSet bundles)
        {
            RangeSet sent = new RangeSet(MaxSummaryRanges);
            sent.UnionWith(bundles);
            WireWriter writer = new WireWriter(PublicKeyId.SizeInBytes + 8);
            WriteId(writer, source);
            sent.WriteTo(writer);
            return writer.ToArray();
        }

        public static bool DecodeSummary(byte[] body, out PublicKeyId source, out RangeSet bundles)
        {
            WireReader reader = new WireReader(body, 0, body.Length);
            byte[] id = reader.ReadBytes(PublicKeyId.SizeInBytes);
            bundles = reader.Failed ? null : RangeSet.ReadFrom(reader, RangeSet.MaxRangesLimit);
            source = null;
            if (bundles == null || !reader.AtEnd)
            {
                bundles = null;
                return false;
            }

            source = PublicKeyId.FromHash(id);
            return true;
        }

        public static byte[] EncodeAck(CustodyAck ack)
        {
            WireWriter writer = new WireWriter(PublicKeyId.SizeInBytes + 7);
            WriteId(writer, ack.Source);
            writer.WriteVarint(ack.CreationSequence);
            writer.WriteByte(ack.Copies);
            return writer.ToArray();
        }

        public static CustodyAck DecodeAck(byte[] body)
        {
            WireReader reader = new WireReader(body, 0, body.Length);
            byte[] id = reader.ReadBytes(PublicKeyId.SizeInBytes);
            long sequence = reader.ReadVarint(RangeSet.MaxValue);
            int copies = reader.ReadByte();
            if (reader.Failed || !reader.AtEnd || sequence < 1)
            {
                return null;
            }

            return new CustodyAck(PublicKeyId.FromHash(id), sequence, copies);
        }

        public static byte[] EncodeRefusal(ContactRefusal refusal, string reason)
        {
            byte[] text = Encoding.UTF8.GetBytes(reason == null ? string.Empty : reason);
            int length = text.Length > MaxReasonBytes ? MaxReasonBytes : text.Length;
            WireWriter writer = new WireWriter(1 + length);
            writer.WriteByte((int)refusal);
            writer.WriteBytes(text, 0, length);
            return writer.ToArray();
        }

        /// <summary>The peer's refusal; its reason is kept only when it is valid UTF-8 of at most 200 bytes.</summary>
        public static ContactRefusal DecodeRefusal(byte[] body, out string reason)
        {
            reason = null;
            if (body.Length < 1 || body[0] < 1 || body[0] > (int)ContactRefusal.Cut)
            {
                return ContactRefusal.Malformed;
            }

            byte[] text = new byte[body.Length - 1];
            System.Array.Copy(body, 1, text, 0, text.Length);
            if (text.Length <= MaxReasonBytes && Utf8.IsValid(text))
            {
                reason = Encoding.UTF8.GetString(text, 0, text.Length);
            }

            return (ContactRefusal)body[0];
        }

        private static void WriteId(WireWriter writer, PublicKeyId id)
        {
            byte[] bytes = id.ToByteArray();
            writer.WriteBytes(bytes, 0, bytes.Length);
        }
    }
}
