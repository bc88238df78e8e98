using ThaliNano.Simulator.Engine;
using ThaliNano.Simulator.Field;
using ThaliNano.Simulator.Results;

namespace ThaliNano.Simulator;

/// <summary>
/// Runs policies over seeded field traces: every policy replays the same timeline (messages, contact sessions,
/// samples) of each seed, so they are compared on exactly the same walks and the same data.
/// </summary>
public static class FieldSimulation
{
    /// <summary>One policy over one trace.</summary>
    public static PolicyRun Run(FieldTrace trace, PolicyKind policy) => Run(trace, policy, null);

    /// <summary>
    /// Every policy on every seed (runs in parallel; each run is independent and deterministic), side by side.
    /// <paramref name="progress"/> hears the fraction of runs done.
    /// </summary>
    public static Comparison Compare(Scenario scenario, IReadOnlyList<int> seeds, IReadOnlyList<PolicyKind> policies, IProgress<double>? progress = null)
    {
        if (scenario.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(scenario));
        }

        FieldTrace[] traces = new FieldTrace[seeds.Count];
        Parallel.For(0, seeds.Count, i => traces[i] = FieldTrace.Create(scenario, seeds[i]));
        var jobs = (from trace in traces from policy in policies select (trace, policy)).ToArray();
        var runs = new PolicyRun[jobs.Length];
        int done = 0;
        Parallel.For(0, jobs.Length, j =>
        {
            runs[j] = Run(jobs[j].trace, jobs[j].policy, null);
            progress?.Report((double)Interlocked.Increment(ref done) / jobs.Length);
        });

        return new Comparison(scenario, seeds, policies, runs);
    }

    /// <summary>The run, calling <paramref name="afterEvent"/> after each timeline event (tests check invariants there).</summary>
    internal static PolicyRun Run(FieldTrace trace, PolicyKind policy, Action<World>? afterEvent)
    {
        var world = new World(trace, policy);
        foreach (TimelineEvent e in trace.Timeline)
        {
            switch (e.Kind)
            {
                case TimelineEventKind.Message:
                    world.MakeMessage(trace.Messages[e.Index]);
                    break;
                case TimelineEventKind.Session:
                    Contact contact = trace.Contacts[e.Index];
                    if (e.FirstOfContact)
                    {
                        world.Forwarding.Encounter(world.Nodes[contact.Initiator], world.Nodes[contact.Responder], e.Time);
                    }

                    new ContactSession(world, contact, e.Time, e.Until).Run();
                    break;
                case TimelineEventKind.Sample:
                    world.Sample(e.Time);
                    break;
            }

            afterEvent?.Invoke(world);
        }

        return world.Finish();
    }
}
