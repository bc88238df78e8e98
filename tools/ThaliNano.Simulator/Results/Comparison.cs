namespace ThaliNano.Simulator.Results;

/// <summary>Every policy on the same seeds: the runs and their per-policy summaries, in the order the policies were asked for.</summary>
public sealed class Comparison
{
    /// <summary>The goal for our policy.</summary>
    public const double GoalDelivery = 0.88;
    public const double GoalOverhead = 3;
    public const double GoalBufferMinutes = 30;

    public Comparison(Scenario scenario, IReadOnlyList<int> seeds, IReadOnlyList<PolicyKind> policies, IReadOnlyList<PolicyRun> runs)
    {
        Scenario = scenario;
        Seeds = seeds;
        Policies = policies;
        Runs = runs;
        Summaries = policies.Select(p => PolicySummary.Of(p, runs.Where(r => r.Policy == p).ToList())).ToArray();
    }

    public Scenario Scenario { get; }

    public IReadOnlyList<int> Seeds { get; }

    public IReadOnlyList<PolicyKind> Policies { get; }

    public IReadOnlyList<PolicyRun> Runs { get; }

    public IReadOnlyList<PolicySummary> Summaries { get; }

    public PolicySummary? Of(PolicyKind policy) => Summaries.FirstOrDefault(s => s.Policy == policy);

    public static bool MeetsGoal(PolicySummary summary) =>
        summary.DeliveryRatio >= GoalDelivery && summary.Overhead <= GoalOverhead && summary.MeanBufferMinutes <= GoalBufferMinutes;
}
