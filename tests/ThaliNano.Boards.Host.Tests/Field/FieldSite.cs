using System.Security.Cryptography;
using ThaliNano.Boards.Host.Field;
using ThaliNano.Boards.Host.Tests.Interop;
using ThaliNano.Client.Field;
using ThaliNano.Discovery;
using ThaliNano.Drivers.Host.Ble;
using ThaliNano.FieldPairing;

namespace ThaliNano.Boards.Host.Tests.Field;

/// <summary>
/// A small field on the simulated BLE medium: sensors (real host hubs serving mTLS on 127.0.0.1, each with its BLE
/// face, a provisioned label token and its pairing window open), and a technician's phone radio. Time is virtual.
/// </summary>
internal sealed class FieldSite : IDisposable
{
    public const string Ssid = "plant-floor";
    public const string WifiPassword = "correct horse";

    public FieldSite(int sensors)
    {
        Medium = new SimulatedBleMedium(Clock, new BleMediumOptions());
        for (int i = 0; i < sensors; i++)
        {
            Sensors.Add(new Sensor(this, "sensor-" + i, 10.0 * i, 0));
        }

        Phone = Medium.AddRadio("technician-phone", 5, 3, null);
    }

    public VirtualClock Clock { get; } = new();

    public SimulatedBleMedium Medium { get; }

    public FleetKey Fleet { get; } = new(RandomNumberGenerator.GetBytes(32));

    public List<Sensor> Sensors { get; } = new();

    public SimulatedBleRadio Phone { get; }

    public uint Slot => BeaconFormat.SlotAt(1_800_000_000 + (long)Clock.Now.TotalSeconds);

    /// <summary>The phone scans for <paramref name="duration"/> of virtual time and returns what it resolved.</summary>
    public FleetScanner Scan(TimeSpan duration, FleetKey? key = null)
    {
        var scanner = new FleetScanner(Phone, key ?? Fleet, () => Slot);
        scanner.Start();
        Clock.RunFor(duration);
        scanner.Stop();
        return scanner;
    }

    public void Dispose()
    {
        foreach (Sensor sensor in Sensors)
        {
            sensor.Hub.Dispose();
        }
    }

    internal sealed class Sensor
    {
        public Sensor(FieldSite site, string name, double x, double y)
        {
            Hub = new TestHub();
            Radio = site.Medium.AddRadio(name, x, y, null);
            Wifi = new StandInWifi(new Dictionary<string, string> { [Ssid] = WifiPassword }, () => Hub.Url);
            Field = new FieldRadio(Hub.Board, Radio, Radio, site.Fleet, new VirtualPairingClock(site.Clock), Wifi);
            Token = Field.ProvisionToken();
            Field.Window.Open();
            Field.Advertise(site.Slot);
        }

        public TestHub Hub { get; }

        public SimulatedBleRadio Radio { get; }

        public StandInWifi Wifi { get; }

        public FieldRadio Field { get; }

        public PairingToken Token { get; }
    }
}
