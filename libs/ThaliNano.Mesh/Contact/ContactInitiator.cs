using System;
using System.Collections;
using System.IO;
using ThaliNano.Mesh.Routing;

namespace ThaliNano.Mesh.Contact
{
    /// <summary>
    /// The initiator's side of a contact (see the Mesh README): two round trips over an <see cref="IContactLink"/>.
    /// Bundles the responder sends are taken one by one as they arrive; the node owes an ack for each until the
    /// responder answered a frame that carried it (<see cref="IContactNode.AcksDelivered"/>), so a contact cut anywhere
    /// is resumed by the next one. Never throws on a broken link or a bad reply: the report says how far it got.
    /// </summary>
    public sealed class ContactInitiator
    {
        private static readonly int s_offerRecords = InboundRecords.Allow(ContactRecordType.Summary)
            | InboundRecords.Allow(ContactRecordType.Receipt) | InboundRecords.Allow(ContactRecordType.Bundle)
            | InboundRecords.Allow(ContactRecordType.Refusal);

        private static readonly int s_custodyRecords = InboundRecords.Allow(ContactRecordType.Ack)
            | InboundRecords.Allow(ContactRecordType.Receipt) | InboundRecords.Allow(ContactRecordType.Refusal);

        private readonly IContactNode _node;

        public ContactInitiator(IContactNode node)
        {
            if (node == null)
            {
                throw new ArgumentNullException("node");
            }

            _node = node;
        }

        /// <param name="expectedPeer">The node the link should reach (from discovery or configuration); null when not
        /// known. When given, the reply must come from it, and owed acks and receipts go out in the first request.</param>
        public ContactReport Run(IContactLink link, Peer expectedPeer)
        {
            if (link == null)
            {
                throw new ArgumentNullException("link");
            }

            ContactReport report = new ContactReport();
            CustodyAck[] owed = expectedPeer == null ? new CustodyAck[0] : _node.PendingAcks(expectedPeer);
            MemoryStream request = new MemoryStream();
            ContactFrameWriter writer = StartRequest(request, 1, ContactLimits.MinFrameBytes);
            owed = WriteAcks(writer, owed, report);
            if (expectedPeer != null)
            {
                report.ReceiptsSent += ContactProtocol.WriteReceipts(writer, _node.ReceiptsFor(expectedPeer, null));
            }

            ContactProtocol.WriteSummary(writer, _node.Summarize());
            ContactHello hello;
            InboundRecords offer;
            Stream reply = Send(link, request, writer, report);
            try
            {
                ContactFrameReader reader = reply == null ? null : new ContactFrameReader(reply, _node.MaxInboundFrameBytes);
                hello = reader == null ? null : ContactProtocol.ReadHello(reader, report);
                if (hello == null)
                {
                    return report;
                }

                if (hello.Phase != ContactHello.ReplyPhase || (expectedPeer != null && hello.Id != expectedPeer.Id) || hello.Id == _node.Id)
                {
                    report.Refuse(ContactRefusal.WrongPeer, "the reply did not come from the node expected");
                    return report;
                }

                report.Peer = new Peer(hello.Id, hello.Role);
                _node.AcksDelivered(report.Peer, owed);
                offer = new InboundRecords(_node, report, report.Peer, s_offerRecords, null);
                if (!ContactProtocol.ReadRecords(reader, offer, report))
                {
                    return report;
                }
            }
            finally
            {
                Close(reply);
            }

            RunCustodyRoundTrip(link, hello, offer.Summary, expectedPeer == null, report);
            return report;
        }

        private void RunCustodyRoundTrip(IContactLink link, ContactHello peerHello, ContactSummary peerSummary, bool sendReceipts, ContactReport report)
        {
            Peer peer = report.Peer;
            MemoryStream request = new MemoryStream();
            ContactFrameWriter writer = StartRequest(request, 2, peerHello.MaxInboundFrameBytes);
            CustodyAck[] acks = WriteAcks(writer, _node.PendingAcks(peer), report);
            if (sendReceipts)
            {
                report.ReceiptsSent += ContactProtocol.WriteReceipts(writer, _node.ReceiptsFor(peer, peerSummary));
            }

            FrameBundleSink sink = new FrameBundleSink(writer, report);
            _node.Offer(peer, peerSummary, sink);
            Stream reply = Send(link, request, writer, report);
            try
            {
                ContactFrameReader reader = reply == null ? null : new ContactFrameReader(reply, _node.MaxInboundFrameBytes);
                if (reader == null || !reader.ReadStart())
                {
                    report.Refuse(reader == null || reader.Failure == ContactRefusal.None ? ContactRefusal.Cut : reader.Failure,
                        "the custody reply did not arrive");
                    return;
                }

                _node.AcksDelivered(peer, acks);
                InboundRecords custody = new InboundRecords(_node, report, peer, s_custodyRecords, sink.Sent);
                report.Completed = ContactProtocol.ReadRecords(reader, custody, report);
            }
            finally
            {
                Close(reply);
            }
        }

        private ContactFrameWriter StartRequest(MemoryStream request, int phase, int limit)
        {
            ContactFrameWriter writer = new ContactFrameWriter(request, limit);
            writer.TryWrite(ContactRecordType.Hello, new ContactHello(phase, _node.Id, _node.Role, _node.MaxInboundFrameBytes).Encode());
            return writer;
        }

        private static CustodyAck[] WriteAcks(ContactFrameWriter writer, CustodyAck[] acks, ContactReport report)
        {
            int written = ContactProtocol.WriteAcks(writer, acks);
            report.AcksSent += written;
            CustodyAck[] sent = new CustodyAck[written];
            Array.Copy(acks, sent, written);
            return sent;
        }

        /// <summary>Ends the request frame and sends it; null (with the report refused) when the link failed.</summary>
        private static Stream Send(IContactLink link, MemoryStream request, ContactFrameWriter writer, ContactReport report)
        {
            writer.WriteEnd();
            report.RoundTrips++;
            report.WireBytesSent += request.Length;
            try
            {
                Stream reply = link.Exchange(request.ToArray());
                if (reply == null)
                {
                    report.Refuse(ContactRefusal.Cut, "the link returned no reply");
                }

                return reply;
            }
            catch (ContactRefusedException e)
            {
                report.Refuse(e.Refusal, e.Message);
            }
            catch (IOException e)
            {
                report.Refuse(ContactRefusal.Cut, "the link broke: " + e.Message);
            }

            return null;
        }

        private static void Close(Stream reply)
        {
            if (reply != null)
            {
                reply.Dispose();
            }
        }
    }
}
