namespace ThaliNano.Simulator.Field;

/// <summary>
/// Where the fixed nodes stand and where people walk. The site is a grid of square cells one sensor spacing wide (as
/// square as the count allows: 6 x 5 for 30), a sensor at the middle of each cell, so sensors stand the spacing apart
/// and people walk over every sensor's surroundings alike. Node numbers: sensors 0..S-1, the gateway S at the middle
/// of the site, phones S+1..S+P walking anywhere on it.
/// </summary>
public sealed class FieldLayout
{
    public FieldLayout(int sensors, int phones, double spacing)
    {
        Sensors = sensors;
        Phones = phones;
        int columns = (int)Math.Ceiling(Math.Sqrt(sensors * 1.2));
        int rows = (sensors + columns - 1) / columns;
        AreaSize = new Point2(columns * spacing, rows * spacing);
        SensorPositions = Enumerable.Range(0, sensors).Select(i => new Point2(((i % columns) + 0.5) * spacing, ((i / columns) + 0.5) * spacing)).ToArray();
        GatewayPosition = AreaSize * 0.5;
    }

    public int Sensors { get; }

    public int Phones { get; }

    public int Gateway => Sensors;

    public int NodeCount => Sensors + 1 + Phones;

    public Point2 AreaSize { get; }

    public IReadOnlyList<Point2> SensorPositions { get; }

    public Point2 GatewayPosition { get; }

    public bool IsSensor(int node) => node < Sensors;

    public bool IsPhone(int node) => node > Sensors;

    public int Phone(int phone) => Sensors + 1 + phone;
}
