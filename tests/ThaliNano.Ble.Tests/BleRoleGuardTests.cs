namespace ThaliNano.Ble.Tests;

public class BleRoleGuardTests
{
    [Fact]
    public void ScanningIsRefusedWhileAdvertising()
    {
        var guard = new BleRoleGuard();
        guard.Claim(BleRole.Peripheral, "advertising");

        var error = Assert.Throws<BleException>(() => guard.Claim(BleRole.Central, "scanning"));
        Assert.Contains("scanning needs the central role", error.Message);
        Assert.Equal(BleRole.Peripheral, guard.Role);
    }

    [Fact]
    public void TheRoleIsFreeOnceEveryClaimIsReleased()
    {
        var guard = new BleRoleGuard();
        guard.Claim(BleRole.Central, "scanning");
        guard.Claim(BleRole.Central, "a connection");
        guard.Release(BleRole.Central);
        Assert.Throws<BleException>(() => guard.Claim(BleRole.Peripheral, "advertising"));

        guard.Release(BleRole.Central);
        guard.Claim(BleRole.Peripheral, "advertising");
        Assert.Equal(BleRole.Peripheral, guard.Role);
    }
}
