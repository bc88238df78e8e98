using System.CommandLine;
using Spectre.Console;
using ThaliNano.Carrier.Links;
using ThaliNano.Carrier.Storage;
using ThaliNano.Drivers.Host.Tls;
using ThaliNano.Identity;
using ThaliNano.Mesh.Contact;
using ThaliNano.Mesh.Routing;
using CarrierFacade = ThaliNano.Carrier.Carrier;

namespace ThaliNano.Cli.Commands;

/// <summary>
/// <c>thalinano carrier</c>: a carrier on this PC, as a phone app would be one. <c>init</c> makes its key (pair it into
/// a hub's group:carriers, allow it at the gateway), <c>visit</c> runs one contact over HTTPS with a sensor's hub,
/// another carrier or the gateway, <c>status</c> shows what it holds. Folder: <c>identity/</c>, <c>store/</c>.
/// </summary>
internal static class CarrierCommand
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    public static Command Create() =>
        new("carrier", "carry sealed bundles between sensors, carriers and the gateway (store and forward)")
        {
            Init(),
            Visit(),
            Status(),
        };

    private static Option<DirectoryInfo> Data() => new("--data")
    {
        HelpName = "DIR",
        Description = "the carrier's folder: its identity and its store (made on first use, 0700)",
        Required = true,
    };

    private static Command Init()
    {
        Option<DirectoryInfo> data = Data();
        Option<bool> json = CommonOptions.Json();
        var command = new Command("init", "make (or show) the carrier's key and certificate") { data, json };
        command.SetAction((parseResult, output) =>
        {
            using HubIdentity identity = HubIdentity.LoadOrCreate(parseResult.GetRequiredValue(data).FullName);
            string certificate = Path.Combine(identity.Folder, HubIdentity.CertificateFileName);
            if (parseResult.GetValue(json))
            {
                output.WriteJson(new { keyId = identity.KeyId.ToBase64Url(), certificate, created = identity.Created });
                return ExitCodes.Ok;
            }

            output.Out.WriteLine("carrier " + identity.KeyId.ToBase64Url());
            output.Out.WriteLine("certificate " + certificate);
            output.Out.WriteLine("pair it into a sensor hub's group:carriers, and 'thalinano gateway allow --carrier' it");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Visit()
    {
        Option<DirectoryInfo> data = Data();
        var peer = new Option<string>("--peer") { HelpName = "URL", Description = "the peer's httpkey URL (its host, port and key)", Required = true };
        var role = new Option<string>("--role") { Description = "what the peer is", Required = true };
        role.AcceptOnlyFromAmong("sensor", "carrier", "gateway");
        Option<bool> json = CommonOptions.Json();
        var command = new Command("visit", "one contact (two round trips) with a peer over HTTPS: take its bundles, hand over copies and receipts")
        {
            data, peer, role, json,
        };
        command.SetAction((parseResult, output) =>
        {
            HttpKeyUrl url = ParsePeer(parseResult.GetRequiredValue(peer));
            string folder = parseResult.GetRequiredValue(data).FullName;
            using HubIdentity identity = HubIdentity.LoadOrCreate(folder);
            using CarrierFacade carrier = CarrierFacade.Open(Path.Combine(folder, "store"), identity.KeyId);
            using var link = new HttpsContactLink(url, identity.Certificate, s_timeout);
            ContactReport report = carrier.Visit(link, new Peer(url.KeyId, RoleOf(parseResult.GetRequiredValue(role))));
            Print(report, output, parseResult.GetValue(json));
            if (!report.Completed)
            {
                throw new CommandFailedException("the contact ended early (" + report.Refusal + "): " + report.Reason
                    + "; what arrived is kept and the next visit resumes");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Status()
    {
        Option<DirectoryInfo> data = Data();
        Option<bool> json = CommonOptions.Json();
        var command = new Command("status", "what the carrier holds: bundles, bytes, receipts, acks owed") { data, json };
        command.SetAction((parseResult, output) =>
        {
            string folder = parseResult.GetRequiredValue(data).FullName;
            using HubIdentity identity = HubIdentity.LoadOrCreate(folder);
            using CarrierFacade carrier = CarrierFacade.Open(Path.Combine(folder, "store"), identity.KeyId);
            CarrierStatistics statistics = carrier.Statistics();
            var facts = new
            {
                keyId = identity.KeyId.ToBase64Url(),
                bundlesHeld = statistics.BundlesHeld,
                bytesHeld = statistics.BytesHeld,
                receiptsKnown = statistics.ReceiptsKnown,
                acksOwed = statistics.AcksOwed,
                offersOutstanding = statistics.OffersOutstanding,
            };
            if (parseResult.GetValue(json))
            {
                output.WriteJson(facts);
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("carrier", "bundles", "bytes", "receipts", "acks owed", "offers awaiting acks");
            table.AddRow(facts.keyId, facts.bundlesHeld.ToString(), facts.bytesHeld.ToString(), facts.receiptsKnown.ToString(),
                facts.acksOwed.ToString(), facts.offersOutstanding.ToString());
            output.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Print(ContactReport report, CliOutput output, bool json)
    {
        var facts = new
        {
            peer = report.Peer?.Id.ToBase64Url(),
            completed = report.Completed,
            refusal = report.Refusal.ToString(),
            reason = report.Reason,
            roundTrips = report.RoundTrips,
            bundlesReceived = report.BundlesReceived,
            bundlesRefused = report.BundlesRefused,
            bundlesSent = report.BundlesSent,
            acksSent = report.AcksSent,
            acksReceived = report.AcksReceived,
            receiptsSent = report.ReceiptsSent,
            receiptsReceived = report.ReceiptsReceived,
            wireBytesSent = report.WireBytesSent,
            wireBytesReceived = report.WireBytesReceived,
        };
        if (json)
        {
            output.WriteJson(facts);
            return;
        }

        var table = new Table().AddColumns("round trips", "bundles in", "refused", "bundles out", "acks out/in", "receipts out/in", "wire bytes out/in");
        table.AddRow(facts.roundTrips.ToString(), facts.bundlesReceived.ToString(), facts.bundlesRefused.ToString(), facts.bundlesSent.ToString(),
            facts.acksSent + "/" + facts.acksReceived, facts.receiptsSent + "/" + facts.receiptsReceived, facts.wireBytesSent + "/" + facts.wireBytesReceived);
        output.Console.Write(table);
    }

    private static HttpKeyUrl ParsePeer(string text)
    {
        try
        {
            return HttpKeyUrl.Parse(text);
        }
        catch (FormatException e)
        {
            throw new CommandFailedException("--peer is not an httpkey URL: " + e.Message, e);
        }
    }

    private static NodeRole RoleOf(string role) => role switch
    {
        "sensor" => NodeRole.Sensor,
        "carrier" => NodeRole.Carrier,
        _ => NodeRole.Destination,
    };
}
