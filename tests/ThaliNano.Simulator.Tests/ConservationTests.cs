using ThaliNano.Simulator.Engine;
using ThaliNano.Simulator.Field;
using ThaliNano.Simulator.Results;

namespace ThaliNano.Simulator.Tests;

/// <summary>Nothing is delivered twice or counted twice, and no copy appears from nowhere, whatever the policy.</summary>
public sealed class ConservationTests
{
    private static readonly FieldTrace s_trace = FieldTrace.Create(new Scenario { Hours = 2, CarrierBufferBytes = 512 * 1024 }, 5);

    [Theory]
    [MemberData(nameof(Policies))]
    public void Every_message_is_delivered_at_most_once_after_it_was_made(PolicyKind policy)
    {
        PolicyRun run = FieldSimulation.Run(s_trace, policy);

        Assert.True(run.Delivered > 0);
        Assert.Equal(run.Delivered, run.Deliveries.Select(d => d.MessageId).Distinct().Count());
        Assert.Equal(s_trace.Messages.Count, run.Created);
        Assert.All(run.Deliveries, d => Assert.True(d.Time >= s_trace.Messages[d.MessageId].Created));
        Assert.Equal(run.Deliveries.Select(d => d.Time - s_trace.Messages[d.MessageId].Created), run.Latencies);
        Assert.Equal(0, run.GatewayRejections);
        Assert.Equal(0, run.ReceiptRejections);
    }

    [Theory]
    [MemberData(nameof(Policies))]
    public void Every_copy_is_an_original_or_a_relay_and_leaves_once(PolicyKind policy)
    {
        PolicyRun run = FieldSimulation.Run(s_trace, policy);

        // The gateway keeps no copy: each relay but the deliveries stored one.
        Assert.Equal(run.Created + run.Relays - run.Delivered, run.CopiesStored);
        Assert.Equal(run.CopiesStored, run.CopiesRemoved + run.CopiesHeldAtEnd);
    }

    [Theory]
    [MemberData(nameof(Policies))]
    public void Copies_stay_where_the_rules_allow_at_every_moment(PolicyKind policy)
    {
        FieldSimulation.Run(s_trace, policy, world =>
        {
            foreach (SimNode node in world.Nodes)
            {
                Assert.True(node.UsedBytes <= node.CapacityBytes);
                foreach (HeldCopy copy in node.Held.Values)
                {
                    // Sensors hold only their own; every copy came along a path from its sensor to its holder.
                    Assert.Equal(copy.Message.Sensor, copy.Path[0]);
                    Assert.Equal(node.Index, copy.Path[^1]);
                    Assert.Equal(copy.Path.Length - 1, copy.Header.HopCount);
                    Assert.False(world.IsDelivered(copy.Message.Id) && world.Forwarding.CarriesReceipts && node.Receipts.Covers(copy.Message.Sensor, copy.Message.Sequence));
                }
            }
        });
    }

    [Theory]
    [InlineData(PolicyKind.SprayAndWait)]
    [InlineData(PolicyKind.Ours)]
    public void Spray_tokens_in_circulation_never_exceed_L(PolicyKind policy)
    {
        int copies = s_trace.Scenario.Copies;
        FieldSimulation.Run(s_trace, policy, world =>
        {
            var tokens = new Dictionary<int, int>();
            foreach (HeldCopy copy in world.Nodes.SelectMany(n => n.Held.Values))
            {
                tokens[copy.Message.Id] = tokens.GetValueOrDefault(copy.Message.Id) + copy.Copies;
            }

            // A sender deducts what it handed over only when the custody ack arrives; acks a cut left owed are counted out.
            foreach (OwedAck ack in world.OwedAcks)
            {
                tokens[ack.MessageId] = tokens.GetValueOrDefault(ack.MessageId) - ack.TokensSpent;
            }

            Assert.All(tokens.Values, t => Assert.InRange(t, 0, copies));
        });
    }

    public static TheoryData<PolicyKind> Policies() => [.. PolicyNames.All];
}
