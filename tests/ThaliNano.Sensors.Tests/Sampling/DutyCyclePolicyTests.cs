using ThaliNano.Sensors.Sampling;

namespace ThaliNano.Sensors.Tests.Sampling;

public class DutyCyclePolicyTests
{
    private readonly DutyCyclePolicy _policy = new(60, 10);

    [Fact]
    public void StretchesTheIntervalAlongTheStatedCurve()
    {
        for (int percent = 10; percent <= 100; percent++)
        {
            double factor = percent >= 50 ? 1 : percent >= 20 ? 1 + 3.0 * (50 - percent) / 30 : 8;
            Assert.Equal((int)Math.Round(60_000 * factor), _policy.IntervalMilliseconds(percent));
        }
    }

    [Fact]
    public void NeverSamplesFasterAsTheBatteryFalls()
    {
        for (int percent = 100; percent > 10; percent--)
        {
            Assert.True(_policy.IntervalMilliseconds(percent - 1) >= _policy.IntervalMilliseconds(percent), $"at {percent - 1} %");
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(101)]
    [InlineData(int.MinValue)]
    public void AnUnknownChargeSamplesAtTheLowBatteryPaceWithoutStopping(int percent)
    {
        Assert.Equal(8 * 60_000, _policy.IntervalMilliseconds(percent));
        Assert.False(_policy.IsBelowFloor(percent));
        Assert.False(_policy.AllowsResume(percent));
    }

    [Fact]
    public void StopsUnderTheFloorAndResumesFiveAboveIt()
    {
        Assert.True(_policy.IsBelowFloor(9));
        Assert.False(_policy.IsBelowFloor(10));
        Assert.False(_policy.AllowsResume(14));
        Assert.True(_policy.AllowsResume(15));
        Assert.Equal(8 * 60_000, _policy.RecheckMilliseconds);
    }

    [Fact]
    public void TheLongestIntervalFitsAnInt() =>
        Assert.Equal(8L * 86400 * 1000, new DutyCyclePolicy(DutyCyclePolicy.MaxBaseIntervalSeconds, 0).RecheckMilliseconds);

    [Theory]
    [InlineData(0, 10)]
    [InlineData(86401, 10)]
    [InlineData(60, -1)]
    [InlineData(60, 20)]
    public void RefusesBadSettings(int seconds, int floor) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new DutyCyclePolicy(seconds, floor));
}
