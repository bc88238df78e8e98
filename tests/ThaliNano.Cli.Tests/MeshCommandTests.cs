using System.Security.Cryptography;
using System.Text.Json;
using ThaliNano.Identity;
using ThaliNano.Tests.Interop;
using ThaliNano.Text;

namespace ThaliNano.Cli.Tests;

/// <summary><c>thalinano gateway</c> and <c>thalinano carrier</c>: keys, allow-list, a served gateway and a carrier's visit.</summary>
public sealed class MeshCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("thalinano-mesh-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Gateway => Path.Combine(_folder, "gateway");

    private string CarrierFolder => Path.Combine(_folder, "carrier");

    [Fact]
    public void Gateway_key_writes_its_key_file_and_the_sensors_secret_both_private_and_only_once()
    {
        string source = PublicKeyId.FromHash(SHA256.HashData("sensor"u8)).ToBase64Url();
        string secret = Path.Combine(_folder, "sensor.secret");

        CliRun run = CliRun.Of("gateway", "key", "--data", Gateway, "--source", source, "--secret-out", secret).Ok();

        string keyFile = Assert.Single(Directory.GetFiles(Path.Combine(Gateway, "keys")));
        Assert.Equal(FileModes.PrivateFile, FileModes.Of(keyFile));
        Assert.Equal(FileModes.PrivateFile, FileModes.Of(secret));
        Assert.Equal(32, Base64Url.Decode(File.ReadAllText(secret).Trim()).Length);
        Assert.Contains("--mesh-destination ", run.Output);
        CliRun again = CliRun.Of("gateway", "key", "--data", Gateway, "--source", source, "--secret-out", secret);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already shares a key", again.Error);
    }

    [Fact]
    public void A_carrier_visits_a_served_gateway_only_once_allowed()
    {
        using JsonDocument init = JsonDocument.Parse(CliRun.Of("carrier", "init", "--data", CarrierFolder, "--json").Ok().Output);
        string carrier = init.RootElement.GetProperty("keyId").GetString()!;
        int port = NodePeers.FreePort();
        string url;
        using (var serving = new ServedGateway(Gateway, port, serveSeconds: 10))
        {
            url = serving.WaitForUrl();
            CliRun refused = CliRun.Of("carrier", "visit", "--data", CarrierFolder, "--peer", url, "--role", "gateway");
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("NotAllowed", refused.Error);

            CliRun.Of("gateway", "allow", "--data", Gateway, "--carrier", carrier).Ok();
            using JsonDocument visit = JsonDocument.Parse(
                CliRun.Of("carrier", "visit", "--data", CarrierFolder, "--peer", url, "--role", "gateway", "--json").Ok().Output);
            Assert.True(visit.RootElement.GetProperty("completed").GetBoolean());
            Assert.Equal(2, visit.RootElement.GetProperty("roundTrips").GetInt32());
        }

        using JsonDocument status = JsonDocument.Parse(CliRun.Of("carrier", "status", "--data", CarrierFolder, "--json").Ok().Output);
        Assert.Equal(carrier, status.RootElement.GetProperty("keyId").GetString());
        Assert.Equal(0, status.RootElement.GetProperty("bundlesHeld").GetInt32());
    }

    [Fact]
    public void Bad_key_ids_and_urls_are_refused_with_the_option_named()
    {
        CliRun key = CliRun.Of("gateway", "key", "--data", Gateway, "--source", "nope", "--secret-out", Path.Combine(_folder, "s"));
        Assert.Equal(1, key.ExitCode);
        Assert.Contains("--source", key.Error);
        CliRun visit = CliRun.Of("carrier", "visit", "--data", CarrierFolder, "--peer", "https://example.org/", "--role", "sensor");
        Assert.Equal(1, visit.ExitCode);
        Assert.Contains("--peer", visit.Error);
        Assert.Equal(2, CliRun.Of("carrier", "visit", "--data", CarrierFolder, "--peer", "x", "--role", "phone").ExitCode);
    }

    /// <summary><c>gateway serve</c> on its own thread (with a couch URL nothing listens on: no bundle is delivered here).</summary>
    private sealed class ServedGateway : IDisposable
    {
        private readonly StringWriter _output = new();
        private readonly Thread _thread;

        public ServedGateway(string folder, int port, int serveSeconds)
        {
            _thread = new Thread(() => ThalinanoCli.Run(
                ["gateway", "serve", "--data", folder, "--couch", "http://127.0.0.1:9/", "--port", port.ToString(), "--for", serveSeconds.ToString()],
                TextWriter.Synchronized(_output), TextWriter.Null))
            { IsBackground = true };
            _thread.Start();
        }

        public string WaitForUrl()
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (DateTime.UtcNow < deadline)
            {
                string? line = _output.ToString().Split('\n').FirstOrDefault(l => l.StartsWith("carriers contact ", StringComparison.Ordinal));
                if (line != null)
                {
                    return line["carriers contact ".Length..].Trim();
                }

                Thread.Sleep(50);
            }

            throw new TimeoutException("gateway serve did not print its URL; it wrote: " + _output);
        }

        /// <summary>Waits for the command to end by itself (--for), so its files are closed before the folder goes.</summary>
        public void Dispose() => Assert.True(_thread.Join(TimeSpan.FromSeconds(30)), "gateway serve did not stop after --for");
    }
}
