using System.Globalization;
using System.Text;
using CsCheck;
using ThaliNano.Sensors.Sampling;

namespace ThaliNano.Sensors.Tests.Sampling;

public class FixedPointTests
{
    [Theory]
    [InlineData(-5, "-0.05")]
    [InlineData(-100, "-1.00")]
    [InlineData(0, "0.00")]
    [InlineData(7, "0.07")]
    [InlineData(2153, "21.53")]
    public void WritesTwoDecimals(long hundredths, string expected) => Assert.Equal(expected, Format(hundredths));

    [Fact]
    public void AgreesWithDecimalFormattingEverywhere() =>
        Gen.Long.Sample(value =>
            Assert.Equal((value / 100m).ToString("0.00", CultureInfo.InvariantCulture), Format(value)));

    [Fact]
    public void TheExtremesFitTheStatedLength()
    {
        Assert.Equal(FixedPoint.MaxLength, Format(long.MinValue).Length);
        Assert.Equal("-92233720368547758.08", Format(long.MinValue));
    }

    [Fact]
    public void RefusesABufferTooShort() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FixedPoint.Format(1, new byte[FixedPoint.MaxLength - 1]));

    private static string Format(long value)
    {
        byte[] buffer = new byte[FixedPoint.MaxLength];
        return Encoding.ASCII.GetString(buffer, 0, FixedPoint.Format(value, buffer));
    }
}
