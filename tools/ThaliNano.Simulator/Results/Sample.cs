namespace ThaliNano.Simulator.Results;

/// <summary>The site at one moment of a run: messages delivered so far and what the buffers hold.</summary>
public readonly record struct Sample(double Time, int Delivered, long PhoneBufferBytes, long SensorBufferBytes, int CopiesHeld);
