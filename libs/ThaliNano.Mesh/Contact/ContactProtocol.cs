using ThaliNano.Mesh.Receipts;

namespace ThaliNano.Mesh.Contact
{
    /// <summary>The steps both sides share: reading a hello and a frame's records, writing summaries, receipts and acks.</summary>
    internal static class ContactProtocol
    {
        /// <summary>Reads the frame start and its hello; null (with the report refused) when either is missing or bad.</summary>
        public static ContactHello ReadHello(ContactFrameReader reader, ContactReport report)
        {
            byte[] body = null;
            int type = reader.ReadStart() ? reader.Next(out body) : ContactFrameReader.EndOfFrame;
            report.WireBytesReceived += reader.BytesRead;
            if (type == ContactFrameReader.EndOfFrame)
            {
                Refuse(reader, report);
                return null;
            }

            if (type == ContactRecordType.Refusal)
            {
                string reason;
                ContactRefusal refusal = ContactRecords.DecodeRefusal(body, out reason);
                report.Refuse(refusal, reason == null ? "the peer refused the contact" : "the peer refused: " + reason);
                return null;
            }

            ContactHello hello = type == ContactRecordType.Hello ? ContactHello.Decode(body) : null;
            if (hello == null)
            {
                report.Refuse(ContactRefusal.Malformed, "a frame starts with a well-formed hello");
            }

            return hello;
        }

        /// <summary>Applies records up to the end record (acks only once it came); false (with the report refused) when the frame was cut or bad.</summary>
        public static bool ReadRecords(ContactFrameReader reader, InboundRecords inbound, ContactReport report)
        {
            long before = reader.BytesRead;
            bool applied = true;
            byte[] body;
            int type;
            while (applied && (type = reader.Next(out body)) != ContactFrameReader.EndOfFrame)
            {
                applied = inbound.Apply(type, body);
            }

            report.WireBytesReceived += reader.BytesRead - before;
            if (applied && !reader.Ended)
            {
                Refuse(reader, report);
            }

            if (applied && reader.Ended)
            {
                inbound.Complete();
            }

            return applied && reader.Ended;
        }

        public static void WriteSummary(ContactFrameWriter writer, ContactSummary summary)
        {
            for (int i = 0; i < summary.Count; i++)
            {
                Identity.PublicKeyId source = summary.GetSource(i);
                if (!writer.TryWrite(ContactRecordType.Summary, ContactRecords.EncodeSummary(source, summary.Of(source))))
                {
                    return;
                }
            }
        }

        /// <summary>Writes receipts while they fit (at most the per-frame limit); returns how many.</summary>
        public static int WriteReceipts(ContactFrameWriter writer, byte[][] receipts)
        {
            int written = 0;
            while (receipts != null && written < receipts.Length && written < ContactLimits.MaxReceiptsPerFrame
                && receipts[written].Length <= Receipt.MaxBytes && writer.TryWrite(ContactRecordType.Receipt, receipts[written]))
            {
                written++;
            }

            return written;
        }

        /// <summary>Writes acks in order while they fit (at most the per-frame limit); returns how many.</summary>
        public static int WriteAcks(ContactFrameWriter writer, CustodyAck[] acks)
        {
            int written = 0;
            while (acks != null && written < acks.Length && written < ContactLimits.MaxAcksPerFrame
                && writer.TryWrite(ContactRecordType.Ack, ContactRecords.EncodeAck(acks[written])))
            {
                written++;
            }

            return written;
        }

        private static void Refuse(ContactFrameReader reader, ContactReport report)
        {
            ContactRefusal failure = reader.Failure == ContactRefusal.None ? ContactRefusal.Cut : reader.Failure;
            report.Refuse(failure, Describe(failure));
        }

        private static string Describe(ContactRefusal failure)
        {
            switch (failure)
            {
                case ContactRefusal.TooLarge:
                    return "a frame or record exceeded its limit";
                case ContactRefusal.BadVersion:
                    return "the frame's version is not 1";
                case ContactRefusal.Malformed:
                    return "the frame does not start with \"TC\" or a record is malformed";
                default:
                    return "the frame was cut before its end record";
            }
        }
    }
}
