using ThaliNano.Simulator.Results;

namespace ThaliNano.Simulator.Tests;

/// <summary>
/// The reference run's ordering (/work/shared/briefs/mesh.md) on a shorter run of the default site: first contact
/// delivers least, epidemic costs most, spray and wait least, spray and wait's copies wait longest, MaxProp delivers
/// more than epidemic; ours delivers what spray and wait does at no more traffic and with far shorter waits.
/// </summary>
public sealed class OrderingTests
{
    private static readonly Comparison s_comparison = FieldSimulation.Compare(new Scenario { Hours = 6 }, [1, 2], PolicyNames.All);

    private static readonly PolicyKind[] s_baselines =
        [PolicyKind.FirstContact, PolicyKind.Epidemic, PolicyKind.SprayAndWait, PolicyKind.Prophet, PolicyKind.MaxProp];

    [Fact]
    public void First_contact_delivers_least()
    {
        Assert.All(Others(PolicyKind.FirstContact), s => Assert.True(s.DeliveryRatio > Of(PolicyKind.FirstContact).DeliveryRatio, s.Policy.Name()));
    }

    [Fact]
    public void Epidemic_costs_the_most_traffic_and_drops_the_most()
    {
        Assert.All(Others(PolicyKind.Epidemic), s => Assert.True(s.Overhead < Of(PolicyKind.Epidemic).Overhead, s.Policy.Name()));
        Assert.All(Others(PolicyKind.Epidemic), s => Assert.True(s.DropsPerSeed < Of(PolicyKind.Epidemic).DropsPerSeed, s.Policy.Name()));
    }

    [Fact]
    public void Spray_and_wait_costs_the_least_traffic_of_the_baselines_and_its_copies_wait_longest()
    {
        PolicySummary spray = Of(PolicyKind.SprayAndWait);
        Assert.All(Baselines().Where(s => s != spray), s => Assert.True(s.Overhead > spray.Overhead && s.MeanBufferMinutes < spray.MeanBufferMinutes, s.Policy.Name()));
    }

    [Fact]
    public void MaxProp_delivers_more_than_epidemic_at_a_fraction_of_its_traffic()
    {
        PolicySummary maxProp = Of(PolicyKind.MaxProp);
        PolicySummary epidemic = Of(PolicyKind.Epidemic);
        Assert.True(maxProp.DeliveryRatio > epidemic.DeliveryRatio);
        Assert.True(maxProp.Overhead < epidemic.Overhead / 2);
    }

    [Fact]
    public void Ours_delivers_as_spray_and_wait_does_at_no_more_traffic_and_under_half_its_waiting()
    {
        PolicySummary ours = Of(PolicyKind.Ours);
        PolicySummary spray = Of(PolicyKind.SprayAndWait);
        Assert.Equal(spray.DeliveryRatio, ours.DeliveryRatio);
        Assert.True(ours.Overhead <= spray.Overhead);
        Assert.True(ours.MeanBufferMinutes < spray.MeanBufferMinutes / 2);
        Assert.All(Baselines().Where(s => s != spray), s => Assert.True(s.Overhead > ours.Overhead, s.Policy.Name()));
    }

    private static PolicySummary Of(PolicyKind policy) => s_comparison.Of(policy)!;

    private static IEnumerable<PolicySummary> Others(PolicyKind policy) => s_comparison.Summaries.Where(s => s.Policy != policy);

    private static IEnumerable<PolicySummary> Baselines() => s_baselines.Select(Of);
}
