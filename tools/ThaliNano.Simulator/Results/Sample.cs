namespace ThaliNano.Simulator.Results;

/// <summary>The site at one moment of a run: messages made and delivered so far, and what the buffers hold (bytes).</summary>
public readonly record struct Sample(double Time, int Created, int Delivered, long PhoneBufferBytes, long SensorBufferBytes, int CopiesHeld);
