using System.Text.Json;

namespace ThaliNano.Cli.Site;

/// <summary>
/// <c>site.json</c>: what a simulated field site is made of (README.md, "The simulated field site"). Paths are relative
/// to the site folder; positions are metres on the simulated medium's plane.
/// </summary>
internal sealed record SiteManifest(int Version, string FleetKeyFile, SiteWifi Wifi, SitePosition Phone, IReadOnlyList<SiteSensor> Sensors)
{
    public const int CurrentVersion = 1;
    public const string FileName = "site.json";

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static SiteManifest Read(string path)
    {
        SiteManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<SiteManifest>(File.ReadAllText(path), s_json);
        }
        catch (JsonException e)
        {
            throw new CommandFailedException(path + " is not a site description: " + e.Message, e);
        }

        string? problem = manifest == null ? "it is empty" : manifest.Problem();
        return problem == null ? manifest! : throw new CommandFailedException(path + " is not a usable site description: " + problem);
    }

    public string Format() => JsonSerializer.Serialize(this, s_json);

    public SiteSensor Sensor(string name) =>
        Sensors.FirstOrDefault(s => s.Name == name)
        ?? throw new CommandFailedException("the site has no sensor \"" + name + "\" (it has " + string.Join(", ", Sensors.Select(s => s.Name)) + ")");

    public SiteManifest With(SiteSensor changed) =>
        this with { Sensors = Sensors.Select(s => s.Name == changed.Name ? changed : s).ToList() };

    private string? Problem()
    {
        if (Version != CurrentVersion)
        {
            return "version " + Version + " (this tool reads version " + CurrentVersion + ")";
        }

        if (FleetKeyFile == null || Wifi?.Ssid == null || Wifi.Password == null || Phone == null || Sensors == null || Sensors.Count == 0)
        {
            return "fleetKeyFile, wifi (ssid, password), phone and at least one sensor are required";
        }

        return Sensors.Any(s => s?.Name == null || s.DataFolder == null || s.Port is < 1 or > 65535)
            ? "every sensor has a name, a data folder and a port from 1 to 65535"
            : null;
    }
}

/// <summary>The network the site's stand-in Wi-Fi accepts (Improv provisioning must name it).</summary>
internal sealed record SiteWifi(string Ssid, string Password);

internal sealed record SitePosition(double X, double Y);

/// <param name="DeviceId">what its beacons resolve to (hex), for the reader's convenience</param>
/// <param name="Port">the 127.0.0.1 port its hub serves on while the CLI runs (the label's URL names it)</param>
/// <param name="ButtonPressedAt">when 'thalinano field button' last pressed its pairing button (Unix ms), if ever</param>
internal sealed record SiteSensor(string Name, string DeviceId, string DataFolder, double X, double Y, int Port, long? ButtonPressedAt = null);
