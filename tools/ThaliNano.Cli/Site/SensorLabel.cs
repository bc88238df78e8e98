using System.Net;
using ThaliNano.Boards.Host;
using ThaliNano.Client.Exchange;
using ThaliNano.FieldPairing;
using ThaliNano.Firmware.Field;
using ThaliNano.Identity;

namespace ThaliNano.Cli.Site;

/// <summary>
/// A sensor's QR label as made at provisioning: a fresh single-use pairing token whose verifier goes to the sensor's
/// registry (never the token), and the label itself — an <see cref="IdentityCard"/> with the hub's httpkey URL, the
/// sensor's name and the token — written as text (<c>NAME.txt</c>) and as a QR code (<c>NAME.png</c>), both 0600.
/// </summary>
internal static class SensorLabel
{
    /// <summary>Provisions a fresh token (replacing any earlier one) and writes the label; returns the text file's path.</summary>
    public static string Provision(HostHub hub, SiteSensor sensor, string labelsFolder)
    {
        PairingToken token = PairingToken.Create(SecureRandom.Instance);
        var url = HttpKeyUrl.Parse(hub.Identity.CompactUrl(IPAddress.Loopback.ToString(), sensor.Port));
        var card = new IdentityCard(url, sensor.Name, token.ToString()[PairingToken.Prefix.Length..]);
        string textPath = Path.Combine(labelsFolder, sensor.Name + ".txt");
        PrivateFiles.WriteText(textPath, card.Format());
        PrivateFiles.WriteBytes(Path.Combine(labelsFolder, sensor.Name + ".png"), IdentityQrCode.ToPng(card));
        new FieldTokenStore(hub.Registry).Provision(token);
        return textPath;
    }

    /// <summary>The pairing token a label file carries (scanned form, <c>thali-pair:...</c>) and the device it names.</summary>
    public static (string Token, string DeviceId) Read(string labelPath)
    {
        IdentityCard card;
        try
        {
            card = IdentityCard.Parse(File.ReadAllText(labelPath).TrimEnd('\n'));
        }
        catch (FormatException e)
        {
            throw new CommandFailedException(labelPath + " is not a ThaliNano label: " + e.Message, e);
        }

        return card.PairingToken == null
            ? throw new CommandFailedException(labelPath + " is an identity without a pairing token: not a device's label")
            : (PairingToken.Prefix + card.PairingToken, Convert.ToHexStringLower(BeaconAdvertising.DeviceIdOf(card.Url.KeyId)));
    }

    /// <summary>Whether the sensor holds a token that has not paired anyone yet (its "first boot").</summary>
    public static bool HasUnusedToken(HostHub hub) => new FieldTokenStore(hub.Registry).LoadTokenKey() != null;
}
