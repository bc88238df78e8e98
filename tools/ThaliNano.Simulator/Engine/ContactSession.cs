using ThaliNano.Identity;
using ThaliNano.Mesh.Routing;
using ThaliNano.Simulator.Field;

namespace ThaliNano.Simulator.Engine;

/// <summary>
/// One contact session as the contact protocol runs it (libs/ThaliNano.Mesh README, "Contact"): two round trips
/// between the phone that connects (initiator) and the responder, every record charged to the link. The bytes move
/// at the link's rate after its setup; when the session's capacity runs out the session is cut there: bundles stored
/// before the cut stay stored, and acknowledgements that did not get through are owed until the next session between
/// the two (the sender, not having seen them, keeps its tokens meanwhile).
/// <code>
/// 1  I -> R  hello  summary  receipts  acks owed          R -> I  hello  summary  receipts  bundles  end
/// 2  I -> R  hello  acks  bundles  end                    R -> I  acks  receipts  end
/// </code>
/// </summary>
internal sealed class ContactSession
{
    private const int FrameBytes = 3;
    private const int RecordBytes = 3;
    private const int HelloBytes = RecordBytes + 1 + PublicKeyId.SizeInBytes + 1 + 4;
    private const int AckBytes = RecordBytes + PublicKeyId.SizeInBytes + 5 + 1;

    private readonly World _world;
    private readonly SimNode _initiator;
    private readonly SimNode _responder;
    private readonly LinkModel _link;
    private readonly double _start;
    private readonly long _capacity;
    private long _used;
    private int _halfTrips;

    public ContactSession(World world, Contact contact, double start, double until)
    {
        _world = world;
        _initiator = world.Nodes[contact.Initiator];
        _responder = world.Nodes[contact.Responder];
        _link = contact.Link;
        _start = start;
        _capacity = contact.Link.Capacity(until - start);
    }

    /// <summary>Virtual time when the bytes charged so far have arrived.</summary>
    private double Now => _start + _link.SetupSeconds + (_halfTrips * _link.RoundTripSeconds / 2) + (_used / _link.BytesPerSecond);

    public void Run()
    {
        _world.Statistics.Sessions++;
        bool completed = RunRoundTrips();
        _world.Statistics.CutSessions += completed ? 0 : 1;
        _world.Statistics.BytesMoved += _used;
        _initiator.CountSession(_used);
        _responder.CountSession(_used);
    }

    private bool RunRoundTrips()
    {
        SimNode i = _initiator;
        SimNode r = _responder;

        // Round trip 1, I -> R: what I holds, receipts R may need, acks owed from a cut session.
        List<OwedAck> owedToR = _world.TakePendingAcks(i, r);
        var receipts = _world.ReceiptsFor(i, r, Now);
        if (!Charge(FrameBytes + HelloBytes + _world.SummaryBytes(i) + ReceiptBytes(receipts) + (owedToR.Count * AckBytes) + RecordBytes))
        {
            _world.OweAcks(i, r, owedToR);
            return false;
        }

        Deliver(r, receipts, owedToR);

        // R -> I: what R holds, receipts, then R's bundles that I lacks.
        _halfTrips++;
        receipts = _world.ReceiptsFor(r, i, Now);
        if (!Charge(FrameBytes + HelloBytes + _world.SummaryBytes(r) + ReceiptBytes(receipts)))
        {
            return false;
        }

        Deliver(i, receipts, []);
        if (!Stream(r, i, out List<OwedAck> iOwes) || !Charge(RecordBytes))
        {
            _world.OweAcks(i, r, iOwes);
            return false;
        }

        // Round trip 2, I -> R: custody of what I just stored, then I's bundles that R lacks.
        _halfTrips++;
        if (!Charge(FrameBytes + HelloBytes + (iOwes.Count * AckBytes)))
        {
            _world.OweAcks(i, r, iOwes);
            return false;
        }

        Deliver(r, [], iOwes);
        if (!Stream(i, r, out List<OwedAck> rOwes) || !Charge(RecordBytes))
        {
            _world.OweAcks(r, i, rOwes);
            return false;
        }

        // R -> I: custody of what R stored (the gateway: delivered), acks owed from before, fresh receipts.
        _halfTrips++;
        rOwes.AddRange(_world.TakePendingAcks(r, i));
        receipts = _world.ReceiptsFor(r, i, Now);
        if (!Charge(FrameBytes + (rOwes.Count * AckBytes) + ReceiptBytes(receipts) + RecordBytes))
        {
            _world.OweAcks(r, i, rOwes);
            return false;
        }

        Deliver(i, receipts, rOwes);
        return true;
    }

    /// <summary>Sends what the sender offers the receiver, bundle by bundle; false when the session was cut on the way.</summary>
    private bool Stream(SimNode sender, SimNode receiver, out List<OwedAck> owed)
    {
        owed = [];
        foreach ((HeldCopy copy, Handover handover) in _world.OffersFrom(sender, receiver, Now))
        {
            if (!Charge(RecordBytes + copy.Message.WireBytes))
            {
                return false;
            }

            if (_world.Take(receiver, sender, copy, handover.Given, Now))
            {
                owed.Add(new OwedAck(copy.Message.Id, copy.Copies - handover.Kept));
            }
        }

        return true;
    }

    private void Deliver(SimNode to, List<(int Source, byte[] Wire)> receipts, List<OwedAck> acks)
    {
        foreach ((int source, byte[] wire) in receipts)
        {
            _world.TakeReceipt(to, source, wire, Now);
        }

        foreach (OwedAck ack in acks)
        {
            _world.Acknowledged(to, ack, Now);
        }
    }

    private bool Charge(long bytes)
    {
        if (_used + bytes > _capacity)
        {
            _used = _capacity;
            return false;
        }

        _used += bytes;
        return true;
    }

    private static int ReceiptBytes(List<(int Source, byte[] Wire)> receipts) => receipts.Sum(r => RecordBytes + r.Wire.Length);
}
