namespace ThaliNano.Simulator.Field;

/// <summary>A stretch of a node's path at constant velocity (zero while it pauses or stands): from <see cref="Start"/> to <see cref="End"/> seconds.</summary>
public readonly record struct Leg(double Start, double End, Point2 From, Point2 Velocity)
{
    public Point2 At(double time) => From + (Velocity * (time - Start));
}
