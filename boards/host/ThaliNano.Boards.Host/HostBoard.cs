using System.Runtime.InteropServices;
using ThaliNano.Drivers.Host.Tls;
using ThaliNano.Firmware;
using ThaliNano.Firmware.Mesh;
using ThaliNano.Http;
using ThaliNano.Identity;
using ThaliNano.Text;

namespace ThaliNano.Boards.Host;

/// <summary>
/// The host board's command line (its <c>--help</c> tells the options): open the data folder, apply pairings, serve.
/// The board's own entry point and <c>thalinano hub</c> both run it.
/// </summary>
public static class HostBoard
{
    public static int Run(string[] args)
    {
        CommandLine options;
        try
        {
            options = CommandLine.Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return 2;
        }

        if (options.Help)
        {
            Console.WriteLine(CommandLine.Usage);
            return 0;
        }

        HostHub hub;
        try
        {
            hub = HostHub.Open(options.DataFolder);
        }
        catch (DataFolderInUseException e)
        {
            Console.Error.WriteLine("error: " + e.Message);
            if (options.ChangesPairings)
            {
                Console.Error.WriteLine(RunningHubAdvice.For(options, e));
            }

            return 2;
        }
        catch (Exception e) when (e is FormatException or IOException)
        {
            Console.Error.WriteLine("error: the provisioned device does not start: " + e.Message);
            return 2;
        }

        using (hub)
        {
            if (hub.Identity.Created)
            {
                Console.WriteLine("created the hub identity in " + hub.Identity.Folder);
            }

            if (hub.Provisioned is { } device)
            {
                Console.WriteLine("provisioned device " + device.Settings.Name + " (board " + device.Settings.Board + ", "
                    + ProvisionedDevice.SettingsFileName + ")" + (device.ImportedFieldToken ? ": first start, the label's field pairing token is now in the registry" : ""));
            }

            try
            {
                ApplyPairings(hub, options);
            }
            catch (Exception e) when (e is ArgumentException or FormatException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine("error: " + e.Message);
                return 2;
            }

            MeshOptions? mesh;
            try
            {
                mesh = MeshSettings.From(options) ?? hub.Provisioned?.Mesh;
            }
            catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine("error: " + e.Message);
                return 2;
            }

            return options.Serve ? Serve(hub, options, mesh) : 0;
        }
    }

    private static void ApplyPairings(HostHub hub, CommandLine options)
    {
        PublicKeyId? previousOwner = hub.Registry.Owner;
        foreach (CommandLine.PairRequest request in options.Pairings)
        {
            PublicKeyId keyId;
            byte[] secret;
            try
            {
                (keyId, secret) = hub.Pair(File.ReadAllText(request.CertificatePath), request.Owner);
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                throw new ArgumentException("cannot pair " + request.CertificatePath + ": " + e.Message, e);
            }

            Console.WriteLine((request.Owner ? "paired as owner: " : "paired: ") + keyId.ToBase64Url() + " (" + request.CertificatePath + ")");
            if (request.SecretPath != null)
            {
                HubIdentity.WriteSecretFile(request.SecretPath, Base64Url.Encode(secret));
                Console.WriteLine("  proof secret written to " + request.SecretPath + " (mode 0600)");
            }
            else
            {
                Console.WriteLine("  proof secret (ThaliKey, give it to the client only): " + Base64Url.Encode(secret));
            }
        }

        foreach (string text in options.Unpairings)
        {
            PublicKeyId id = PublicKeyId.Parse(text);
            Console.WriteLine(hub.Registry.Unpair(id) ? "unpaired " + id.ToBase64Url() : "not paired: " + id.ToBase64Url());
        }

        // A replaced owner (recovery of a lost owner key) also takes the old owner's place among the admins of _thali.
        PublicKeyId? newOwner = hub.Registry.Owner;
        if (newOwner != null && newOwner != previousOwner && hub.HandOverAdmin(previousOwner))
        {
            Console.WriteLine("admin of _thali: " + newOwner.ToBase64Url() + (previousOwner == null ? "" : ", in place of " + previousOwner.ToBase64Url()));
        }


        if (options.List)
        {
            PublicKeyId? owner = hub.Registry.Owner;
            foreach (PublicKeyId id in hub.Registry.Principals())
            {
                Console.WriteLine((id == owner ? "owner  " : "paired ") + id.ToBase64Url());
            }
        }
    }

    private static int Serve(HostHub hub, CommandLine options, MeshOptions? mesh)
    {
        using var stop = new ManualResetEventSlim();
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Set();
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);

        int port = options.PortGiven || hub.Provisioned == null ? options.Port : hub.Provisioned.Settings.Port;
        hub.Serve(port, options.LogRequests ? new ConsoleRequestLog() : null, new ConsoleServerLog(), mesh);
        Console.WriteLine("ThaliNano hub " + hub.Hub.HubUuid + " on " + hub.HttpsUrl + " (mutual TLS; paired clients only)");
        Console.WriteLine("port: " + hub.Port);
        Console.WriteLine("httpkey: " + hub.CompactUrl);
        Console.WriteLine("httpkey (published form): " + hub.PublishedUrl);
        Console.WriteLine("hub certificate: " + Path.Combine(hub.Identity.Folder, "hub.cert.pem"));
        Console.WriteLine("hub key id: " + hub.Identity.KeyId.ToBase64Url());
        Console.WriteLine("owner: " + (hub.Registry.Owner?.ToBase64Url() ?? "none (pair one with --owner CERT.pem)")
            + "; paired principals: " + hub.Registry.Count);
        if (hub.Hub.Mesh is { } sensor)
        {
            Console.WriteLine(sensor.Node is null ? "mesh: unavailable: " + sensor.Error
                : "mesh: sensor for " + mesh!.DestinationKeyId.ToBase64Url() + " (databases " + string.Join(", ", mesh.Source.Databases)
                  + "; POST /_mesh/contact for the owner, admins and group:" + MeshOptions.CarrierGroup + ")");
        }

        Console.WriteLine("ready (Ctrl-C stops)");
        stop.Wait();
        Console.WriteLine("stopping");
        return 0;
    }
}
