using ThaliNano.Ble;
using ThaliNano.Drivers.Host.Ble;

namespace ThaliNano.Drivers.Host.Tests.Ble;

public class RoleTests
{
    [Fact]
    public void ARadioThatAdvertisesCannotScan()
    {
        var radio = new SimulatedBleMedium(new VirtualClock()).AddRadio("sensor", 0, 0);
        radio.Start(BleTestIds.Beacon(1), null);

        var error = Assert.Throws<BleException>(radio.StartScanning);

        Assert.Contains("central role", error.Message);
        Assert.False(radio.IsScanning);
        Assert.Equal(BleRole.Peripheral, radio.Role);
    }

    [Fact]
    public void ARadioThatScansCannotAdvertiseUntilItStops()
    {
        var radio = new SimulatedBleMedium(new VirtualClock()).AddRadio("sensor", 0, 0);
        radio.StartScanning();

        Assert.Throws<BleException>(() => radio.Start(BleTestIds.Beacon(1), null));

        radio.StopScanning();
        radio.Start(BleTestIds.Beacon(1), null);
        Assert.True(radio.IsAdvertising);
    }

    [Fact]
    public void AnAdvertisingRadioCannotConnectOut()
    {
        var medium = new SimulatedBleMedium(new VirtualClock());
        medium.AddRadio("a", 0, 0).Start(BleTestIds.Beacon(1), null);
        var b = medium.AddRadio("b", 1, 0);
        b.Start(BleTestIds.Beacon(2), null);

        Assert.Throws<BleException>(() => b.Connect("a"));
    }

    [Fact]
    public void ServingAConnectionKeepsThePeripheralRoleAfterAdvertisingStops()
    {
        var medium = new SimulatedBleMedium(new VirtualClock());
        var sensor = medium.AddRadio("sensor", 0, 0);
        sensor.Start(BleTestIds.Beacon(1), null);
        var client = medium.AddRadio("phone", 1, 0).Connect("sensor");
        sensor.StopAdvertising();

        Assert.Throws<BleException>(sensor.StartScanning);

        client.Disconnect();
        sensor.StartScanning();
        Assert.Equal(BleRole.Central, sensor.Role);
    }
}
