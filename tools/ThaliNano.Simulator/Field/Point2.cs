namespace ThaliNano.Simulator.Field;

/// <summary>A position or a velocity on the site's plane, in meters (per second).</summary>
public readonly record struct Point2(double X, double Y)
{
    public static Point2 operator +(Point2 a, Point2 b) => new(a.X + b.X, a.Y + b.Y);

    public static Point2 operator -(Point2 a, Point2 b) => new(a.X - b.X, a.Y - b.Y);

    public static Point2 operator *(Point2 a, double k) => new(a.X * k, a.Y * k);

    public double Dot(Point2 other) => (X * other.X) + (Y * other.Y);

    public double Length => Math.Sqrt(Dot(this));
}
