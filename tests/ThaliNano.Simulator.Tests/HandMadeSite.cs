using ThaliNano.Simulator.Engine;
using ThaliNano.Simulator.Field;
using ThaliNano.Simulator.Results;

namespace ThaliNano.Simulator.Tests;

/// <summary>
/// A tiny site whose contacts and messages a test writes down: sensor 0, the gateway (node 1) and phones A, B, C
/// (nodes 2, 3, 4); each contact is long enough to move everything unless a test says otherwise.
/// </summary>
internal sealed class HandMadeSite
{
    public const int Sensor = 0;
    public const int Gateway = 1;
    public const int A = 2;
    public const int B = 3;
    public const int C = 4;

    private readonly List<Contact> _contacts = [];
    private readonly List<WorkloadItem> _messages = [];

    public static Scenario Scenario { get; } = new() { Sensors = 1, Phones = 3, Hours = 1, Copies = 4 };

    public HandMadeSite Message(double time, int payloadBytes = 1024)
    {
        _messages.Add(new WorkloadItem(time, Sensor, payloadBytes));
        return this;
    }

    /// <summary>A contact from <paramref name="start"/> for <paramref name="seconds"/> (one session when under a minute).</summary>
    public HandMadeSite Contact(int initiator, int responder, double start, double seconds = 30)
    {
        LinkModel link = responder == Gateway ? Scenario.WiFi : Scenario.Ble;
        _contacts.Add(new Contact(initiator, responder, start, start + seconds, link));
        return this;
    }

    public FieldTrace Trace() => FieldTrace.FromParts(Scenario, _contacts, _messages);

    /// <summary>Runs <paramref name="policy"/>; <paramref name="world"/> is its state at the end.</summary>
    public PolicyRun Run(PolicyKind policy, out World world)
    {
        World? last = null;
        PolicyRun run = FieldSimulation.Run(Trace(), policy, w => last = w);
        world = last!;
        return run;
    }

    /// <summary>The spray tokens each node holds of message 0 at the end (absent: holds no copy).</summary>
    public static Dictionary<int, int> Tokens(World world) =>
        world.Nodes.Where(n => n.Held.ContainsKey(0)).ToDictionary(n => n.Index, n => n.Held[0].Copies);
}
