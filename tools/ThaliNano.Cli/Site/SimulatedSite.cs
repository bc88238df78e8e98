using System.Net.Sockets;
using System.Security.Cryptography;
using ThaliNano.Boards.Host;
using ThaliNano.Boards.Host.Field;
using ThaliNano.Client.Field;
using ThaliNano.Discovery;
using ThaliNano.Drivers.Host.Ble;
using ThaliNano.FieldPairing;

namespace ThaliNano.Cli.Site;

/// <summary>
/// A site brought to life for one command: every sensor's host hub serving on its 127.0.0.1 port, its BLE face
/// (<see cref="FieldRadio"/>) on one simulated medium, and the technician's phone radio. Each start is a boot of every
/// sensor: a sensor whose token has not paired anyone yet (first boot), or whose button was pressed less than a pairing
/// window ago, opens its pairing window. Radio addresses are random per start, as private BLE addresses rotate.
/// </summary>
internal sealed class SimulatedSite : IDisposable
{
    private readonly List<RunningSensor> _sensors = new();
    private readonly long _startUnixSeconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private SimulatedSite(SiteFolder folder)
    {
        Fleet = folder.ReadFleetKey();
        Medium = new SimulatedBleMedium(Clock, new BleMediumOptions { Seed = RandomNumberGenerator.GetInt32(int.MaxValue) });
    }

    public VirtualClock Clock { get; } = new();

    public SimulatedBleMedium Medium { get; }

    public FleetKey Fleet { get; }

    public SimulatedBleRadio Phone { get; private set; } = null!;

    public IReadOnlyList<RunningSensor> Sensors => _sensors;

    /// <summary>The beacon slot of the virtual now (the virtual clock starts at the wall-clock time of the start).</summary>
    public uint Slot => BeaconFormat.SlotAt(_startUnixSeconds + (long)Clock.Now.TotalSeconds);

    public static SimulatedSite Start(SiteFolder folder)
    {
        var site = new SimulatedSite(folder);
        try
        {
            foreach (SiteSensor sensor in folder.Manifest.Sensors)
            {
                site._sensors.Add(site.Boot(folder, sensor));
            }

            SitePosition phone = folder.Manifest.Phone;
            site.Phone = site.Medium.AddRadio(RandomAddress(), phone.X, phone.Y);
            site.RotateBeaconsAtNextSlot();
            return site;
        }
        catch
        {
            site.Dispose();
            throw;
        }
    }

    /// <summary>The phone scans for <paramref name="duration"/> of virtual time; returns the stopped scanner.</summary>
    public FleetScanner Scan(TimeSpan duration)
    {
        var scanner = new FleetScanner(Phone, Fleet, () => Slot);
        scanner.Start();
        Clock.RunFor(duration);
        scanner.Stop();
        return scanner;
    }

    /// <summary>The phone scans until it hears the device's beacon, for at most <paramref name="limit"/>.</summary>
    public FieldSighting? Find(string deviceId, TimeSpan limit)
    {
        using var scanner = new FleetScanner(Phone, Fleet, () => Slot);
        scanner.Start();
        Clock.RunUntil(() => scanner.Sightings.Any(s => s.DeviceId == deviceId), Clock.Now + limit);
        scanner.Stop();
        return scanner.Sightings.FirstOrDefault(s => s.DeviceId == deviceId);
    }

    public void Dispose()
    {
        foreach (RunningSensor sensor in _sensors)
        {
            sensor.Hub.Dispose();
        }
    }

    private RunningSensor Boot(SiteFolder folder, SiteSensor sensor)
    {
        HostHub hub = folder.OpenHub(sensor);
        try
        {
            hub.Serve(sensor.Port);
        }
        catch (SocketException e)
        {
            hub.Dispose();
            throw new CommandFailedException(sensor.Name + "'s hub cannot listen on 127.0.0.1:" + sensor.Port + ": " + e.Message, e);
        }

        bool firstBoot = SensorLabel.HasUnusedToken(hub);
        var wifi = new StandInWifi(new Dictionary<string, string> { [folder.Manifest.Wifi.Ssid] = folder.Manifest.Wifi.Password }, () => hub.CompactUrl);
        SimulatedBleRadio radio = Medium.AddRadio(RandomAddress(), sensor.X, sensor.Y);
        var field = new FieldRadio(hub, radio, radio, Fleet, new VirtualPairingClock(Clock), wifi);
        if (firstBoot || ButtonPressedWithinWindow(sensor))
        {
            field.Window.Open();
        }

        field.Advertise(Slot);
        return new RunningSensor(sensor, hub, field, wifi);
    }

    private static bool ButtonPressedWithinWindow(SiteSensor sensor) =>
        sensor.ButtonPressedAt is long pressed && DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - pressed < PairingWindow.DefaultDurationMilliseconds;

    // Real devices advertise a fresh beacon when the slot changes; so do these, for scans that cross a slot boundary.
    private void RotateBeaconsAtNextSlot()
    {
        long now = _startUnixSeconds + (long)Clock.Now.TotalSeconds;
        long next = ((now / BeaconFormat.SlotSeconds) + 1) * BeaconFormat.SlotSeconds;
        Clock.Schedule(TimeSpan.FromSeconds(next - now), () =>
        {
            foreach (RunningSensor sensor in _sensors)
            {
                sensor.Field.Advertise(Slot);
            }

            RotateBeaconsAtNextSlot();
        });
    }

    // A random static address, formatted as BLE addresses are (the two top bits set).
    private static string RandomAddress()
    {
        byte[] address = RandomNumberGenerator.GetBytes(6);
        address[0] |= 0xC0;
        return Convert.ToHexString(address).Chunk(2).Select(pair => new string(pair)).Aggregate((a, b) => a + ":" + b);
    }
}

/// <summary>One sensor of a started site.</summary>
internal sealed record RunningSensor(SiteSensor Sensor, HostHub Hub, FieldRadio Field, StandInWifi Wifi);
