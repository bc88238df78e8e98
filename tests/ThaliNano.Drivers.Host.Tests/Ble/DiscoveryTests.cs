using ThaliNano.Ble;
using ThaliNano.Drivers.Host.Ble;

namespace ThaliNano.Drivers.Host.Tests.Ble;

public class DiscoveryTests
{
    [Fact]
    public void AScannerHearsOnlyAdvertisersWithinRange()
    {
        var medium = new SimulatedBleMedium(new VirtualClock());
        medium.AddRadio("near", 10, 0).Start(BleTestIds.Beacon(1), null);
        medium.AddRadio("far", 20, 0).Start(BleTestIds.Beacon(2), null);
        var phone = medium.AddRadio("phone", 0, 0);
        var heard = new List<BleScanResult>();
        phone.AdvertisementReceived += heard.Add;

        phone.StartScanning();
        medium.Clock.RunFor(TimeSpan.FromSeconds(1));

        Assert.NotEmpty(heard);
        Assert.All(heard, result => Assert.Equal("near", result.Address));
        Assert.All(heard, result => Assert.Equal(new byte[] { 1, 1, 2, 3 }, result.Advertisement.ManufacturerData));
        Assert.Equal(SimulatedBleMedium.Rssi(10), heard[0].Rssi);
    }

    [Fact]
    public void AnAdvertiserMovingIntoRangeIsHeardFromThen()
    {
        var medium = new SimulatedBleMedium(new VirtualClock());
        var walker = medium.AddRadio("walker", 100, 0);
        walker.Start(BleTestIds.Beacon(1), null);
        var phone = medium.AddRadio("phone", 0, 0);
        var heard = new List<BleScanResult>();
        phone.AdvertisementReceived += heard.Add;
        phone.StartScanning();

        medium.Clock.RunFor(TimeSpan.FromSeconds(1));
        Assert.Empty(heard);

        walker.MoveTo(5, 0);
        medium.Clock.RunFor(TimeSpan.FromSeconds(1));
        Assert.NotEmpty(heard);
        Assert.All(heard, result => Assert.True(result.ReceivedAt > TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void LossFollowsTheConfiguredProbabilityInASeededRun()
    {
        var medium = new SimulatedBleMedium(new VirtualClock(), new BleMediumOptions { AdvertisementLossProbability = 0.3, Seed = 7 });
        medium.AddRadio("sensor", 5, 0).Start(BleTestIds.Beacon(1), null);
        var phone = medium.AddRadio("phone", 0, 0);
        int heard = 0;
        phone.AdvertisementReceived += _ => heard++;
        phone.StartScanning();

        medium.Clock.RunFor(TimeSpan.FromSeconds(200));

        // About 1900 events at 100 ms + 0-10 ms jitter; 3 sigma of a binomial(1900, 0.7) is about 0.032.
        double heardFraction = (double)heard / medium.AdvertisementsSent;
        Assert.InRange(medium.AdvertisementsSent, 1800, 2000);
        Assert.InRange(heardFraction, 0.67, 0.73);
    }

    [Fact]
    public void AScannerListeningPartOfEachIntervalHearsThatShareOfEvents()
    {
        var options = new BleMediumOptions { ScanInterval = TimeSpan.FromMilliseconds(100), ScanWindow = TimeSpan.FromMilliseconds(25) };
        var medium = new SimulatedBleMedium(new VirtualClock(), options);
        medium.AddRadio("sensor", 5, 0).Start(BleTestIds.Beacon(1), null);
        var phone = medium.AddRadio("phone", 0, 0);
        int heard = 0;
        phone.AdvertisementReceived += _ => heard++;
        phone.StartScanning();

        medium.Clock.RunFor(TimeSpan.FromSeconds(200));

        Assert.InRange((double)heard / medium.AdvertisementsSent, 0.2, 0.3);
    }

    [Fact]
    public void GarbageAdvertisementsAreDroppedByTheScanner()
    {
        var medium = new SimulatedBleMedium(new VirtualClock());
        medium.AddRadio("hostile", 5, 0).StartRaw([9, 0xFF, 1, 2]);
        medium.AddRadio("sensor", 0, 5).Start(BleTestIds.Beacon(1), null);
        var phone = medium.AddRadio("phone", 0, 0);
        var heard = new List<BleScanResult>();
        phone.AdvertisementReceived += heard.Add;
        phone.StartScanning();

        medium.Clock.RunFor(TimeSpan.FromSeconds(1));

        Assert.NotEmpty(heard);
        Assert.All(heard, result => Assert.Equal("sensor", result.Address));
    }

    [Fact]
    public void TheScanResponseIsDeliveredWithTheAdvertisement()
    {
        var medium = new SimulatedBleMedium(new VirtualClock());
        medium.AddRadio("sensor", 5, 0).Start(BleTestIds.Beacon(1), new BleAdvertisement(0, null, "ThaliNano", [BleTestIds.Service]));
        var phone = medium.AddRadio("phone", 0, 0);
        BleScanResult? first = null;
        phone.AdvertisementReceived += result => first ??= result;
        phone.StartScanning();

        medium.Clock.RunFor(TimeSpan.FromSeconds(1));

        Assert.Equal("ThaliNano", first!.Advertisement.LocalName);
        Assert.Equal([BleTestIds.Service], first.Advertisement.ServiceUuids);
    }

    [Fact]
    public void AdvertisementsTooLongForALegacyPacketAreRefused()
    {
        var medium = new SimulatedBleMedium(new VirtualClock());
        var sensor = medium.AddRadio("sensor", 0, 0);

        Assert.Throws<ArgumentException>(() => sensor.Start(new BleAdvertisement(0xFFFF, new byte[25], null, null), null));
        Assert.False(sensor.IsAdvertising);
    }
}
