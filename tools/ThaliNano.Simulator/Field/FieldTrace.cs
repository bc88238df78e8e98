using System.Text;
using ThaliNano.Hashing;
using ThaliNano.Identity;
using ThaliNano.Mesh.Bundles;
using ThaliNano.Mesh.Sealing;

namespace ThaliNano.Simulator.Field;

/// <summary>
/// Everything about one seed that does not depend on the routing policy: who meets whom when (exact contacts of the
/// walkers' paths), the messages (real sealed bundles), and the timeline of events every policy replays the same way.
/// </summary>
public sealed class FieldTrace
{
    /// <summary>Bundles outlive any run (the bundle builder's default, 7 days).</summary>
    public const long LifetimeSeconds = 7 * 24 * 3600;

    /// <summary>Virtual time 0 in DTN seconds (2026-01-01T00:00Z).</summary>
    public static readonly long EpochDtn = DtnTime.FromDateTime(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));

    private FieldTrace(Scenario scenario, int seed, FieldLayout layout, IReadOnlyList<Contact> contacts, IReadOnlyList<WorkloadItem> workload)
    {
        Scenario = scenario;
        Seed = seed;
        Layout = layout;
        Contacts = contacts;
        NodeIds = Enumerable.Range(0, layout.NodeCount).Select(i => IdOf("node " + i)).ToArray();
        Keys = Enumerable.Range(0, layout.Sensors)
            .Select(i => new SealKey(Sha256.Hash(Encoding.UTF8.GetBytes("secret " + seed + " " + i)), NodeIds[i], NodeIds[layout.Gateway]))
            .ToArray();
        Messages = Seal(workload, seed);
        Timeline = BuildTimeline();
    }

    public Scenario Scenario { get; }

    public int Seed { get; }

    public FieldLayout Layout { get; }

    public IReadOnlyList<PublicKeyId> NodeIds { get; }

    /// <summary>Per sensor, the key it shares with the gateway.</summary>
    public IReadOnlyList<SealKey> Keys { get; }

    public IReadOnlyList<Contact> Contacts { get; }

    public IReadOnlyList<FieldMessage> Messages { get; }

    public IReadOnlyList<TimelineEvent> Timeline { get; }

    /// <summary>The scenario's site for <paramref name="seed"/>: random-waypoint walkers, a Poisson stream of messages.</summary>
    public static FieldTrace Create(Scenario scenario, int seed)
    {
        if (scenario.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(scenario));
        }

        var layout = new FieldLayout(scenario.Sensors, scenario.Phones, scenario.SensorSpacingMeters);
        double duration = scenario.DurationSeconds;
        Trajectory[] phones = Enumerable.Range(0, scenario.Phones)
            .Select(p => Trajectory.RandomWaypoint(new Random(Derive(seed, 1 + p)), layout.AreaSize, scenario.MinSpeed, scenario.MaxSpeed, scenario.MaxPauseSeconds, duration))
            .ToArray();
        var contacts = new List<Contact>();
        for (int p = 0; p < phones.Length; p++)
        {
            int phone = layout.Phone(p);
            for (int s = 0; s < layout.Sensors; s++)
            {
                AddContacts(contacts, phone, s, phones[p], Trajectory.Standing(layout.SensorPositions[s], duration), scenario.Ble, duration);
            }

            AddContacts(contacts, phone, layout.Gateway, phones[p], Trajectory.Standing(layout.GatewayPosition, duration), scenario.WiFi, duration);
            for (int q = p + 1; q < phones.Length; q++)
            {
                AddContacts(contacts, phone, layout.Phone(q), phones[p], phones[q], scenario.Ble, duration);
            }
        }

        contacts.Sort((a, b) => a.Start.CompareTo(b.Start));
        return new FieldTrace(scenario, seed, layout, contacts, Workload(scenario, new Random(Derive(seed, 0))));
    }

    /// <summary>A hand-made site: the given contacts and messages on the scenario's layout (tests).</summary>
    public static FieldTrace FromParts(Scenario scenario, IReadOnlyList<Contact> contacts, IReadOnlyList<WorkloadItem> workload) =>
        new(scenario, 0, new FieldLayout(scenario.Sensors, scenario.Phones, scenario.SensorSpacingMeters),
            [.. contacts.OrderBy(c => c.Start)], [.. workload.OrderBy(w => w.Time)]);

    public long DtnAt(double time) => EpochDtn + (long)time;

    private static void AddContacts(List<Contact> contacts, int initiator, int responder, Trajectory a, Trajectory b, LinkModel link, double duration)
    {
        foreach ((double start, double end) in ContactFinder.InRange(a, b, link.RangeMeters, duration))
        {
            contacts.Add(new Contact(initiator, responder, start, end, link));
        }
    }

    private static List<WorkloadItem> Workload(Scenario scenario, Random random)
    {
        var items = new List<WorkloadItem>();
        double time = 0;
        while (true)
        {
            time += -Math.Log(1 - random.NextDouble()) * scenario.MessageIntervalSeconds;
            if (time >= scenario.DurationSeconds)
            {
                return items;
            }

            items.Add(new WorkloadItem(time, random.Next(scenario.Sensors), random.Next(scenario.MinMessageBytes, scenario.MaxMessageBytes + 1)));
        }
    }

    private FieldMessage[] Seal(IReadOnlyList<WorkloadItem> workload, int seed)
    {
        var sealers = Keys.Select((key, i) => new BundleSealer(key, new SeededRandomSource(Derive(seed, -1 - i)))).ToArray();
        var sequences = new long[Layout.Sensors];
        var messages = new FieldMessage[workload.Count];
        for (int i = 0; i < workload.Count; i++)
        {
            WorkloadItem item = workload[i];
            long sequence = ++sequences[item.Sensor];
            BundleHeader header = BundleHeader.Create(NodeIds[item.Sensor], sequence, NodeIds[Layout.Gateway], StandInPayload.DatabaseName,
                sequence, sequence, DtnAt(item.Time), LifetimeSeconds, Scenario.HopLimit, Scenario.Copies);
            byte[] payload = StandInPayload.Encode(sequence);
            messages[i] = new FieldMessage(i, item.Sensor, item.Time, item.PayloadBytes, sealers[item.Sensor].Seal(header, payload, 0, payload.Length), header);
        }

        return messages;
    }

    private List<TimelineEvent> BuildTimeline()
    {
        var events = new List<TimelineEvent>();
        for (int i = 0; i < Messages.Count; i++)
        {
            events.Add(new TimelineEvent(Messages[i].Created, TimelineEventKind.Message, i, 0, false));
        }

        for (int i = 0; i < Contacts.Count; i++)
        {
            Contact contact = Contacts[i];
            for (double t = contact.Start; t < contact.End; t += Scenario.RecontactSeconds)
            {
                events.Add(new TimelineEvent(t, TimelineEventKind.Session, i, Math.Min(t + Scenario.RecontactSeconds, contact.End), t == contact.Start));
            }
        }

        for (double t = Scenario.SampleSeconds; t <= Scenario.DurationSeconds; t += Scenario.SampleSeconds)
        {
            events.Add(new TimelineEvent(t, TimelineEventKind.Sample, 0, 0, false));
        }

        events.Sort();
        return events;
    }

    private static PublicKeyId IdOf(string name) => PublicKeyId.FromHash(Sha256.Hash(Encoding.UTF8.GetBytes("thalinano sim " + name)));

    /// <summary>An independent, stable random stream per use (HashCode is randomized per process: not usable here).</summary>
    private static int Derive(int seed, int stream) => (int)(((uint)seed * 2654435761u) ^ (((uint)stream * 40503u) + 0x9E3779B9u));
}
