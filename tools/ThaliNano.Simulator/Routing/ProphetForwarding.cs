using ThaliNano.Mesh.Bundles;
using ThaliNano.Mesh.Routing;
using ThaliNano.Simulator.Engine;

namespace ThaliNano.Simulator.Routing;

/// <summary>
/// PRoPHET (RFC 6693) with the RFC's recommended parameters: delivery predictabilities that rise on encounters
/// (section 2.1.2, scaled by the time since the last encounter against a typical interval), age by gamma per time
/// unit, and spread transitively (beta); a holder copies a bundle to a peer whose predictability for the gateway is
/// greater than its own (GRTR), FIFO queue and drops. Without PRoPHET ACKs, as in the reference run this reproduces.
/// </summary>
internal sealed class ProphetForwarding : Forwarding
{
    public const double EncounterMax = 0.7;
    public const double EncounterFirst = 0.5;
    public const double FirstThreshold = 0.1;
    public const double Delta = 0.01;
    public const double Beta = 0.9;
    public const double Gamma = 0.999;

    /// <summary>The aging time unit and the typical interval between encounters (the RFC leaves both to the deployment).</summary>
    public const double TimeUnitSeconds = 30;
    public const double TypicalIntervalSeconds = 1800;

    private readonly NodeDirectory _nodes;
    private readonly double[][] _predictability;
    private readonly double[] _agedAt;
    private readonly Dictionary<(int, int), double> _lastEncounter = [];

    public ProphetForwarding(NodeDirectory nodes)
    {
        _nodes = nodes;
        _predictability = Enumerable.Range(0, nodes.Count).Select(_ => new double[nodes.Count]).ToArray();
        _agedAt = new double[nodes.Count];
    }

    /// <summary>P(node, other) as last updated.</summary>
    public double Predictability(int node, int other) => _predictability[node][other];

    public override IRoutingPolicy PolicyFor(SimNode node) => new Policy(this, node.Index);

    public override void Encounter(SimNode a, SimNode b, double time)
    {
        Age(a.Index, time);
        Age(b.Index, time);
        (int, int) pair = (Math.Min(a.Index, b.Index), Math.Max(a.Index, b.Index));
        double encounter = _lastEncounter.TryGetValue(pair, out double last) && time - last < TypicalIntervalSeconds
            ? EncounterMax * (time - last) / TypicalIntervalSeconds
            : EncounterMax;
        _lastEncounter[pair] = time;
        Meet(a.Index, b.Index, encounter);
        Meet(b.Index, a.Index, encounter);
        double[] before = (double[])_predictability[a.Index].Clone();
        Transit(a.Index, b.Index, _predictability[b.Index]);
        Transit(b.Index, a.Index, before);
    }

    private void Meet(int self, int other, double encounter)
    {
        double old = _predictability[self][other];
        _predictability[self][other] = old < FirstThreshold ? EncounterFirst : old + ((1 - Delta - old) * encounter);
    }

    private void Transit(int self, int via, double[] peerVector)
    {
        double[] mine = _predictability[self];
        for (int c = 0; c < mine.Length; c++)
        {
            if (c != self && c != via)
            {
                mine[c] = Math.Max(mine[c], mine[via] * peerVector[c] * Beta);
            }
        }
    }

    private void Age(int node, double time)
    {
        double units = Math.Floor((time - _agedAt[node]) / TimeUnitSeconds);
        if (units < 1)
        {
            return;
        }

        double factor = Math.Pow(Gamma, units);
        double[] vector = _predictability[node];
        for (int c = 0; c < vector.Length; c++)
        {
            vector[c] *= factor;
        }

        _agedAt[node] += units * TimeUnitSeconds;
    }

    /// <summary>GRTR: copy (keeping ours) when the peer is likelier to meet the gateway than this node.</summary>
    private sealed class Policy(ProphetForwarding prophet, int self) : IRoutingPolicy
    {
        public int InitialCopies => 1;

        public Handover Split(BundleHeader bundle, int copiesHeld, Peer peer)
        {
            int gateway = prophet._nodes.Gateway;
            bool likelier = prophet.Predictability(prophet._nodes.IndexOf(peer.Id), gateway) > prophet.Predictability(self, gateway);
            return new Handover(likelier ? 1 : 0, copiesHeld);
        }

        public bool AcceptCustody(BundleHeader bundle, Peer from) => true;
    }
}
