namespace ThaliNano.Simulator.Field;

/// <summary>A message to make: when, at which sensor, and its payload size.</summary>
public readonly record struct WorkloadItem(double Time, int Sensor, int PayloadBytes);
