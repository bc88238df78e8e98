using System.Text.Json;
using ThaliNano.Tests.Interop;

namespace ThaliNano.Cli.Tests;

/// <summary>A field site made by <c>thalinano field init</c> in a temporary folder, and a technician's identity.</summary>
internal sealed class TestSite : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("thali-cli-test-").FullName;

    public TestSite(int sensors)
    {
        CliRun.Of("field", "init", "--site", Folder, "--sensors", sensors.ToString(), "--wifi-password", WifiPassword).Ok();
        using JsonDocument manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "site.json")));
        Sensors = manifest.RootElement.GetProperty("sensors").EnumerateArray()
            .Select(s => new Sensor(s.GetProperty("name").GetString()!, s.GetProperty("deviceId").GetString()!,
                Path.Combine(Folder, s.GetProperty("dataFolder").GetString()!), Path.Combine(Folder, "labels", s.GetProperty("name").GetString() + ".txt")))
            .ToList();
        Technician = ClientIdentity.Create(Path.Combine(_root, "technician"), "technician");
    }

    public const string Ssid = "thali-field";
    public const string WifiPassword = "correct horse";

    public string Folder => Path.Combine(_root, "site");

    public IReadOnlyList<Sensor> Sensors { get; }

    public ClientIdentity Technician { get; }

    public ClientIdentity NewIdentity(string name) => ClientIdentity.Create(Path.Combine(_root, name), name);

    /// <summary>Runs <c>thalinano pair</c> on this site as <paramref name="who"/> with the given extra arguments.</summary>
    public CliRun Pair(ClientIdentity who, params string[] args) =>
        CliRun.Of(["pair", "--site", Folder, "--cert", who.CertificatePath, "--key", who.KeyPath, .. args]);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    internal sealed record Sensor(string Name, string DeviceId, string DataFolder, string Label);
}
