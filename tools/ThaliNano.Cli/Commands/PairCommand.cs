using System.CommandLine;
using System.CommandLine.Parsing;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ThaliNano.Ble;
using ThaliNano.Cli.Site;
using ThaliNano.Client.Field;
using ThaliNano.Client.FieldPairing;
using ThaliNano.FieldPairing;
using ThaliNano.Text;

namespace ThaliNano.Cli.Commands;

/// <summary>
/// <c>thalinano pair</c>: finds the device by its beacon, connects over simulated GATT, pairs the technician's certificate
/// with the token from the device's label, optionally provisions its Wi-Fi with Improv on the same connection, and
/// writes the proof secret (0600).
/// </summary>
internal static class PairCommand
{
    private static readonly TimeSpan s_gattTimeout = TimeSpan.FromSeconds(10);

    public static Command Create()
    {
        Option<DirectoryInfo> site = CommonOptions.Site();
        var device = new Option<string>("--device") { HelpName = "ID", Description = "the device id discover shows (default with --label: the device the label names)" };
        var label = new Option<FileInfo>("--label") { HelpName = "FILE", Description = "the device's label (what its QR code says, as 'field init' writes it)" };
        var token = new Option<string>("--token") { HelpName = "TEXT", Description = "the pairing token instead of a label (thali-pair:...)" };
        var certificate = new Option<FileInfo>("--cert") { HelpName = "PEM", Description = "the technician's certificate (PEM, a leaf with an RSA key)", Required = true };
        var key = new Option<FileInfo>("--key") { HelpName = "PEM", Description = "its private key (PEM)", Required = true };
        var role = new Option<string>("--role") { Description = "the role to ask for" };
        role.AcceptOnlyFromAmong("reader", "writer");
        var group = new Option<string>("--group") { HelpName = "NAME", Description = "pair into this group instead (1-58 of A-Z a-z 0-9 . _ -)" };
        var ssid = new Option<string>("--ssid") { HelpName = "SSID", Description = "then provision the device's Wi-Fi with Improv: the network's name" };
        var password = new Option<string>("--password") { HelpName = "PASSWORD", Description = "the Wi-Fi network's password (with --ssid)" };
        var secretOut = new Option<FileInfo>("--secret-out") { HelpName = "FILE", Description = "where to write the proof secret (default: beside the certificate, NAME.secret)" };
        Option<double> seconds = CommonOptions.Seconds(5, "how long to look for the device");
        Option<bool> json = CommonOptions.Json();
        var command = new Command("pair", "pair with a device over BLE using the token from its label, then optionally provision its Wi-Fi")
        {
            site, device, label, token, certificate, key, role, group, ssid, password, secretOut, seconds, json,
        };
        command.Validators.Add(result =>
        {
            OneOf(result, label, token);
            OneOf(result, role, group);
            if (Given(result, token) && !Given(result, device))
            {
                result.AddError("--token needs --device (a label names its device, a bare token does not)");
            }

            if (Given(result, ssid) != Given(result, password))
            {
                result.AddError("--ssid and --password come together");
            }
        });
        command.SetAction((parseResult, output) =>
        {
            (string Token, string? DeviceId) scanned = parseResult.GetValue(label) is FileInfo file
                ? SensorLabel.Read(file.FullName)
                : (ScannedToken(parseResult.GetRequiredValue(token)), null);
            var request = new PairRequest(
                scanned,
                parseResult.GetValue(device)?.ToLowerInvariant(),
                parseResult.GetValue(role) ?? "group:" + parseResult.GetRequiredValue(group),
                parseResult.GetRequiredValue(certificate).FullName,
                parseResult.GetRequiredValue(key).FullName);
            SiteFolder folder = SiteFolder.Open(parseResult.GetRequiredValue(site));
            string secretPath = parseResult.GetValue(secretOut)?.FullName ?? DefaultSecretPath(request.CertificatePath);
            string? wifiSsid = parseResult.GetValue(ssid);
            PairOutcome outcome = Run(folder, request, TimeSpan.FromSeconds(parseResult.GetValue(seconds)), secretPath,
                wifiSsid == null ? null : (wifiSsid, parseResult.GetRequiredValue(password)), output);
            Print(outcome, output, parseResult.GetValue(json));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static PairOutcome Run(SiteFolder folder, PairRequest request, TimeSpan scanLimit, string secretPath,
        (string Ssid, string Password)? wifi, CliOutput output)
    {
        using X509Certificate2 certificate = LoadCertificate(request);
        using RSA privateKey = certificate.GetRSAPrivateKey()
            ?? throw new CommandFailedException(request.CertificatePath + " has no RSA key: field pairing sends the secret RSA-OAEP encrypted to it");
        string deviceId = request.DeviceId;
        using SimulatedSite running = SimulatedSite.Start(folder);
        FieldSighting sighting = running.Find(deviceId, scanLimit)
            ?? throw new CommandFailedException("device " + deviceId + " was not heard within " + scanLimit.TotalSeconds
                + " s: it is out of range, off, or not of this fleet");
        try
        {
            using FieldConnection connection = FieldConnection.Open(running.Phone, sighting.Address, s_gattTimeout);
            FieldPairingResult paired;
            try
            {
                paired = connection.Pair(request.Token, certificate, privateKey, request.Role);
            }
            catch (FieldPairingException e)
            {
                throw new CommandFailedException("pairing with " + deviceId + " failed: " + e.Message, e);
            }

            PrivateFiles.WriteText(secretPath, Base64Url.Encode(paired.Secret));
            var outcome = new PairOutcome(deviceId, request.Role, paired.KeyId, paired.HubUrl, secretPath, null, null);
            if (wifi is not (string ssid, string password))
            {
                return outcome;
            }

            try
            {
                return outcome with { WifiSsid = ssid, WifiUrls = connection.ProvisionWifi(ssid, password) };
            }
            catch (ImprovException e)
            {
                Print(outcome, output, json: false);
                throw new CommandFailedException("paired, but provisioning Wi-Fi \"" + ssid + "\" failed: " + e.Message, e);
            }
        }
        catch (BleException e)
        {
            throw new CommandFailedException("the BLE connection to " + deviceId + " failed: " + e.Message, e);
        }
    }

    private static void Print(PairOutcome outcome, CliOutput output, bool json)
    {
        if (json)
        {
            output.WriteJson(outcome);
            return;
        }

        output.Out.WriteLine("paired with device " + outcome.DeviceId + " as " + outcome.Role);
        output.Out.WriteLine("key id: " + outcome.KeyId);
        output.Out.WriteLine("hub: " + outcome.HubUrl);
        output.Out.WriteLine("proof secret: " + outcome.SecretFile + " (mode 0600)");
        if (outcome.WifiSsid != null)
        {
            output.Out.WriteLine("Wi-Fi: joined \"" + outcome.WifiSsid + "\"; the hub answers at " + string.Join(", ", outcome.WifiUrls!));
        }
    }

    private static X509Certificate2 LoadCertificate(PairRequest request)
    {
        try
        {
            return X509Certificate2.CreateFromPemFile(request.CertificatePath, request.KeyPath);
        }
        catch (CryptographicException e)
        {
            throw new CommandFailedException("cannot use " + request.CertificatePath + " with " + request.KeyPath + ": " + e.Message, e);
        }
    }

    private static string ScannedToken(string text) => text.StartsWith(PairingToken.Prefix, StringComparison.Ordinal) ? text : PairingToken.Prefix + text;

    // technician.cert.pem -> technician.secret, beside it.
    private static string DefaultSecretPath(string certificatePath)
    {
        string name = Path.GetFileName(certificatePath);
        foreach (string suffix in new[] { ".pem", ".cert", ".crt" })
        {
            if (name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                name = name[..^suffix.Length];
            }
        }

        return Path.Combine(Path.GetDirectoryName(certificatePath)!, name + ".secret");
    }

    private static bool Given(CommandResult result, Option option) => result.GetResult(option) is { Implicit: false };

    private static void OneOf(CommandResult result, Option first, Option second)
    {
        if (Given(result, first) == Given(result, second))
        {
            result.AddError("give one of " + first.Name + " and " + second.Name);
        }
    }

    private sealed record PairRequest(string Token, string DeviceId, string Role, string CertificatePath, string KeyPath)
    {
        public PairRequest((string Token, string? DeviceId) scanned, string? device, string role, string certificatePath, string keyPath)
            : this(scanned.Token, Device(scanned.DeviceId, device), role, certificatePath, keyPath)
        {
        }

        // The validators made sure one of them is given.
        private static string Device(string? labelled, string? given) =>
            labelled != null && given != null && labelled != given
                ? throw new CommandFailedException("the label is device " + labelled + "'s, not " + given + "'s")
                : (given ?? labelled)!;
    }

    private sealed record PairOutcome(string DeviceId, string Role, string KeyId, string HubUrl, string SecretFile,
        string? WifiSsid, IReadOnlyList<string>? WifiUrls);
}
