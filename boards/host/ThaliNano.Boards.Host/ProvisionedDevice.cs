using ThaliNano.Discovery;
using ThaliNano.Drivers.Host.Tls;
using ThaliNano.Firmware;
using ThaliNano.Firmware.Boards;
using ThaliNano.Firmware.Field;
using ThaliNano.Firmware.Mesh;

namespace ThaliNano.Boards.Host;

/// <summary>
/// A data folder <c>thalinano provision</c> made: <c>device.json</c> beside the hub identity and the key files, which
/// the host board reads from the folder where the ESP32 reads them from the paths <c>device.json</c> names on <c>I:</c>.
/// Starting it is the firmware's <see cref="ProvisionedStart"/>: the fleet key, the mesh sensor's options and, at the
/// first start, the field token's verifier moved into the pairing registry (its file deleted).
/// </summary>
public sealed class ProvisionedDevice
{
    public const string SettingsFileName = "device.json";
    public const string FleetKeyFileName = "fleet.key";
    public const string FieldTokenFileName = "fieldtoken.key";
    public const string MeshSecretFileName = "mesh.secret";

    private ProvisionedDevice(DeviceSettings settings, FleetKey fleetKey, MeshOptions? mesh, bool importedFieldToken)
    {
        Settings = settings;
        FleetKey = fleetKey;
        Mesh = mesh;
        ImportedFieldToken = importedFieldToken;
    }

    public DeviceSettings Settings { get; }

    /// <summary>The fleet key the device's beacons are made with (<c>fleet.key</c>).</summary>
    public FleetKey FleetKey { get; }

    /// <summary>The mesh sensor's options when <c>device.json</c> names a destination; null otherwise.</summary>
    public MeshOptions? Mesh { get; }

    /// <summary>Whether this start imported the field token's verifier: the device's first start.</summary>
    public bool ImportedFieldToken { get; }

    /// <summary>
    /// Starts the device provisioned in <paramref name="dataFolder"/>; null when the folder has no <c>device.json</c>.
    /// Throws <see cref="FormatException"/> or <see cref="IOException"/> naming the file for a configuration that does
    /// not parse or belongs to another hub key, and for a key file that is missing or bad. Everything is read before
    /// the field token is imported, so a refused start changes nothing.
    /// </summary>
    public static ProvisionedDevice? Start(string dataFolder, HubIdentity identity, PairingRegistry registry)
    {
        string path = Path.Combine(dataFolder, SettingsFileName);
        if (!File.Exists(path))
        {
            return null;
        }

        DeviceSettings settings;
        try
        {
            settings = DeviceSettings.Parse(File.ReadAllBytes(path));
        }
        catch (FormatException e)
        {
            throw new FormatException(path + ": " + e.Message, e);
        }

        if (settings.HubKeyId != identity.KeyId.ToBase64Url())
        {
            throw new FormatException(path + " is for hub key " + settings.HubKeyId + ", but " + identity.Folder
                + " holds key " + identity.KeyId.ToBase64Url() + ": not this device's configuration");
        }

        var start = new ProvisionedStart(settings, Path.Combine(dataFolder, FieldTokenFileName), Path.Combine(dataFolder, FleetKeyFileName),
            settings.MeshDestination == null ? null : Path.Combine(dataFolder, MeshSecretFileName));
        FleetKey fleetKey = start.ReadFleetKey();
        MeshOptions? mesh = start.CreateMeshOptions(SecureRandom.Instance);
        bool imported = start.ImportFieldToken(new FieldTokenStore(registry));
        return new ProvisionedDevice(settings, fleetKey, mesh, imported);
    }
}
