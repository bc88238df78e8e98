using System.Text.Json;
using ThaliNano.Boards.Host;
using ThaliNano.Cli.Site;

namespace ThaliNano.Cli.Provisioning;

/// <summary>
/// <c>device.json</c>: what the ESP32 app reads at start (which board profile, its port and key id, where the provisioned
/// files are on <c>I:</c>), and what <c>thalinano flash</c> reads to deploy a provisioned folder. The device paths are
/// those of boards/esp32/README.md ("What must be on the device").
/// </summary>
internal sealed record DeviceConfiguration(
    int Version,
    string Board,
    string NanoffTarget,
    string Name,
    int Port,
    string HubKeyId,
    string CertificatePath,
    string KeyPath,
    string FleetKeyPath,
    string FieldTokenPath,
    string? MeshSecretPath,
    string? MeshDestination,
    string StorePath,
    string RegistryPath)
{
    public const int CurrentVersion = 1;
    public const string FileName = ProvisionedDevice.SettingsFileName;
    public const string DevicePath = @"I:\thali-config\device.json";

    private const int MaxBytes = 64 * 1024;

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The device's paths for the files of a provisioned folder (the field token verifier is consumed at first start).</summary>
    public static DeviceConfiguration Create(string board, string nanoffTarget, string name, int port, string hubKeyId, string? meshDestination) =>
        new(CurrentVersion, board, nanoffTarget, name, port, hubKeyId,
            @"I:\thali-identity\hub.cert.pem", @"I:\thali-identity\hub.key.pem", @"I:\thali-config\fleet.key",
            @"I:\thali-provision\fieldtoken.key", meshDestination == null ? null : @"I:\thali-config\mesh.secret", meshDestination,
            @"I:\thali", @"I:\thali-pairing");

    /// <summary>Each file to deploy: its path in the provisioned folder and on the device.</summary>
    public IEnumerable<(string Local, string Device)> Files()
    {
        yield return (Path.Combine("identity", "hub.cert.pem"), CertificatePath);
        yield return (Path.Combine("identity", "hub.key.pem"), KeyPath);
        yield return (ProvisionedFolder.FleetKeyFileName, FleetKeyPath);
        yield return (ProvisionedFolder.FieldTokenFileName, FieldTokenPath);
        if (MeshSecretPath != null)
        {
            yield return (ProvisionedFolder.MeshSecretFileName, MeshSecretPath);
        }

        yield return (FileName, DevicePath);
    }

    public void Write(string folder) => PrivateFiles.WriteText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, s_json));

    /// <summary>Reads a provisioned folder's <c>device.json</c>; refuses a missing, oversized or foreign file.</summary>
    public static DeviceConfiguration Read(string folder)
    {
        string path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            throw new CommandFailedException(folder + " is not a provisioned device folder: no " + FileName + " (make one with 'thalinano provision')");
        }

        if (new FileInfo(path).Length > MaxBytes)
        {
            throw new CommandFailedException(path + " is larger than " + MaxBytes + " bytes: not a device configuration");
        }

        DeviceConfiguration? configuration;
        try
        {
            configuration = JsonSerializer.Deserialize<DeviceConfiguration>(File.ReadAllText(path), s_json);
        }
        catch (JsonException e)
        {
            throw new CommandFailedException(path + " is not a device configuration: " + e.Message, e);
        }

        return configuration is { Version: CurrentVersion, Board: not null, NanoffTarget: not null }
            ? configuration
            : throw new CommandFailedException(path + " is not a version " + CurrentVersion + " device configuration");
    }
}
