using System;
using System.IO;
using ThaliNano.Identity;
using ThaliNano.Mesh.Routing;

namespace ThaliNano.Mesh.Contact
{
    /// <summary>
    /// The responder's side of a contact (see the Mesh README): answers one request frame at a time and keeps no state
    /// between the two round trips. Nothing is written before the whole request was read and applied, so a refused
    /// request leaves the response empty and the caller picks the form of the refusal (an HTTP status with a JSON body,
    /// or <see cref="RefusalFrame"/> over BLE).
    /// </summary>
    public sealed class ContactResponder
    {
        private static readonly int s_phase1Records = InboundRecords.Allow(ContactRecordType.Summary)
            | InboundRecords.Allow(ContactRecordType.Receipt) | InboundRecords.Allow(ContactRecordType.Ack);

        private static readonly int s_phase2Records = InboundRecords.Allow(ContactRecordType.Ack)
            | InboundRecords.Allow(ContactRecordType.Receipt) | InboundRecords.Allow(ContactRecordType.Bundle);

        private readonly IContactNode _node;

        public ContactResponder(IContactNode node)
        {
            if (node == null)
            {
                throw new ArgumentNullException("node");
            }

            _node = node;
        }

        /// <param name="transportPeer">The key the transport authenticated (HTTPS), which the hello must name; null over
        /// BLE, where the hello's id is taken as claimed.</param>
        public ContactReport Respond(Stream request, Stream response, PublicKeyId transportPeer)
        {
            if (request == null || response == null)
            {
                throw new ArgumentNullException(request == null ? "request" : "response");
            }

            ContactReport report = new ContactReport();
            report.RoundTrips = 1;
            ContactFrameReader reader = new ContactFrameReader(request, _node.MaxInboundFrameBytes);
            ContactHello hello = ContactProtocol.ReadHello(reader, report);
            if (hello == null)
            {
                return report;
            }

            if (hello.Phase == ContactHello.ReplyPhase)
            {
                report.Refuse(ContactRefusal.WrongPhase, "a request's hello names phase 1 or 2");
                return report;
            }

            if ((transportPeer != null && hello.Id != transportPeer) || hello.Id == _node.Id)
            {
                report.Refuse(ContactRefusal.WrongPeer, "the hello names another node than the one connected");
                return report;
            }

            Peer peer = new Peer(hello.Id, hello.Role);
            report.Peer = peer;
            InboundRecords inbound = new InboundRecords(_node, report, peer, hello.Phase == 1 ? s_phase1Records : s_phase2Records, null);
            if (!ContactProtocol.ReadRecords(reader, inbound, report))
            {
                return report;
            }

            ContactFrameWriter writer = new ContactFrameWriter(response, hello.MaxInboundFrameBytes);
            if (hello.Phase == 1)
            {
                WriteOffer(writer, peer, inbound.Summary, report);
            }
            else
            {
                WriteCustody(writer, peer, inbound.Taken, report);
            }

            writer.WriteEnd();
            report.WireBytesSent = writer.Written;
            report.Completed = true;
            return report;
        }

        /// <summary>A whole frame holding only a refusal: how a BLE responder answers a refused request.</summary>
        public static byte[] RefusalFrame(ContactRefusal refusal, string reason)
        {
            MemoryStream frame = new MemoryStream();
            ContactFrameWriter writer = new ContactFrameWriter(frame, ContactLimits.MinFrameBytes);
            writer.TryWrite(ContactRecordType.Refusal, ContactRecords.EncodeRefusal(refusal, reason));
            writer.WriteEnd();
            return frame.ToArray();
        }

        private void WriteOffer(ContactFrameWriter writer, Peer peer, ContactSummary peerSummary, ContactReport report)
        {
            ContactHello hello = new ContactHello(ContactHello.ReplyPhase, _node.Id, _node.Role, _node.MaxInboundFrameBytes);
            writer.TryWrite(ContactRecordType.Hello, hello.Encode());
            ContactProtocol.WriteSummary(writer, _node.Summarize());
            report.ReceiptsSent += ContactProtocol.WriteReceipts(writer, _node.ReceiptsFor(peer, peerSummary));
            _node.Offer(peer, peerSummary, new FrameBundleSink(writer, report));
        }

        private void WriteCustody(ContactFrameWriter writer, Peer peer, CustodyAck[] taken, ContactReport report)
        {
            int written = ContactProtocol.WriteAcks(writer, taken);
            report.AcksSent += written;
            if (taken.Length > 0)
            {
                ContactSummary received = new ContactSummary();
                for (int i = 0; i < taken.Length; i++)
                {
                    if (received.Of(taken[i].Source) == null && received.Count >= ContactLimits.MaxSummarySources)
                    {
                        continue;
                    }

                    Receipts.RangeSet one = new Receipts.RangeSet(1);
                    one.Add(taken[i].CreationSequence);
                    received.Add(taken[i].Source, one);
                }

                report.ReceiptsSent += ContactProtocol.WriteReceipts(writer, _node.ReceiptsFor(peer, received));
            }

            CustodyAck[] delivered = new CustodyAck[written];
            Array.Copy(taken, delivered, written);
            _node.AcksDelivered(peer, delivered);
        }
    }
}
