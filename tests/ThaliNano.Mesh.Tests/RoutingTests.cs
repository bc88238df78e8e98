using ThaliNano.Mesh.Bundles;
using ThaliNano.Mesh.Receipts;
using ThaliNano.Mesh.Routing;

namespace ThaliNano.Mesh.Tests;

public sealed class RoutingTests
{
    private static readonly Peer s_carrierA = new(MeshFixture.Id(10), NodeRole.Carrier);
    private static readonly Peer s_carrierB = new(MeshFixture.Id(11), NodeRole.Carrier);
    private static readonly Peer s_sensor = new(MeshFixture.Id(12), NodeRole.Sensor);
    private static readonly Peer s_destination = new(MeshFixture.Destination, NodeRole.Destination);

    private static BundleHeader Bundle(int copies = 4) =>
        BundleHeader.Create(MeshFixture.Source, 1, MeshFixture.Destination, "readings", 1, 5, MeshFixture.Now, 3600, 3, copies);

    [Theory]
    [InlineData(4, 2, 2)]
    [InlineData(5, 2, 3)]
    [InlineData(2, 1, 1)]
    [InlineData(1, 0, 1)]
    public void Spray_and_wait_halves_then_waits(int held, int given, int kept)
    {
        var router = new Router(MeshFixture.Carrier, NodeRole.Carrier, new SprayAndWaitPolicy());

        Handover handover = router.Offer(Bundle(), held, s_carrierA, MeshFixture.Now);

        Assert.Equal(given, handover.Given);
        Assert.Equal(kept, handover.Kept);
    }

    [Fact]
    public void Spray_with_l_copies_reaches_l_holders_then_everyone_waits()
    {
        var policy = new SprayAndWaitPolicy(8);
        var holders = new List<int> { policy.InitialCopies };
        for (int round = 0; round < 10; round++)
        {
            var next = new List<int>();
            foreach (int copies in holders)
            {
                Handover h = policy.Split(Bundle(), copies, s_carrierA);
                next.Add(h.Kept);
                if (h.Offers)
                {
                    next.Add(h.Given);
                }
            }

            holders = next;
        }

        Assert.Equal(8, holders.Count);
        Assert.All(holders, copies => Assert.Equal(1, copies));
        Assert.Equal(4, new SprayAndWaitPolicy().InitialCopies);
    }

    [Fact]
    public void A_waiting_holder_still_delivers_to_the_destination()
    {
        var router = new Router(MeshFixture.Carrier, NodeRole.Carrier, new SprayAndWaitPolicy());

        Handover handover = router.Offer(Bundle(), 1, s_destination, MeshFixture.Now);

        Assert.Equal(1, handover.Given);
        Assert.Equal(0, handover.Kept);
    }

    [Fact]
    public void Sensors_are_source_only()
    {
        var sensor = new Router(MeshFixture.Id(12), NodeRole.Sensor, new EpidemicPolicy());
        var carrier = new Router(MeshFixture.Carrier, NodeRole.Carrier, new EpidemicPolicy());

        Assert.False(sensor.Accept(Bundle(), s_carrierA, MeshFixture.Now));
        Assert.False(carrier.Offer(Bundle(), 4, s_sensor, MeshFixture.Now).Offers);
        Assert.True(carrier.Accept(Bundle(), s_carrierA, MeshFixture.Now));
    }

    [Fact]
    public void Expired_or_exhausted_bundles_move_no_further()
    {
        var router = new Router(MeshFixture.Carrier, NodeRole.Carrier, new SprayAndWaitPolicy());
        byte[] wire = new byte[BundleFormat.MinimumBytes];
        Bundle().WriteTo(wire);
        BundleHeader.TryParse(Router.PrepareCopy(wire, Bundle(), 2, 10), 100000, out BundleHeader once);
        BundleHeader.WriteMutable(wire, 3, 4, 0);
        BundleHeader.TryParse(wire, 100000, out BundleHeader atLimit);

        Assert.Equal(1, once.HopCount);
        Assert.Equal(2, once.Copies);
        Assert.Equal(10, once.AgeSeconds);
        Assert.False(router.Offer(atLimit, 4, s_destination, MeshFixture.Now).Offers);
        Assert.False(router.Offer(Bundle(), 4, s_carrierA, MeshFixture.Now + 3601).Offers);
        Assert.False(router.Accept(Bundle(), s_carrierA, MeshFixture.Now + 3601));
    }

    [Fact]
    public void A_copy_leaves_the_held_bundle_as_it_was_and_a_stamp_writes_the_same_fields_in_place()
    {
        byte[] held = new byte[BundleFormat.MinimumBytes];
        Bundle().WriteTo(held);
        byte[] before = (byte[])held.Clone();

        byte[] copy = Router.PrepareCopy(held, Bundle(), 2, 10);
        Assert.Equal(before, held);
        byte[] stamped = Router.Stamp(held, Bundle(), 2, 10);

        Assert.Same(held, stamped);
        Assert.Equal(copy, stamped);
        Assert.NotEqual(before, stamped);
    }

    [Fact]
    public void The_destination_accepts_only_its_own_bundles_and_carriers_not_theirs()
    {
        var destination = new Router(MeshFixture.Destination, NodeRole.Destination, new SprayAndWaitPolicy());
        var other = new Router(MeshFixture.Id(20), NodeRole.Destination, new SprayAndWaitPolicy());
        var source = new Router(MeshFixture.Source, NodeRole.Carrier, new SprayAndWaitPolicy());

        Assert.True(destination.Accept(Bundle(), s_carrierA, MeshFixture.Now));
        Assert.False(other.Accept(Bundle(), s_carrierA, MeshFixture.Now));
        Assert.False(source.Accept(Bundle(), s_carrierA, MeshFixture.Now));
        Assert.False(new Router(MeshFixture.Carrier, NodeRole.Carrier, new SprayAndWaitPolicy()).Offer(Bundle(), 4, new Peer(MeshFixture.Id(20), NodeRole.Destination), MeshFixture.Now).Offers);
    }

    [Fact]
    public void Baseline_policies()
    {
        Assert.Equal(new Handover(1, 0), new FirstContactPolicy().Split(Bundle(1), 1, s_carrierB));
        Assert.Equal(new Handover(1, 1), new EpidemicPolicy().Split(Bundle(1), 1, s_carrierB));
        Assert.Equal(1, new FirstContactPolicy().InitialCopies);
    }

    [Fact]
    public void Custody_counting_on_the_source_ends_with_the_receipt()
    {
        var custody = new CustodyCounter();
        custody.Register(1, 4);
        custody.Register(2, 4);

        Assert.Equal(2, custody.Handed(1, 2));
        Assert.Equal(1, custody.Handed(1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => custody.Handed(1, 2));
        var receipted = new RangeSet();
        receipted.Add(1);
        custody.Receipted(receipted);

        Assert.Equal(-1, custody.CopiesLeft(1));
        Assert.Equal(4, custody.CopiesLeft(2));
        Assert.Equal(1, custody.Count);
        Assert.Equal(-1, custody.Handed(1, 1));
    }
}
