namespace ThaliNano.Drivers.Host.Ble;

/// <summary>
/// The air between simulated radios on a 2D plane (metres): who hears whose advertisements (range, scan windows,
/// seeded loss), connections with a negotiated MTU, a throughput limit and latency per link, and connections that
/// drop when their ends move out of range. Everything happens on a <see cref="VirtualClock"/>.
/// </summary>
public sealed class SimulatedBleMedium
{
    private readonly Dictionary<string, SimulatedBleRadio> _radios = new(StringComparer.Ordinal);
    private readonly List<SimulatedBleRadio> _scanners = [];
    private readonly List<SimulatedGattLink> _links = [];
    private int _nextLinkId;

    public SimulatedBleMedium(VirtualClock clock, BleMediumOptions? options = null)
    {
        Clock = clock;
        Options = options ?? new BleMediumOptions();
        Random = new Random(Options.Seed);
    }

    public VirtualClock Clock { get; }

    public BleMediumOptions Options { get; }

    /// <summary>Advertising events sent and advertisements delivered to scanners (heard), for statistics.</summary>
    public long AdvertisementsSent { get; private set; }

    public long AdvertisementsHeard { get; private set; }

    internal Random Random { get; }

    /// <param name="mtu">The ATT MTU this radio offers; the default comes from the options.</param>
    public SimulatedBleRadio AddRadio(string address, double x, double y, int? mtu = null)
    {
        var radio = new SimulatedBleRadio(this, address, x, y, mtu ?? Options.DefaultMtu);
        if (!_radios.TryAdd(address, radio))
        {
            throw new ArgumentException($"a radio with address {address} is already on the medium", nameof(address));
        }

        return radio;
    }

    public SimulatedBleRadio? Find(string address) => _radios.GetValueOrDefault(address);

    public static double Distance(SimulatedBleRadio a, SimulatedBleRadio b) => Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));

    public bool InRange(SimulatedBleRadio a, SimulatedBleRadio b) => Distance(a, b) <= Options.RangeMetres;

    /// <summary>Free-space path loss from -59 dBm at one metre.</summary>
    public static int Rssi(double distanceMetres) => (int)Math.Round(-59 - (20 * Math.Log10(Math.Max(distanceMetres, 0.1))));

    internal void StartedScanning(SimulatedBleRadio radio) => _scanners.Add(radio);

    internal void StoppedScanning(SimulatedBleRadio radio) => _scanners.Remove(radio);

    /// <summary>One advertising event of <paramref name="sender"/>: each scanner in range and listening hears it unless lost.</summary>
    internal void Broadcast(SimulatedBleRadio sender, byte[] payload)
    {
        AdvertisementsSent++;
        foreach (var scanner in _scanners)
        {
            if (scanner == sender || !InRange(sender, scanner) || !scanner.IsListening(Clock.Now)
                || Random.NextDouble() < Options.AdvertisementLossProbability)
            {
                continue;
            }

            AdvertisementsHeard++;
            int rssi = Rssi(Distance(sender, scanner));
            Clock.Schedule(Options.Latency, () => scanner.Hear(sender.Address, rssi, payload));
        }
    }

    internal SimulatedGattLink OpenLink(SimulatedBleRadio central, SimulatedBleRadio peripheral)
    {
        var link = new SimulatedGattLink(this, ++_nextLinkId, central, peripheral, Math.Min(central.Mtu, peripheral.Mtu));
        _links.Add(link);
        return link;
    }

    internal void Closed(SimulatedGattLink link) => _links.Remove(link);

    /// <summary>Drops the connections a move took out of range.</summary>
    internal void Moved(SimulatedBleRadio radio)
    {
        foreach (var link in _links.Where(link => link.Involves(radio) && !InRange(link.Central, link.Peripheral)).ToList())
        {
            link.Close($"{link.Peripheral.Address} went out of range of {link.Central.Address}");
        }
    }
}
