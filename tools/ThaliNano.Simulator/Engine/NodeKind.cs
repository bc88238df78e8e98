namespace ThaliNano.Simulator.Engine;

internal enum NodeKind
{
    Sensor,
    Gateway,
    Phone,
}
