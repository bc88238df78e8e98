namespace ThaliNano.Simulator.Field;

/// <summary>
/// Two nodes in range from <see cref="Start"/> to <see cref="End"/>: <see cref="Initiator"/> is the phone that
/// connects (the lower-numbered phone between two phones), <see cref="Responder"/> the sensor, gateway or other phone.
/// </summary>
public readonly record struct Contact(int Initiator, int Responder, double Start, double End, LinkModel Link);
