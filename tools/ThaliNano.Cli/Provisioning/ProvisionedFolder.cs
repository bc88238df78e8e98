using System.Security.Cryptography;
using ThaliNano.Boards.Host;
using ThaliNano.Cli.Site;
using ThaliNano.Client.Exchange;
using ThaliNano.Discovery;
using ThaliNano.Drivers.Host.Tls;
using ThaliNano.FieldPairing;
using ThaliNano.Firmware.Boards;
using ThaliNano.Firmware.Field;
using ThaliNano.Identity;
using ThaliNano.Text;

namespace ThaliNano.Cli.Provisioning;

/// <summary>What <see cref="ProvisionedFolder.Create"/> made.</summary>
internal sealed record ProvisionResult(DeviceConfiguration Configuration, string DeviceId, string Label, string LabelPng, string LabelSvg, string Deploy, string? GatewayKeyFile);

/// <summary>
/// A device's keys and configuration made on a PC before flashing (the device cannot generate RSA keys): the hub key
/// and leaf certificate (<c>identity/</c>, as the host board's data folder has them), the fleet key, the field pairing
/// token's verifier (the token itself is only on the label), the label as text, PNG and SVG, the mesh seal secret
/// shared with a gateway, <c>device.json</c> and nanoff's <c>deploy.json</c>. Folder 0700, files 0600.
/// </summary>
internal static class ProvisionedFolder
{
    // The names the host board reads a provisioned folder by (it starts from one as the device would).
    public const string FleetKeyFileName = ProvisionedDevice.FleetKeyFileName;
    public const string FieldTokenFileName = ProvisionedDevice.FieldTokenFileName;
    public const string MeshSecretFileName = ProvisionedDevice.MeshSecretFileName;
    public const string LabelFileName = "label.txt";

    private const int FleetKeyBytes = 32;

    /// <summary>
    /// Provisions <paramref name="folder"/> for <paramref name="board"/>. Checks every input before writing anything:
    /// a folder already provisioned, a fleet key file that does not hold a key, or a gateway folder without an identity
    /// is refused and nothing is made.
    /// </summary>
    public static ProvisionResult Create(BoardProfile board, string folder, string? name, string host, int port, string? fleetKeyFile, string? gatewayFolder)
    {
        if (File.Exists(Path.Combine(folder, DeviceConfiguration.FileName)))
        {
            throw new CommandFailedException(folder + " is already provisioned (" + DeviceConfiguration.FileName + " is there): use a new folder");
        }

        string fleetKey = fleetKeyFile == null ? Base64Url.Encode(RandomNumberGenerator.GetBytes(FleetKeyBytes)) : ReadFleetKey(fleetKeyFile);
        if (gatewayFolder != null && !File.Exists(Path.Combine(gatewayFolder, HubIdentity.FolderName, HubIdentity.CertificateFileName)))
        {
            throw new CommandFailedException(gatewayFolder + " is not a gateway folder: it has no " + HubIdentity.FolderName + "/" + HubIdentity.CertificateFileName + " (make one with 'thalinano gateway key' or 'serve')");
        }

        HubIdentity.CreatePrivateFolder(folder);
        using HubIdentity identity = HubIdentity.LoadOrCreate(folder);
        string deviceId = Convert.ToHexStringLower(BeaconAdvertising.DeviceIdOf(identity.KeyId));
        PrivateFiles.WriteText(Path.Combine(folder, FleetKeyFileName), fleetKey);

        PairingToken token = PairingToken.Create(SecureRandom.Instance);
        PrivateFiles.WriteText(Path.Combine(folder, FieldTokenFileName), Base64Url.Encode(token.DeriveKey()));
        var card = new IdentityCard(HttpKeyUrl.Parse(identity.CompactUrl(host, port)), name ?? deviceId, token.ToString()[PairingToken.Prefix.Length..]);
        string label = Path.Combine(folder, LabelFileName);
        PrivateFiles.WriteText(label, card.Format());
        string png = Path.ChangeExtension(label, ".png");
        PrivateFiles.WriteBytes(png, IdentityQrCode.ToPng(card));
        string svg = Path.ChangeExtension(label, ".svg");
        PrivateFiles.WriteText(svg, IdentityQrCode.ToSvg(card));

        string? gatewayKeyFile = null;
        PublicKeyId? destination = null;
        if (gatewayFolder != null)
        {
            (gatewayKeyFile, destination) = GatewaySealKeys.Share(gatewayFolder, identity.KeyId, null, Path.Combine(folder, MeshSecretFileName));
        }

        var configuration = DeviceConfiguration.Create(board.Name, board.NanoffTarget, name ?? deviceId, port, identity.KeyId.ToBase64Url(), destination?.ToBase64Url());
        configuration.Write(folder);
        string deploy = FileDeployment.Write(folder, configuration, serialPort: null);
        return new ProvisionResult(configuration, deviceId, label, png, svg, deploy, gatewayKeyFile);
    }

    private static string ReadFleetKey(string path)
    {
        try
        {
            string text = File.ReadAllText(path).Trim();
            _ = new FleetKey(Base64Url.Decode(text));
            return text;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new CommandFailedException(path + " does not hold a 16- or 32-byte fleet key in base64url", e);
        }
    }
}
