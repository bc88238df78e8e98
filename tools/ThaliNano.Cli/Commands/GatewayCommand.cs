using System.CommandLine;
using System.Net;
using ThaliNano.Cli.Provisioning;
using ThaliNano.Drivers.Host.Tls;
using ThaliNano.Gateway;
using ThaliNano.Gateway.Couch;
using ThaliNano.Gateway.Keys;
using ThaliNano.Gateway.Ledger;
using ThaliNano.Gateway.Server;
using ThaliNano.Identity;

namespace ThaliNano.Cli.Commands;

/// <summary>
/// <c>thalinano gateway</c>: the mesh's destination. <c>key</c> shares a seal key with a sensor, <c>allow</c> admits a
/// carrier, <c>serve</c> takes carriers' contacts over HTTPS and writes what they carry into a CouchDB database.
/// Layout of its folder: <c>identity/</c> (its key: the sensors' destination), <c>keys/</c> (one seal key file per
/// source), <c>carriers/</c> (the allow-list), <c>delivered.sqlite</c> (the ledger).
/// </summary>
internal static class GatewayCommand
{
    public static Command Create() =>
        new("gateway", "the mesh's destination: opens what carriers bring and writes it into CouchDB, then receipts it")
        {
            Serve(),
            Key(),
            Allow(),
        };

    private static Option<DirectoryInfo> Data() => new("--data")
    {
        HelpName = "DIR",
        Description = "the gateway's folder: identity, seal keys, carrier allow-list, ledger (made on first use, 0700)",
        Required = true,
    };

    private static Command Serve()
    {
        Option<DirectoryInfo> data = Data();
        var couch = new Option<string>("--couch") { HelpName = "URL", Description = "the CouchDB-compatible server: http://127.0.0.1:5984/ (loopback only), https://user:pass@host/, or a hub's httpkey URL", Required = true };
        var port = new Option<int>("--port") { HelpName = "PORT", Description = "the HTTPS port carriers contact (0: any free one)", DefaultValueFactory = _ => 6990 };
        var address = new Option<string>("--address") { HelpName = "IP", Description = "the address to listen on", DefaultValueFactory = _ => "127.0.0.1" };
        var anyCarrier = new Option<bool>("--any-carrier") { Description = "take contacts from any client certificate, not only the carriers allowed" };
        var forSeconds = new Option<double>("--for") { HelpName = "S", Description = "stop after S seconds (default: until Ctrl-C)" };
        var command = new Command("serve", "serve carriers' contacts at POST /_mesh/contact over HTTPS with client certificates")
        {
            data, couch, port, address, anyCarrier, forSeconds,
        };
        command.SetAction((parseResult, output) =>
        {
            string folder = parseResult.GetRequiredValue(data).FullName;
            using HubIdentity identity = HubIdentity.LoadOrCreate(folder);
            if (!IPAddress.TryParse(parseResult.GetRequiredValue(address), out IPAddress? ip))
            {
                throw new CommandFailedException("--address is not an IP address");
            }

            GatewayKeyring keyring = GatewayKeyring.Load(CreatePrivateFolder(folder, "keys"), identity.KeyId);
            using var writer = new CouchWriter(ParseDestination(parseResult.GetRequiredValue(couch), identity));
            using DeliveryLedger ledger = DeliveryLedger.Open(Path.Combine(folder, "delivered.sqlite"));
            var node = new GatewayNode(keyring, writer, ledger);
            using GatewayServer server = GatewayServer.Start(node, new GatewayServerOptions
            {
                Certificate = identity.Certificate,
                Address = ip,
                Port = parseResult.GetValue(port),
                Carriers = new CarrierAllowList(CreatePrivateFolder(folder, "carriers")),
                AllowAnyCarrier = parseResult.GetValue(anyCarrier),
                ContactFinished = (carrier, report) => output.Out.WriteLine(
                    $"contact from {carrier}: {report.BundlesReceived} bundles in ({report.BundlesRefused} refused), {report.ReceiptsSent} receipts out"),
                ContactFailed = (carrier, e) => output.Error.WriteLine($"contact from {carrier} failed: {e.Message}"),
            });
            output.Out.WriteLine("gateway " + identity.KeyId.ToBase64Url());
            output.Out.WriteLine("carriers contact " + HttpKeyUrl.Create(server.Address.ToString(), server.Port, identity.KeyId, "/").ToCompactString());
            WaitForStop(parseResult.GetValue(forSeconds));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Key()
    {
        Option<DirectoryInfo> data = Data();
        var source = new Option<string>("--source") { HelpName = "KEYID", Description = "the sensor's key id (base64url or hex)", Required = true };
        var database = new Option<string>("--database") { HelpName = "NAME", Description = "write this source's documents into this database (default: the name inside each bundle)" };
        var secretOut = new Option<FileInfo>("--secret-out") { HelpName = "FILE", Description = "where to write the secret for the sensor (0600; the hub's --mesh-secret)", Required = true };
        var command = new Command("key", "make the seal key a sensor shares with this gateway: the gateway's key file and the sensor's secret file")
        {
            data, source, database, secretOut,
        };
        command.SetAction((parseResult, output) =>
        {
            PublicKeyId sourceId = ParseKeyId(parseResult.GetRequiredValue(source), "--source");
            string secretPath = parseResult.GetRequiredValue(secretOut).FullName;
            (string keyPath, PublicKeyId destination) = GatewaySealKeys.Share(
                parseResult.GetRequiredValue(data).FullName, sourceId, parseResult.GetValue(database), secretPath);
            output.Out.WriteLine("key file " + keyPath);
            output.Out.WriteLine("sensor secret " + secretPath);
            output.Out.WriteLine("start the sensor's hub with --mesh-destination " + destination.ToBase64Url() + " --mesh-secret " + secretPath);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Allow()
    {
        Option<DirectoryInfo> data = Data();
        var carrier = new Option<string>("--carrier") { HelpName = "KEYID", Description = "the carrier's key id (as 'thalinano carrier init' prints it)", Required = true };
        var command = new Command("allow", "let a carrier contact this gateway") { data, carrier };
        command.SetAction((parseResult, output) =>
        {
            string folder = parseResult.GetRequiredValue(data).FullName;
            PublicKeyId id = ParseKeyId(parseResult.GetRequiredValue(carrier), "--carrier");
            string path = Path.Combine(CreatePrivateFolder(folder, "carriers"), id.ToHex());
            HubIdentity.WriteSecretFile(path, id.ToBase64Url());
            output.Out.WriteLine("allowed carrier " + id.ToBase64Url());
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static PublicKeyId ParseKeyId(string text, string option)
    {
        try
        {
            return PublicKeyId.Parse(text);
        }
        catch (FormatException e)
        {
            throw new CommandFailedException(option + " is not a key id: " + e.Message, e);
        }
    }

    private static CouchDestination ParseDestination(string url, HubIdentity identity)
    {
        try
        {
            return CouchDestination.Parse(url, identity.Certificate);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or UriFormatException)
        {
            throw new CommandFailedException("--couch: " + e.Message, e);
        }
    }

    private static string CreatePrivateFolder(string parent, string name)
    {
        string folder = Path.Combine(parent, name);
        Directory.CreateDirectory(folder);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, HubIdentity.PrivateFolderMode);
        }

        return folder;
    }

    private static void WaitForStop(double seconds)
    {
        using var stop = new ManualResetEventSlim();
        ConsoleCancelEventHandler cancel = (_, e) =>
        {
            e.Cancel = true;
            stop.Set();
        };
        Console.CancelKeyPress += cancel;
        try
        {
            stop.Wait(seconds > 0 ? TimeSpan.FromSeconds(seconds) : Timeout.InfiniteTimeSpan);
        }
        finally
        {
            Console.CancelKeyPress -= cancel;
        }
    }
}
