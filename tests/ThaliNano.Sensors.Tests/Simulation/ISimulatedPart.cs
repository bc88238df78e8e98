using ThaliNano.Sensors.I2c;

namespace ThaliNano.Sensors.Tests.Simulation;

/// <summary>A part on the simulated bus, answering transfers to its address as its datasheet says.</summary>
public interface ISimulatedPart
{
    I2cStatus Write(byte[] buffer);

    I2cStatus Read(byte[] buffer);

    I2cStatus WriteRead(byte[] writeBuffer, byte[] readBuffer);
}
