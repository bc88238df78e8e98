using ThaliNano.Simulator.Engine;
using ThaliNano.Simulator.Results;
using static ThaliNano.Simulator.Tests.HandMadeSite;

namespace ThaliNano.Simulator.Tests;

/// <summary>Each policy's defining behaviour on a site small enough to follow every copy.</summary>
public sealed class PolicyBehaviourTests
{
    /// <summary>The sensor meets A, A meets B, B reaches the gateway.</summary>
    private static HandMadeSite Relay() => new HandMadeSite().Message(0).Contact(A, Sensor, 10).Contact(A, B, 100).Contact(B, Gateway, 200);

    [Fact]
    public void First_contact_moves_the_one_copy_along_and_leaves_none_behind()
    {
        PolicyRun run = Relay().Run(PolicyKind.FirstContact, out World world);

        Assert.Single(run.Deliveries);
        Assert.Equal(3, run.Relays);
        Assert.Empty(Tokens(world));
        Assert.Equal(0, run.CopiesHeldAtEnd);
    }

    [Fact]
    public void Epidemic_copies_to_every_carrier_and_everyone_keeps_theirs()
    {
        PolicyRun run = Relay().Run(PolicyKind.Epidemic, out World world);

        Assert.Single(run.Deliveries);
        Assert.Equal(3, run.Relays);
        Assert.Equal(new Dictionary<int, int> { [Sensor] = 1, [A] = 1 }, Tokens(world));
    }

    [Fact]
    public void Spray_and_wait_halves_the_tokens_at_each_hand_over_and_the_last_holder_waits()
    {
        HandMadeSite site = new HandMadeSite().Message(0).Contact(A, Sensor, 10).Contact(A, B, 100).Contact(C, Sensor, 150).Contact(B, C, 200);

        PolicyRun run = site.Run(PolicyKind.SprayAndWait, out World world);

        // 4 -> sensor 2 + A 2; A 1 + B 1; sensor 1 + C 1; B and C both hold 1: they wait for the gateway.
        Assert.Equal(new Dictionary<int, int> { [Sensor] = 1, [A] = 1, [B] = 1, [C] = 1 }, Tokens(world));
        Assert.Equal(3, run.Relays);
        Assert.Empty(run.Deliveries);
    }

    [Fact]
    public void Spray_and_wait_without_receipts_leaves_delivered_copies_in_every_buffer()
    {
        PolicyRun run = Relay().Contact(B, A, 300).Contact(A, Sensor, 400).Run(PolicyKind.SprayAndWait, out World world);

        Assert.Single(run.Deliveries);
        Assert.Equal(new Dictionary<int, int> { [Sensor] = 2, [A] = 1 }, Tokens(world));
    }

    [Fact]
    public void Our_receipts_travel_back_through_carriers_and_free_every_copy_and_the_sensor()
    {
        PolicyRun run = Relay().Contact(B, A, 300).Contact(A, Sensor, 400).Run(PolicyKind.Ours, out World world);

        Assert.Single(run.Deliveries);
        Assert.Empty(Tokens(world));
        Assert.True(world.Nodes[Sensor].Ledger!.IsReceipted(1));
        Assert.Equal(0, run.ReceiptRejections);
        Assert.Equal(0, run.CopiesHeldAtEnd);
    }

    [Fact]
    public void Our_sensor_keeps_its_data_after_handing_out_every_token_until_a_receipt_arrives()
    {
        HandMadeSite site = new HandMadeSite().Message(0).Contact(A, Sensor, 10).Contact(B, Sensor, 100).Contact(C, Sensor, 200);

        PolicyRun run = site.Run(PolicyKind.Ours, out World world);

        // 4 -> A 2, B 1, then the sensor's last token waits (a sensor never meets the gateway), its data kept.
        Assert.Equal(new Dictionary<int, int> { [Sensor] = 1, [A] = 2, [B] = 1 }, Tokens(world));
        Assert.False(world.Nodes[Sensor].Ledger!.IsReceipted(1));
    }

    [Fact]
    public void A_receipt_passed_from_carrier_to_carrier_frees_the_sensor_and_stops_its_offers()
    {
        // A delivers and comes back with the receipt; B learns it from A and hands it to the sensor, which frees its
        // copy and offers B nothing.
        HandMadeSite site = new HandMadeSite().Message(0).Contact(A, Sensor, 10).Contact(A, Gateway, 100).Contact(B, A, 200).Contact(B, Sensor, 300);

        PolicyRun run = site.Run(PolicyKind.Ours, out World world);

        Assert.Single(run.Deliveries);
        Assert.Equal(2, run.Relays);
        Assert.Empty(Tokens(world));
    }

    [Fact]
    public void Prophet_copies_only_to_a_peer_likelier_to_meet_the_gateway()
    {
        // A has met the gateway, B never has: the sensor gives its copy to A, not to B.
        HandMadeSite site = new HandMadeSite().Contact(A, Gateway, 0).Message(50).Contact(B, Sensor, 60).Contact(A, Sensor, 100).Contact(A, B, 200);

        PolicyRun run = site.Run(PolicyKind.Prophet, out World world);

        Assert.Equal(new Dictionary<int, int> { [Sensor] = 1, [A] = 1 }, Tokens(world));
        Assert.Equal(1, run.Relays);
    }

    [Fact]
    public void MaxProp_floods_copies_and_its_acks_delete_them_everywhere()
    {
        HandMadeSite site = Relay().Contact(C, Sensor, 50).Contact(B, C, 300).Contact(C, A, 400).Contact(C, Sensor, 500);

        PolicyRun run = site.Run(PolicyKind.MaxProp, out World world);

        Assert.Single(run.Deliveries);
        Assert.Equal(4, run.Relays);
        Assert.Empty(Tokens(world));
    }

    [Fact]
    public void MaxProp_sizes_its_head_start_by_the_bytes_a_contact_moves()
    {
        Assert.Equal(100, Routing.MaxPropForwarding.HeadStartBytes(100, 1000));
        Assert.Equal(300, Routing.MaxPropForwarding.HeadStartBytes(700, 1000));
        Assert.Equal(0, Routing.MaxPropForwarding.HeadStartBytes(1500, 1000));
    }
}
