namespace ThaliNano.Simulator.Field;

/// <summary>A node's whole path over the run: consecutive legs from 0 to the end of the run.</summary>
public sealed class Trajectory
{
    public Trajectory(IReadOnlyList<Leg> legs)
    {
        if (legs.Count == 0 || legs[0].Start != 0)
        {
            throw new ArgumentException("a trajectory starts at 0 with at least one leg", nameof(legs));
        }

        Legs = legs;
    }

    public IReadOnlyList<Leg> Legs { get; }

    public static Trajectory Standing(Point2 position, double duration) => new([new Leg(0, duration, position, default)]);

    /// <summary>
    /// Random waypoint: walk in a straight line to a point drawn uniformly in the area at a speed drawn uniformly in
    /// [minSpeed, maxSpeed], pause for a time drawn uniformly in [0, maxPause], repeat.
    /// </summary>
    public static Trajectory RandomWaypoint(Random random, Point2 areaSize, double minSpeed, double maxSpeed, double maxPause, double duration)
    {
        var legs = new List<Leg>();
        Point2 here = RandomPoint(random, areaSize);
        double time = 0;
        while (time < duration)
        {
            Point2 target = RandomPoint(random, areaSize);
            double speed = minSpeed + (random.NextDouble() * (maxSpeed - minSpeed));
            double distance = (target - here).Length;
            double walk = distance / speed;
            if (walk > 0)
            {
                legs.Add(new Leg(time, time + walk, here, (target - here) * (1 / walk)));
                time += walk;
            }

            here = target;
            double pause = random.NextDouble() * maxPause;
            if (pause > 0 && time < duration)
            {
                legs.Add(new Leg(time, time + pause, here, default));
                time += pause;
            }
        }

        return new Trajectory(legs);
    }

    private static Point2 RandomPoint(Random random, Point2 areaSize) => new(random.NextDouble() * areaSize.X, random.NextDouble() * areaSize.Y);
}
