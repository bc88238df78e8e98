using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ThaliNano.Drivers.Host.Tls;
using ThaliNano.Identity;
using ThaliNano.Tests.Interop;
using ThaliNano.Text;

namespace ThaliNano.Boards.Host.Tests;

/// <summary>
/// The hub process (ThaliNano.Boards.Host.dll) as a user runs it: options, first start, restart, clean shutdown, one
/// process per data folder, owner recovery and the modes of secret files.
/// </summary>
public sealed class HubProcessTests : IDisposable
{
    private static readonly string s_board = Path.Combine(AppContext.BaseDirectory, "ThaliNano.Boards.Host.dll");
    private readonly string _folder = Directory.CreateTempSubdirectory("thali-hub-process-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Help_and_bad_options()
    {
        var help = NodePeers.Run("dotnet", new[] { s_board, "--help" }, TimeSpan.FromSeconds(20));
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--data DIR", help.Stdout);
        Assert.Contains("--owner CERT.pem", help.Stdout);

        var bad = NodePeers.Run("dotnet", new[] { s_board, "--port", "http" }, TimeSpan.FromSeconds(20));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--port", bad.Stderr);
    }

    [Fact]
    public void First_start_creates_the_identity_pairs_the_owner_serves_and_stops_cleanly_and_a_restart_keeps_it_all()
    {
        string data = Path.Combine(_folder, "data");
        ClientIdentity owner = ClientIdentity.Create(Path.Combine(_folder, "clients"), "owner");
        string secret = Path.Combine(_folder, "clients", "owner.secret");

        var (first, firstOutput) = RunUntilStopped("--data", data, "--port", "0", "--owner", owner.CertificatePath, "--secret-out", secret,
            "--log-requests");
        Assert.Contains("created the hub identity", firstOutput);
        Assert.Contains("paired as owner: " + owner.Principal, firstOutput);
        Assert.True(File.Exists(Path.Combine(data, "identity", "hub.cert.pem")));
        Assert.True(File.Exists(Path.Combine(data, "identity", "hub.key.pem")));
        Assert.Equal(43, File.ReadAllText(secret).Trim().Length);
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("request 200 GET / " + owner.Principal, firstOutput);
        Assert.EndsWith("stopping", firstOutput.Trim());

        var (second, secondOutput) = RunUntilStopped("--data", data, "--port", "0");
        Assert.Equal(0, second.ExitCode);
        Assert.DoesNotContain("created the hub identity", secondOutput);
        Assert.Equal(Line(firstOutput, "hub key id: "), Line(secondOutput, "hub key id: "));
        Assert.Equal(Regex.Match(firstOutput, "hub ([0-9a-f]{32}) on").Groups[1].Value, Regex.Match(secondOutput, "hub ([0-9a-f]{32}) on").Groups[1].Value);
        Assert.Contains("owner: " + owner.Principal, secondOutput);

        var list = NodePeers.Run("dotnet", new[] { s_board, "--data", data, "--unpair", owner.Principal, "--list", "--no-serve" }, TimeSpan.FromSeconds(20));
        Assert.Contains("unpaired " + owner.Principal, list.Stdout);
        Assert.DoesNotContain("owner  ", list.Stdout);

        (Process Process, string Output) RunUntilStopped(params string[] arguments)
        {
            var (process, output) = Start(arguments);
            if (arguments.Contains("--log-requests"))
            {
                Assert.Equal(0, Curl(owner, output).ExitCode);
            }

            return (process, Stop(process, output));
        }
    }

    [Fact]
    public void One_process_per_data_folder_and_pairing_beside_a_running_hub_says_how_to_do_it_through_the_hub()
    {
        string data = Path.Combine(_folder, "data");
        ClientIdentity owner = ClientIdentity.Create(Path.Combine(_folder, "clients"), "owner");
        ClientIdentity friend = ClientIdentity.Create(Path.Combine(_folder, "clients"), "friend");
        var (hub, output) = Start("--data", data, "--port", "0", "--owner", owner.CertificatePath, "--secret-out", Path.Combine(_folder, "clients", "owner.secret"));
        try
        {
            string port = Line(output, "port: ");
            var second = RunBoard("--data", data, "--port", "0");
            Assert.Equal(2, second.ExitCode);
            Assert.Contains("the data folder " + data + " is in use by another hub process (pid " + hub.Id + ", serving on port " + port + ")", second.Stderr);
            Assert.DoesNotContain("ready", second.Stdout);

            var pair = RunBoard("--data", data, "--pair", friend.CertificatePath, "--unpair", owner.Principal, "--list", "--no-serve");
            Assert.Equal(2, pair.ExitCode);
            Assert.Contains("pid " + hub.Id, pair.Stderr);
            Assert.Contains("https://127.0.0.1:" + port + "/_pairing", pair.Stderr);
            Assert.Contains("-in " + friend.CertificatePath + " -outform DER", pair.Stderr);
            Assert.Contains("-X DELETE https://127.0.0.1:" + port + "/_pairing/" + owner.Principal, pair.Stderr);
            Assert.Contains("--pinnedpubkey \"sha256//", pair.Stderr);

            // The advice works as printed (the shell substitutes the certificate), and the hub still has both keys.
            string command = pair.Stderr.Split('\n').Single(l => l.Contains("-in " + friend.CertificatePath))
                .Replace("OWNER.cert.pem", owner.CertificatePath).Replace("OWNER.key.pem", owner.KeyPath);
            command = command[..command.IndexOf("    # answers", StringComparison.Ordinal)];
            var viaHub = NodePeers.Run("bash", new[] { "-c", command + " -sS --max-time 10" }, TimeSpan.FromSeconds(20));
            Assert.Contains("\"key\":\"" + friend.Principal + "\"", viaHub.Stdout);
            Assert.Equal(0, Curl(friend, output).ExitCode);
        }
        finally
        {
            Stop(hub, output);
        }

        // Stopped: the folder is free again, and the offline options work on it.
        var list = RunBoard("--data", data, "--list", "--no-serve");
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("paired " + friend.Principal, list.Stdout);
        Assert.False(File.Exists(Path.Combine(data, "hub.pid")));
    }

    [Fact]
    public void A_lost_owner_key_is_replaced_offline_on_the_stopped_hubs_folder()
    {
        string data = Path.Combine(_folder, "data");
        ClientIdentity lost = ClientIdentity.Create(Path.Combine(_folder, "clients"), "lost");
        ClientIdentity replacement = ClientIdentity.Create(Path.Combine(_folder, "clients"), "replacement");
        Assert.Equal(0, RunBoard("--data", data, "--owner", lost.CertificatePath, "--no-serve").ExitCode);
        var (first, firstOutput) = Start("--data", data, "--port", "0");
        Stop(first, firstOutput); // the first start made the lost key the admin of _thali

        var recovery = RunBoard("--data", data, "--owner", replacement.CertificatePath, "--unpair", lost.Principal, "--list", "--no-serve");
        Assert.Equal(0, recovery.ExitCode);
        Assert.Contains("unpaired " + lost.Principal, recovery.Stdout);
        Assert.Contains("admin of _thali: " + replacement.Principal + ", in place of " + lost.Principal, recovery.Stdout);
        Assert.Equal(new[] { "owner  " + replacement.Principal }, Paired(recovery.Stdout));

        // The new owner manages pairings through the running hub; the lost key no longer gets in.
        var (hub, output) = Start("--data", data, "--port", "0");
        try
        {
            Assert.Contains("owner: " + replacement.Principal, output);
            var listing = Curl(replacement, output, "/_pairing");
            Assert.Equal(0, listing.ExitCode);
            Assert.Contains("\"owner\":\"" + replacement.Principal + "\"", listing.Stdout);
            var admins = Curl(replacement, output, "/_thali/admins");
            Assert.Contains("\"members\":[\"" + replacement.Principal + "\"]", admins.Stdout);
            Assert.NotEqual(0, Curl(lost, output).ExitCode);
        }
        finally
        {
            Stop(hub, output);
        }
    }

    [Fact]
    public void Secret_files_are_0600_in_0700_folders_even_when_an_older_file_was_readable()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        string data = Path.Combine(_folder, "data");
        string identity = Path.Combine(data, "identity");
        Directory.CreateDirectory(identity);
        // A temporary key file left readable by an interrupted run, and a secret file made readable by someone.
        File.WriteAllText(Path.Combine(identity, "hub.key.pem.tmp"), "stale");
        File.SetUnixFileMode(Path.Combine(identity, "hub.key.pem.tmp"), (UnixFileMode)0b110_100_100);
        File.SetUnixFileMode(identity, (UnixFileMode)0b111_101_101);
        string oldSecret = Path.Combine(_folder, "old.secret");
        File.WriteAllText(oldSecret, "old");
        File.SetUnixFileMode(oldSecret, (UnixFileMode)0b110_100_100);
        string newSecret = Path.Combine(_folder, "new-folder", "nested", "pair.secret");
        ClientIdentity owner = ClientIdentity.Create(Path.Combine(_folder, "clients"), "owner");
        ClientIdentity other = ClientIdentity.Create(Path.Combine(_folder, "clients"), "other");

        var run = RunBoard("--data", data, "--owner", owner.CertificatePath, "--secret-out", oldSecret, "--pair", other.CertificatePath,
            "--secret-out", newSecret, "--no-serve");
        Assert.Equal(0, run.ExitCode);

        Assert.Equal(HubIdentity.PrivateFileMode, File.GetUnixFileMode(Path.Combine(identity, "hub.key.pem")));
        Assert.Equal(HubIdentity.PrivateFolderMode, File.GetUnixFileMode(identity));
        Assert.Equal(HubIdentity.PrivateFileMode, File.GetUnixFileMode(oldSecret));
        Assert.Equal(43, File.ReadAllText(oldSecret).Trim().Length);
        Assert.Equal(HubIdentity.PrivateFileMode, File.GetUnixFileMode(newSecret));
        Assert.Equal(HubIdentity.PrivateFolderMode, File.GetUnixFileMode(Path.GetDirectoryName(newSecret)!));
        Assert.Equal(HubIdentity.PrivateFolderMode, File.GetUnixFileMode(Path.Combine(_folder, "new-folder")));

        // A key file loosened later is tightened at the next start; a new data folder is private from the start.
        File.SetUnixFileMode(Path.Combine(identity, "hub.key.pem"), (UnixFileMode)0b110_100_100);
        Assert.Equal(0, RunBoard("--data", data, "--list", "--no-serve").ExitCode);
        Assert.Equal(HubIdentity.PrivateFileMode, File.GetUnixFileMode(Path.Combine(identity, "hub.key.pem")));
        string fresh = Path.Combine(_folder, "fresh-data");
        Assert.Equal(0, RunBoard("--data", fresh, "--no-serve").ExitCode);
        Assert.Equal(HubIdentity.PrivateFolderMode, File.GetUnixFileMode(fresh));
    }

    [Fact]
    public void A_ca_certificate_is_refused_with_the_reason_and_exit_code_2()
    {
        string data = Path.Combine(_folder, "data");
        string key = Path.Combine(_folder, "ca.key.pem"), certificate = Path.Combine(_folder, "ca.cert.pem");
        var openssl = NodePeers.Run("openssl", new[] { "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=ca", "-keyout", key, "-out", certificate },
            TimeSpan.FromSeconds(30));
        Assert.Equal(0, openssl.ExitCode);

        var run = RunBoard("--data", data, "--owner", certificate, "--no-serve");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("cannot pair " + certificate + ": the certificate is a CA certificate (basicConstraints CA:TRUE)", run.Stderr);
        Assert.Empty(Paired(RunBoard("--data", data, "--list", "--no-serve").Stdout));
    }

    [Fact]
    public void A_provisioned_folder_starts_as_its_device_on_its_port_as_a_mesh_sensor_and_imports_the_token_once()
    {
        string data = Path.Combine(_folder, "device");
        PublicKeyId hubKey;
        using (HubIdentity identity = HubIdentity.LoadOrCreate(data))
        {
            hubKey = identity.KeyId;
        }

        string gateway = PublicKeyId.FromHash(SHA256.HashData("gateway"u8)).ToBase64Url();
        int port = NodePeers.FreePort();
        var settings = new JsonObject
        {
            ["version"] = 1,
            ["board"] = "esp32",
            ["nanoffTarget"] = "ESP32_BLE_REV0",
            ["name"] = "boiler-7",
            ["port"] = port,
            ["hubKeyId"] = hubKey.ToBase64Url(),
            ["certificatePath"] = "c",
            ["keyPath"] = "k",
            ["fleetKeyPath"] = "f",
            ["fieldTokenPath"] = "t",
            ["meshSecretPath"] = "m",
            ["meshDestination"] = gateway,
            ["storePath"] = "s",
            ["registryPath"] = "r",
        };
        File.WriteAllText(Path.Combine(data, ProvisionedDevice.SettingsFileName), settings.ToJsonString());
        foreach (string file in new[] { ProvisionedDevice.FleetKeyFileName, ProvisionedDevice.FieldTokenFileName, ProvisionedDevice.MeshSecretFileName })
        {
            File.WriteAllText(Path.Combine(data, file), Base64Url.Encode(RandomNumberGenerator.GetBytes(32)));
        }

        string first = Serve("--data", data);
        Assert.Contains("provisioned device boiler-7 (board esp32, device.json): first start", first);
        Assert.Equal(port.ToString(), Line(first, "port: "));
        Assert.StartsWith("sensor for " + gateway, Line(first, "mesh: "));
        Assert.False(File.Exists(Path.Combine(data, ProvisionedDevice.FieldTokenFileName)));

        string second = Serve("--data", data, "--port", "0");
        Assert.DoesNotContain("first start", second);
        Assert.NotEqual(port.ToString(), Line(second, "port: "));

        settings["port"] = 0;
        File.WriteAllText(Path.Combine(data, ProvisionedDevice.SettingsFileName), settings.ToJsonString());
        var refused = RunBoard("--data", data, "--no-serve");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("error: the provisioned device does not start: " + Path.Combine(data, "device.json") + ": device.json is refused: \"port\" is 0", refused.Stderr);

        static string Serve(params string[] arguments)
        {
            var (process, output) = Start(arguments);
            return Stop(process, output);
        }
    }

    /// <summary>The lines --list prints.</summary>
    private static string[] Paired(string stdout) =>
        stdout.Split('\n').Where(l => Regex.IsMatch(l, "^(owner  |paired )[A-Za-z0-9_-]{43}$")).ToArray();

    private static (int ExitCode, string Stdout, string Stderr) RunBoard(params string[] arguments) =>
        NodePeers.Run("dotnet", new[] { s_board }.Concat(arguments), TimeSpan.FromSeconds(30));

    /// <summary>Starts the hub process and reads its output up to "ready".</summary>
    private static (Process Process, string Output) Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(s_board);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var output = new System.Text.StringBuilder();
        string? line;
        while ((line = process.StandardOutput.ReadLine()) != null)
        {
            output.AppendLine(line);
            if (line.StartsWith("ready", StringComparison.Ordinal))
            {
                break;
            }
        }

        Assert.StartsWith("httpkey://127.0.0.1:", Line(output.ToString(), "httpkey: "));
        return (process, output.ToString());
    }

    /// <summary>SIGTERM, then the rest of the output; the hub must stop within 15 s.</summary>
    private static string Stop(Process process, string output)
    {
        NodePeers.Run("kill", new[] { "-TERM", process.Id.ToString() }, TimeSpan.FromSeconds(5));
        string rest = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(15000), "the hub did not stop within 15 s of SIGTERM");
        return output + rest;
    }

    /// <summary>curl as a client of the hub whose start-up output is given, pinning its key.</summary>
    private static (int ExitCode, string Stdout, string Stderr) Curl(ClientIdentity client, string hubOutput, string path = "/")
    {
        string url = Line(hubOutput, "httpkey: ");
        return NodePeers.Run("curl", new[]
        {
            "-sS", "-k", "--max-time", "10", "--cert", client.CertificatePath, "--key", client.KeyPath,
            "--pinnedpubkey", "sha256//" + Convert.ToBase64String(PublicKeyId.Parse(url[(url.LastIndexOf(':') + 1)..]).ToByteArray()),
            "https://127.0.0.1:" + Line(hubOutput, "port: ") + path,
        }, TimeSpan.FromSeconds(15));
    }

    private static string Line(string output, string prefix) =>
        output.Split('\n').Select(l => l.TrimEnd('\r')).First(l => l.StartsWith(prefix, StringComparison.Ordinal))[prefix.Length..];
}
