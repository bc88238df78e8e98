using CsCheck;
using ThaliNano.Sensors.Sht3x;
using ThaliNano.Sensors.Tests.Reference;

namespace ThaliNano.Sensors.Tests.Sht3x;

public class SensirionCrc8Tests
{
    [Fact]
    public void MatchesTheDatasheetsCheckValue() =>
        Assert.Equal(0x92, SensirionCrc8.Compute([0xBE, 0xEF], 0, 2));

    [Fact]
    public void MatchesTheBitwiseDefinitionForEveryWordSampled() =>
        Gen.Byte.Select(Gen.Byte).Sample((high, low) =>
            Assert.Equal(Sht3xReference.Crc(high, low), SensirionCrc8.Compute([0x00, high, low, 0x00], 1, 2)));

    [Fact]
    public void RefusesARangeOutsideTheArray() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SensirionCrc8.Compute(new byte[2], 1, 2));
}
