using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using ThaliNano.Boards.Host;
using ThaliNano.Discovery;
using ThaliNano.Drivers.Host.Tls;
using ThaliNano.Firmware.Field;
using ThaliNano.Text;

namespace ThaliNano.Cli.Site;

/// <summary>
/// A simulated field site on disk (README.md, "The simulated field site"): <c>site.json</c>, the fleet key, one host hub
/// data folder per sensor under <c>sensors/</c> and their QR labels under <c>labels/</c>. Everything is private to the
/// user: folders 0700, files 0600.
/// </summary>
internal sealed class SiteFolder
{
    public const double GridSpacingMetres = 10;
    public const int MaxSensors = 64;
    private const string FleetKeyFileName = "fleet.key";
    private const int FleetKeyBytes = 32;

    private SiteFolder(string path, SiteManifest manifest)
    {
        Path = path;
        Manifest = manifest;
    }

    public string Path { get; }

    public SiteManifest Manifest { get; private set; }

    public string LabelsFolder => System.IO.Path.Combine(Path, "labels");

    public static SiteFolder Open(DirectoryInfo folder)
    {
        string manifest = System.IO.Path.Combine(folder.FullName, SiteManifest.FileName);
        return File.Exists(manifest)
            ? new SiteFolder(folder.FullName, SiteManifest.Read(manifest))
            : throw new CommandFailedException(folder.FullName + " is not a field site (no " + SiteManifest.FileName + "): make one with 'thalinano field init'");
    }

    /// <summary>
    /// Makes a site of <paramref name="sensors"/> sensors on a square grid <see cref="GridSpacingMetres"/> apart, the
    /// phone in its middle: each sensor gets a hub identity, a free 127.0.0.1 port and a freshly provisioned label.
    /// </summary>
    public static SiteFolder Create(DirectoryInfo folder, int sensors, SiteWifi wifi)
    {
        if (folder.Exists && folder.EnumerateFileSystemInfos().Any())
        {
            throw new CommandFailedException(folder.FullName + " is not empty: a site is made in a new or empty folder");
        }

        HubIdentity.CreatePrivateFolder(folder.FullName);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var site = new SiteFolder(folder.FullName, null!);
        HubIdentity.CreatePrivateFolder(site.LabelsFolder);
        PrivateFiles.WriteText(System.IO.Path.Combine(site.Path, FleetKeyFileName), Base64Url.Encode(RandomNumberGenerator.GetBytes(FleetKeyBytes)));

        int columns = (int)Math.Ceiling(Math.Sqrt(sensors));
        var placed = new List<SiteSensor>();
        for (int i = 0; i < sensors; i++)
        {
            var sensor = new SiteSensor("sensor-" + i, "", "sensors/sensor-" + i, GridSpacingMetres * (i % columns), GridSpacingMetres * (i / columns), FreePort());
            using HostHub hub = HostHub.Open(site.DataFolderOf(sensor));
            sensor = sensor with { DeviceId = Convert.ToHexStringLower(BeaconAdvertising.DeviceIdOf(hub.Identity.KeyId)) };
            SensorLabel.Provision(hub, sensor, site.LabelsFolder);
            placed.Add(sensor);
        }

        double middle = GridSpacingMetres * (columns - 1) / 2;
        site.Save(new SiteManifest(SiteManifest.CurrentVersion, FleetKeyFileName, wifi, new SitePosition(middle, middle * (sensors > columns ? 1 : 0)), placed));
        return site;
    }

    public string DataFolderOf(SiteSensor sensor) => System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, sensor.DataFolder));

    /// <summary>Opens the sensor's hub data folder (not serving); refuses while another process holds it.</summary>
    public HostHub OpenHub(SiteSensor sensor)
    {
        try
        {
            return HostHub.Open(DataFolderOf(sensor));
        }
        catch (DataFolderInUseException e)
        {
            throw new CommandFailedException(sensor.Name + " cannot boot here: " + e.Message, e);
        }
    }

    public string LabelOf(SiteSensor sensor) => System.IO.Path.Combine(LabelsFolder, sensor.Name + ".txt");

    public FleetKey ReadFleetKey()
    {
        string path = System.IO.Path.Combine(Path, Manifest.FleetKeyFile);
        try
        {
            return new FleetKey(Base64Url.Decode(File.ReadAllText(path).Trim()));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new CommandFailedException(path + " does not hold a 16- or 32-byte fleet key in base64url", e);
        }
    }

    public void Save(SiteManifest manifest)
    {
        PrivateFiles.WriteText(System.IO.Path.Combine(Path, SiteManifest.FileName), manifest.Format());
        Manifest = manifest;
    }

    // A port free now; the site's hubs bind it whenever the CLI runs, and its labels name it.
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
