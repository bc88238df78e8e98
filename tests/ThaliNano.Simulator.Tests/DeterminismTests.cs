using ThaliNano.Simulator.Field;
using ThaliNano.Simulator.Results;

namespace ThaliNano.Simulator.Tests;

public sealed class DeterminismTests
{
    private static readonly Scenario s_short = new() { Hours = 1.5 };

    [Theory]
    [MemberData(nameof(Policies))]
    public void The_same_seed_gives_the_same_run(PolicyKind policy)
    {
        PolicyRun first = FieldSimulation.Run(FieldTrace.Create(s_short, 11), policy);
        PolicyRun second = FieldSimulation.Run(FieldTrace.Create(s_short, 11), policy);

        Assert.True(first.Delivered > 0);
        Assert.Equal(first.Deliveries, second.Deliveries);
        Assert.Equal(first.Samples, second.Samples);
        Assert.Equal((first.Relays, first.Drops, first.BufferSecondsTotal, first.BytesMoved), (second.Relays, second.Drops, second.BufferSecondsTotal, second.BytesMoved));
    }

    [Fact]
    public void Another_seed_gives_other_walks_and_messages()
    {
        FieldTrace a = FieldTrace.Create(s_short, 11);
        FieldTrace b = FieldTrace.Create(s_short, 12);

        Assert.NotEqual(a.Contacts.Select(c => c.Start), b.Contacts.Select(c => c.Start));
        Assert.NotEqual(a.Messages.Select(m => m.Created), b.Messages.Select(m => m.Created));
    }

    [Fact]
    public void The_parallel_comparison_equals_the_runs_one_by_one()
    {
        Comparison comparison = FieldSimulation.Compare(s_short, [3, 4], [PolicyKind.Ours, PolicyKind.Epidemic]);

        foreach (PolicyRun run in comparison.Runs)
        {
            Assert.Equal(FieldSimulation.Run(FieldTrace.Create(s_short, run.Seed), run.Policy).Deliveries, run.Deliveries);
        }

        Assert.Equal(4, comparison.Runs.Count);
    }

    [Fact]
    public void A_scenario_that_cannot_run_is_refused_with_the_reason()
    {
        var e = Assert.Throws<ArgumentException>(() => FieldTrace.Create(s_short with { Phones = 201 }, 1));

        Assert.StartsWith("phones must be 0 to 200", e.Message);
    }

    public static TheoryData<PolicyKind> Policies() => [.. PolicyNames.All];
}
