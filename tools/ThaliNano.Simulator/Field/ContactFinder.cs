namespace ThaliNano.Simulator.Field;

/// <summary>
/// Exact in-range intervals of two piecewise-linear paths: on each stretch where both move at constant velocity the
/// squared distance is a quadratic in time, so entry and exit are its roots (no time steps, nothing missed).
/// </summary>
public static class ContactFinder
{
    private const double Touching = 1e-9;

    public static List<(double Start, double End)> InRange(Trajectory a, Trajectory b, double range, double duration)
    {
        var intervals = new List<(double Start, double End)>();
        int i = 0;
        int j = 0;
        double time = 0;
        while (time < duration && i < a.Legs.Count && j < b.Legs.Count)
        {
            Leg legA = a.Legs[i];
            Leg legB = b.Legs[j];
            double end = Math.Min(Math.Min(legA.End, legB.End), duration);
            if (end > time)
            {
                AddInterval(intervals, legA.At(time) - legB.At(time), legA.Velocity - legB.Velocity, range, time, end);
            }

            time = end;
            if (legA.End <= time)
            {
                i++;
            }

            if (legB.End <= time)
            {
                j++;
            }
        }

        return intervals;
    }

    private static void AddInterval(List<(double Start, double End)> intervals, Point2 offset, Point2 velocity, double range, double from, double to)
    {
        double a = velocity.Dot(velocity);
        double b = 2 * offset.Dot(velocity);
        double c = offset.Dot(offset) - (range * range);
        double enter;
        double leave;
        if (a < 1e-12)
        {
            if (c > 0)
            {
                return;
            }

            (enter, leave) = (0, to - from);
        }
        else
        {
            double discriminant = (b * b) - (4 * a * c);
            if (discriminant <= 0)
            {
                return;
            }

            double root = Math.Sqrt(discriminant);
            enter = Math.Max(0, (-b - root) / (2 * a));
            leave = Math.Min(to - from, (-b + root) / (2 * a));
            if (leave <= enter)
            {
                return;
            }
        }

        (double start, double end) = (from + enter, from + leave);
        if (intervals.Count > 0 && start - intervals[^1].End <= Touching)
        {
            intervals[^1] = (intervals[^1].Start, end);
        }
        else
        {
            intervals.Add((start, end));
        }
    }
}
