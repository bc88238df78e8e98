using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ThaliNano.Boards.Host;
using ThaliNano.Boards.Host.Field;
using ThaliNano.Carrier.Links;
using ThaliNano.Discovery;
using ThaliNano.Drivers.Host.Ble;
using ThaliNano.Drivers.Host.Tls;
using ThaliNano.Firmware.Mesh;
using ThaliNano.Identity;
using ThaliNano.Mesh.Bundles;
using ThaliNano.Mesh.Contact;
using ThaliNano.Mesh.Routing;
using ThaliNano.Mesh.Source;
using CarrierFacade = ThaliNano.Carrier.Carrier;

namespace ThaliNano.Benchmarks.Mesh;

/// <summary>
/// One carrier's pick-up from a host-board mesh sensor, over HTTPS (mutual TLS on 127.0.0.1, wall time) and over the
/// simulated BLE link (40 kB/s, 247-byte MTU, 5 ms per packet; virtual time): round trips, frame bytes against the
/// payload, and bundles per second as a share of what the link could carry. Run: <c>-- mesh</c>.
/// </summary>
internal static class MeshContactBenchmark
{
    private const int Readings = 200;

    public static int Run(string[] args)
    {
        Console.WriteLine($"{Readings} readings of ~150 B, one contact picks up everything (two round trips)");
        Console.WriteLine("| link | bundle limit | bundles | round trips | wire B (both ways) | payload >= B | wire/payload | time | bundles/s | link share |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (int bundleBytes in new[] { 1024, 2048, 4096 })
        {
            Print("HTTPS", bundleBytes, PickUp(bundleBytes, overBle: false));
            Print("BLE GATT", bundleBytes, PickUp(bundleBytes, overBle: true));
        }

        return 0;
    }

    private static (ContactReport Report, TimeSpan Time) PickUp(int bundleBytes, bool overBle)
    {
        string folder = Directory.CreateTempSubdirectory("thali-mesh-bench-").FullName;
        try
        {
            using HostHub hub = HostHub.Open(Path.Combine(folder, "sensor"));
            using HubIdentity phone = HubIdentity.LoadOrCreate(Path.Combine(folder, "phone"));
            hub.Pair(phone.CertificatePem, owner: false);
            hub.Serve(0, mesh: new MeshOptions
            {
                DestinationKeyId = PublicKeyId.FromHash(SHA256.HashData("gateway"u8)),
                SharedSecret = RandomNumberGenerator.GetBytes(32),
                Random = SecureRandom.Instance,
                Source = new SourceOptions { MaxBundleBytes = bundleBytes, MaxOfferBytes = 60 * 1024, MaxPendingBundles = 255 },
            });
            hub.Hub.Couch.SystemWrites.AddToGroup(MeshOptions.CarrierGroup, phone.KeyId.ToBase64Url());
            var readings = hub.Hub.Store.CreateDatabase("readings");
            for (int i = 0; i < Readings; i++)
            {
                readings.Put("reading-" + i.ToString("D4"), null, System.Text.Encoding.UTF8.GetBytes(
                    $"{{\"sensor\":\"sht3x\",\"celsius\":21.{i % 10},\"rh\":45.2,\"timestamp\":{1_764_000_000 + i},\"battery\":87,\"site\":\"hall-3\",\"line\":\"B\"}}"));
            }

            using CarrierFacade carrier = CarrierFacade.Open(Path.Combine(folder, "carrier"), phone.KeyId);
            var sensor = new Peer(hub.Identity.KeyId, NodeRole.Sensor);
            return overBle ? OverBle(hub, carrier, sensor) : OverHttps(hub, carrier, sensor, phone.Certificate);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static (ContactReport, TimeSpan) OverHttps(HostHub hub, CarrierFacade carrier, Peer sensor, X509Certificate2 certificate)
    {
        using var link = new HttpsContactLink(HttpKeyUrl.Parse(hub.CompactUrl), certificate, TimeSpan.FromSeconds(30));
        var watch = Stopwatch.StartNew();
        ContactReport report = carrier.Visit(link, sensor);
        return (report, watch.Elapsed);
    }

    private static (ContactReport, TimeSpan) OverBle(HostHub hub, CarrierFacade carrier, Peer sensor)
    {
        var clock = new VirtualClock();
        var medium = new SimulatedBleMedium(clock, new BleMediumOptions());
        SimulatedBleRadio radio = medium.AddRadio("sensor", 0, 0, null);
        var field = new FieldRadio(hub, radio, radio, new FleetKey(RandomNumberGenerator.GetBytes(32)), new VirtualPairingClock(clock),
            new StandInWifi(new Dictionary<string, string>(), () => hub.CompactUrl));
        field.Advertise(BeaconFormat.SlotAt(1_800_000_000));
        TimeSpan start = clock.Now;
        var link = new GattContactLink(medium.AddRadio("phone", 5, 0, null).Connect("sensor"), TimeSpan.FromSeconds(60));
        ContactReport report = carrier.Visit(link, sensor);
        return (report, clock.Now - start);
    }

    private static void Print(string link, int bundleBytes, (ContactReport Report, TimeSpan Time) run)
    {
        ContactReport r = run.Report;
        if (!r.Completed)
        {
            Console.WriteLine($"| {link} | {bundleBytes} | contact failed: {r.Refusal} {r.Reason} |");
            return;
        }

        // The payload is what the bundles seal: each less its fixed cost (header, IV, tag) and at most 16 bytes of padding.
        long payload = r.BundleBytesReceived - (r.BundlesReceived * (long)(BundleFormat.FixedOverheadBytes + BundleFormat.BlockBytes));
        long wire = r.WireBytesSent + r.WireBytesReceived;
        double seconds = run.Time.TotalSeconds;
        string share = link == "HTTPS" ? "-" : $"{wire / seconds / new BleMediumOptions().ThroughputBytesPerSecond:P0}";
        Console.WriteLine($"| {link} | {bundleBytes} | {r.BundlesReceived} | {r.RoundTrips} | {wire} | {payload} | {(double)wire / payload:F3} | "
            + $"{seconds * 1000:F0} ms | {r.BundlesReceived / seconds:F1} | {share} |");
    }
}
