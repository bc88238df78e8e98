using CsCheck;
using ThaliNano.Simulator.Field;

namespace ThaliNano.Simulator.Tests;

public sealed class ContactFinderTests
{
    [Fact]
    public void A_walker_passing_a_standing_node_is_in_range_exactly_while_closer_than_the_range()
    {
        // Walks along y = 9 at 1 m/s from x = -50: within 15 m of the origin while |x| <= 12.
        var walker = new Trajectory([new Leg(0, 100, new Point2(-50, 9), new Point2(1, 0))]);
        var contacts = ContactFinder.InRange(walker, Trajectory.Standing(default, 100), 15, 100);

        (double start, double end) = Assert.Single(contacts);
        Assert.Equal(38, start, 9);
        Assert.Equal(62, end, 9);
    }

    [Fact]
    public void Two_standing_nodes_are_in_range_all_run_or_never()
    {
        Assert.Equal([(0.0, 50.0)], ContactFinder.InRange(Trajectory.Standing(new Point2(0, 0), 50), Trajectory.Standing(new Point2(10, 0), 50), 15, 50));
        Assert.Empty(ContactFinder.InRange(Trajectory.Standing(new Point2(0, 0), 50), Trajectory.Standing(new Point2(20, 0), 50), 15, 50));
    }

    [Fact]
    public void A_pause_inside_the_range_continues_the_same_contact()
    {
        // Walks in, pauses at the node, walks on: one contact, not three.
        var walker = new Trajectory([
            new Leg(0, 20, new Point2(-20, 0), new Point2(1, 0)),
            new Leg(20, 80, new Point2(0, 0), default),
            new Leg(80, 100, new Point2(0, 0), new Point2(1, 0)),
        ]);

        (double start, double end) = Assert.Single(ContactFinder.InRange(walker, Trajectory.Standing(default, 100), 10, 100));
        Assert.Equal(10, start, 9);
        Assert.Equal(90, end, 9);
    }

    [Fact]
    public void Random_walkers_are_in_range_at_the_midpoint_of_every_contact_and_out_of_range_between()
    {
        Gen.Int.Sample(seed =>
        {
            var random = new Random(seed);
            var size = new Point2(200, 150);
            Trajectory a = Trajectory.RandomWaypoint(random, size, 0.5, 1.5, 60, 3600);
            Trajectory b = Trajectory.RandomWaypoint(random, size, 0.5, 1.5, 60, 3600);
            var contacts = ContactFinder.InRange(a, b, 15, 3600);
            for (int i = 0; i < contacts.Count; i++)
            {
                Assert.True(Distance(a, b, (contacts[i].Start + contacts[i].End) / 2) <= 15 + 1e-6);
                double gapEnd = i + 1 < contacts.Count ? contacts[i + 1].Start : 3600;
                if (gapEnd - contacts[i].End > 1e-3)
                {
                    Assert.True(Distance(a, b, (contacts[i].End + gapEnd) / 2) > 15 - 1e-6);
                }
            }
        }, iter: 50);
    }

    private static double Distance(Trajectory a, Trajectory b, double time) => (At(a, time) - At(b, time)).Length;

    private static Point2 At(Trajectory trajectory, double time) => trajectory.Legs.First(l => l.Start <= time && time <= l.End).At(time);
}
