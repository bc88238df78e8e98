using ThaliNano.Mesh.Bundles;
using ThaliNano.Mesh.Contact;
using ThaliNano.Mesh.Receipts;
using ThaliNano.Mesh.Routing;
using ThaliNano.Mesh.Sealing;
using ThaliNano.Simulator.Field;
using ThaliNano.Simulator.Results;
using ThaliNano.Simulator.Routing;

namespace ThaliNano.Simulator.Engine;

/// <summary>
/// The state of one policy's run and the node-level operations of the contact protocol: offer what a peer lacks as
/// the routing rules allow, take custody (a carrier's bounded buffer; the gateway opens and delivers), count copies as
/// handed on the custody acknowledgement, issue, carry and apply receipts.
/// </summary>
internal sealed class World
{
    /// <summary>The largest frame a phone reads (the gateway reads the protocol's largest; a sensor takes no bundles).</summary>
    public const int PhoneFrameBytes = 1024 * 1024;

    /// <summary>The ranges a receipt claims at most (each costs at most 4 bytes below sequence 16384).</summary>
    public const int ReceiptRanges = 64;

    private readonly bool[] _delivered;
    private readonly RangeSet[] _received;
    private readonly bool[] _receiptStale;
    private readonly BundleOpener _opener;
    private readonly Dictionary<(int Owner, int Peer), List<OwedAck>> _pendingAcks = [];

    public World(FieldTrace trace, PolicyKind policy)
    {
        Trace = trace;
        Policy = policy;
        FieldLayout layout = trace.Layout;
        Nodes = Enumerable.Range(0, layout.NodeCount).Select(i => new SimNode(i,
            layout.IsSensor(i) ? NodeKind.Sensor : layout.IsPhone(i) ? NodeKind.Phone : NodeKind.Gateway, trace.NodeIds[i],
            layout.IsSensor(i) ? trace.Scenario.SensorBufferBytes : layout.IsPhone(i) ? trace.Scenario.CarrierBufferBytes : long.MaxValue)).ToArray();
        Directory = new NodeDirectory(Nodes, layout.Gateway, trace.Messages);
        Forwarding = Forwarding.Create(policy, trace.Scenario.Copies, Directory);
        foreach (SimNode node in Nodes)
        {
            node.Router = new Router(node.Id, node.Peer.Role, Forwarding.PolicyFor(node));
            if (node.Kind == NodeKind.Sensor && Forwarding.CarriesReceipts)
            {
                node.Ledger = new ReceiptLedger(trace.Keys[node.Index]);
            }
        }

        _delivered = new bool[trace.Messages.Count];
        _received = Enumerable.Range(0, layout.Sensors).Select(_ => new RangeSet(RangeSet.MaxRangesLimit)).ToArray();
        _receiptStale = new bool[layout.Sensors];
        var keyring = new SealKeyring();
        foreach (SealKey key in trace.Keys)
        {
            keyring.Add(key);
        }

        _opener = new BundleOpener(keyring, Gateway.Id);
    }

    public FieldTrace Trace { get; }

    public PolicyKind Policy { get; }

    public SimNode[] Nodes { get; }

    public NodeDirectory Directory { get; }

    public Forwarding Forwarding { get; }

    public RunStatistics Statistics { get; } = new();

    public SimNode Gateway => Nodes[Trace.Layout.Gateway];

    public bool IsDelivered(int message) => _delivered[message];

    /// <summary>Acks still owed after cut sessions: their tokens are counted at both ends until they arrive.</summary>
    public IEnumerable<OwedAck> OwedAcks => _pendingAcks.Values.SelectMany(acks => acks);

    public int FrameLimitOf(SimNode node) => node.Kind switch
    {
        NodeKind.Gateway => ContactLimits.MaxFrameBytes,
        NodeKind.Phone => PhoneFrameBytes,
        _ => ContactLimits.MinFrameBytes,
    };

    /// <summary>A sensor makes a message: its original copy, with the policy's initial spray tokens.</summary>
    public void MakeMessage(FieldMessage message)
    {
        SimNode sensor = Nodes[message.Sensor];
        Statistics.Created++;
        sensor.Ledger?.RecordBundle(message.Header);
        MakeRoom(sensor, message.WireBytes, message.Created);
        Store(sensor, new HeldCopy(message, message.Wire, message.Header, sensor.Router.Policy.InitialCopies, message.Created, [sensor.Index]));
    }

    /// <summary>What <paramref name="peer"/> does not have and would not refuse as known: its summary's content.</summary>
    public bool Lacks(SimNode peer, FieldMessage message) =>
        peer.Kind == NodeKind.Gateway ? !_delivered[message.Id]
        : !peer.Held.ContainsKey(message.Id) && !peer.Receipts.Covers(message.Sensor, message.Sequence);

    /// <summary>The copies <paramref name="holder"/> hands <paramref name="peer"/> in this session, in order, within the peer's frame.</summary>
    public List<(HeldCopy Copy, Handover Handover)> OffersFrom(SimNode holder, SimNode peer, double time)
    {
        var offers = new List<(HeldCopy, Handover)>();
        if (peer.Kind == NodeKind.Sensor)
        {
            return offers;
        }

        long frame = 0;
        long now = Trace.DtnAt(time);
        foreach (HeldCopy copy in Forwarding.OfferOrder(holder, peer))
        {
            if (!Lacks(peer, copy.Message))
            {
                continue;
            }

            Handover handover = holder.Router.Offer(copy.Header, copy.Copies, peer.Peer, now);
            if (!handover.Offers)
            {
                continue;
            }

            frame += copy.Message.WireBytes;
            if (frame > FrameLimitOf(peer))
            {
                break;
            }

            offers.Add((copy, handover));
        }

        return offers;
    }

    /// <summary>
    /// <paramref name="receiver"/> takes custody of the copy <paramref name="sender"/> prepared: the mesh's own copy
    /// (hop count, tokens, age), parsed and judged by the receiver's router; true when stored (or delivered).
    /// </summary>
    public bool Take(SimNode receiver, SimNode sender, HeldCopy copy, int given, double time)
    {
        byte[] wire = Router.PrepareCopy(copy.Wire, copy.Header, given, (long)Math.Max(0, time - copy.StoredAt));
        if (BundleHeader.TryParse(wire, BundleFormat.DefaultMaxBytes, out BundleHeader header) != BundleRejection.None)
        {
            throw new InvalidOperationException("a prepared copy did not parse");
        }

        long now = Trace.DtnAt(time);
        if (!receiver.Router.Accept(header, sender.Peer, now))
        {
            return false;
        }

        FieldMessage message = copy.Message;
        if (receiver.Kind == NodeKind.Gateway)
        {
            if (_delivered[message.Id] || _opener.Open(wire, now, out _) != BundleRejection.None)
            {
                Statistics.GatewayRejections += _delivered[message.Id] ? 0 : 1;
                return false;
            }

            _delivered[message.Id] = true;
            _received[message.Sensor].Add(message.Sequence);
            _receiptStale[message.Sensor] = true;
            Statistics.Relays++;
            Statistics.Deliveries.Add((message.Id, time));
            Statistics.Latencies.Add(time - message.Created);
            return true;
        }

        if (message.WireBytes > receiver.CapacityBytes)
        {
            return false;
        }

        MakeRoom(receiver, message.WireBytes, time);
        Store(receiver, new HeldCopy(message, wire, header, header.Copies, time, [.. copy.Path, receiver.Index]));
        Statistics.Relays++;
        return true;
    }

    /// <summary>The custody acknowledgement reached the holder: it gives up the tokens it handed (its last: the copy goes).</summary>
    public void Acknowledged(SimNode holder, OwedAck ack, double time)
    {
        if (!holder.Held.TryGetValue(ack.MessageId, out HeldCopy? copy))
        {
            return;
        }

        copy.Copies = Math.Max(0, copy.Copies - ack.TokensSpent);
        if (copy.Copies == 0 && !(holder.Kind == NodeKind.Sensor && Forwarding.SourceKeepsUntilReceipt))
        {
            Remove(holder, copy, time, RemovalReason.HandedOn);
        }
    }

    public void OweAcks(SimNode owner, SimNode peer, List<OwedAck> acks)
    {
        if (acks.Count == 0)
        {
            return;
        }

        if (!_pendingAcks.TryGetValue((owner.Index, peer.Index), out List<OwedAck>? owed))
        {
            _pendingAcks[(owner.Index, peer.Index)] = owed = [];
        }

        owed.AddRange(acks);
    }

    /// <summary>Acks <paramref name="owner"/> still owes <paramref name="peer"/> from a cut session (handed over, no longer owed).</summary>
    public List<OwedAck> TakePendingAcks(SimNode owner, SimNode peer) =>
        _pendingAcks.Remove((owner.Index, peer.Index), out List<OwedAck>? owed) ? owed : [];

    /// <summary>The receipts <paramref name="from"/> passes <paramref name="to"/>: per source, when newer than what <paramref name="to"/> knows.</summary>
    public List<(int Source, byte[] Wire)> ReceiptsFor(SimNode from, SimNode to, double time)
    {
        var receipts = new List<(int, byte[])>();
        if (!Forwarding.CarriesReceipts || to.Kind == NodeKind.Gateway || from.Kind == NodeKind.Sensor)
        {
            return receipts;
        }

        if (from.Kind == NodeKind.Gateway)
        {
            IssueReceipts(time);
        }

        IEnumerable<int> sources = to.Kind == NodeKind.Sensor ? [to.Index] : from.Receipts.Sources;
        foreach (int source in sources)
        {
            if (from.Receipts.IsNewerThan(to.Receipts, source))
            {
                receipts.Add((source, from.Receipts.WireOf(source)));
            }
        }

        return receipts;
    }

    /// <summary>
    /// A receipt arrives: a sensor's ledger verifies its own and frees what it may; a carrier keeps a newer one and
    /// deletes the copies it covers.
    /// </summary>
    public void TakeReceipt(SimNode node, int source, byte[] wire, double time)
    {
        if (node.Kind == NodeKind.Sensor)
        {
            if (node.Ledger!.Apply(wire) != ReceiptRejection.None)
            {
                Statistics.ReceiptRejections++;
                return;
            }

            node.Receipts.TryAdd(source, wire);
            RemoveWhere(node, source, c => node.Ledger.MayFree(StandInPayload.DatabaseName, c.Header.FromSeq, c.Header.ToSeq), time);
            return;
        }

        if (node.Receipts.TryAdd(source, wire) is { } covered)
        {
            RemoveWhere(node, source, c => covered.Contains(c.Message.Sequence), time);
        }
    }

    /// <summary>Bytes of the summary record(s) a node sends: per source, its id and a range set (about 3 bytes per bundle held).</summary>
    public int SummaryBytes(SimNode node)
    {
        if (node.Kind == NodeKind.Sensor)
        {
            return 0;
        }

        if (node.Kind == NodeKind.Gateway)
        {
            return _received.Sum(r => r.IsEmpty ? 0 : 37 + (4 * r.RangeCount));
        }

        return (node.SourcesHeld * 37) + (3 * node.Held.Count);
    }

    public void Sample(double time)
    {
        long phones = 0;
        long sensors = 0;
        int copies = 0;
        foreach (SimNode node in Nodes)
        {
            phones += node.Kind == NodeKind.Phone ? node.UsedBytes : 0;
            sensors += node.Kind == NodeKind.Sensor ? node.UsedBytes : 0;
            copies += node.Held.Count;
        }

        Statistics.Samples.Add(new Sample(time, Statistics.Created, Statistics.Deliveries.Count, phones, sensors, copies));
    }

    public PolicyRun Finish()
    {
        double end = Trace.Scenario.DurationSeconds;
        long held = 0;
        foreach (SimNode node in Nodes)
        {
            foreach (HeldCopy copy in node.Held.Values)
            {
                CountBufferTime(node, copy, end);
                held++;
            }
        }

        RunStatistics s = Statistics;
        return new PolicyRun
        {
            Policy = Policy,
            Seed = Trace.Seed,
            Created = s.Created,
            Deliveries = s.Deliveries,
            Latencies = s.Latencies,
            Relays = s.Relays,
            Drops = s.Drops,
            CopiesStored = s.CopiesStored,
            CopiesRemoved = s.CopiesRemoved,
            CopiesHeldAtEnd = held,
            BufferSecondsTotal = s.BufferSeconds,
            SensorCopiesStored = s.SensorCopiesStored,
            SensorBufferSecondsTotal = s.SensorBufferSeconds,
            GatewayRejections = s.GatewayRejections,
            ReceiptRejections = s.ReceiptRejections,
            Sessions = s.Sessions,
            CutSessions = s.CutSessions,
            BytesMoved = s.BytesMoved,
            Samples = s.Samples,
        };
    }

    private void IssueReceipts(double time)
    {
        for (int source = 0; source < _received.Length; source++)
        {
            if (_receiptStale[source])
            {
                // At most 64 ranges keeps a receipt well under its 512 bytes; it may claim less than was delivered, never more.
                var claimed = new RangeSet(ReceiptRanges);
                claimed.UnionWith(_received[source]);
                Gateway.Receipts.TryAdd(source, Receipt.Issue(Trace.Keys[source], claimed, Trace.DtnAt(time)));
                _receiptStale[source] = false;
            }
        }
    }

    private void MakeRoom(SimNode node, int bytes, double time)
    {
        while (node.UsedBytes + bytes > node.CapacityBytes && node.Held.Count > 0)
        {
            Remove(node, Forwarding.DropCandidate(node), time, RemovalReason.Dropped);
        }
    }

    private void Store(SimNode node, HeldCopy copy)
    {
        node.Add(copy);
        Statistics.CopiesStored++;
        Statistics.SensorCopiesStored += node.Kind == NodeKind.Sensor ? 1 : 0;
    }

    private void Remove(SimNode node, HeldCopy copy, double time, RemovalReason reason)
    {
        node.Remove(copy);
        Statistics.CopiesRemoved++;
        CountBufferTime(node, copy, time);
        Statistics.Drops += reason == RemovalReason.Dropped ? 1 : 0;
    }

    private void CountBufferTime(SimNode node, HeldCopy copy, double until)
    {
        double seconds = Math.Max(0, until - copy.StoredAt);
        Statistics.BufferSeconds += seconds;
        Statistics.SensorBufferSeconds += node.Kind == NodeKind.Sensor ? seconds : 0;
    }

    private void RemoveWhere(SimNode node, int source, Func<HeldCopy, bool> covered, double time)
    {
        foreach (HeldCopy copy in node.HeldFrom(source).Where(covered).ToList())
        {
            Remove(node, copy, time, RemovalReason.Receipted);
        }
    }
}
