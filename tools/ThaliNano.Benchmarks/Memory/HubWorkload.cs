using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ThaliNano.Identity;
using ThaliNano.Mesh.Contact;
using ThaliNano.Mesh.Routing;
using ThaliNano.Tests.Interop;
using ThaliNano.Text;
using CarrierFacade = ThaliNano.Carrier.Carrier;

namespace ThaliNano.Benchmarks.Memory;

/// <summary>
/// The clients, in the parent process: PouchDB 9 replicating steadily (Memory/memory-workload.js, Node) and, when the
/// push of the middle round starts, one carrier's contact (tools/ThaliNano.Carrier over <see cref="SignedHttpContactLink"/>)
/// beside it. Each step is told to the child as the phase, so the report says where the peak happened.
/// </summary>
internal sealed class HubWorkload(ChildHubProcess child, HubSetup setup, string folder, MemoryOptions options)
{
    private readonly object _sync = new();
    private string _replication = "idle";
    private bool _carrier;

    public int Pushed { get; private set; }

    public int Pulled { get; private set; }

    public ContactReport? Contact { get; private set; }

    public void Run()
    {
        NodePeers.RequirePackages();
        string script = Path.Combine(NodePeers.RepositoryRoot, "tools", "ThaliNano.Benchmarks", "Memory", "memory-workload.js");
        var start = new ProcessStartInfo("node", script)
        {
            WorkingDirectory = NodePeers.PackageFolder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
        };
        using Process node = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        Task<string> stderr = node.StandardError.ReadToEndAsync();
        node.StandardInput.Write(JsonSerializer.Serialize(new
        {
            url = "http://127.0.0.1:" + child.Port,
            id = setup.ClientKeyId,
            secret = setup.ClientSecret,
            hub = setup.HubKeyId,
            localDir = Path.Combine(folder, "pouchdb"),
            rounds = options.Rounds,
            docs = options.Docs,
            size = options.Size,
            batchSize = options.BatchSize,
            // One slot of the board's stays free for the carrier.
            maxSockets = 1,
        }));
        node.StandardInput.Close();

        string carrierStart = "push " + ((options.Rounds + 1) / 2);
        Task? carrier = null;
        JsonNode? results = null;
        string? line;
        while ((line = node.StandardOutput.ReadLine()) != null)
        {
            JsonNode message = JsonNode.Parse(line) ?? throw new InvalidDataException("node printed " + line);
            if (message["phase"] is { } phase)
            {
                SetPhase(phase.GetValue<string>(), null);
                if (phase.GetValue<string>() == carrierStart)
                {
                    carrier = Task.Run(VisitAsCarrier);
                }
            }
            else
            {
                results = message;
            }
        }

        node.WaitForExit();
        carrier?.GetAwaiter().GetResult();
        SetPhase("idle", false);
        if (results?["results"] is not { } r)
        {
            throw new InvalidOperationException("the replication failed: " + results?["error"] + " " + stderr.Result);
        }

        Pushed = r["pushed"]!.GetValue<int>();
        Pulled = r["pulled"]!.GetValue<int>();
    }

    private void VisitAsCarrier()
    {
        SetPhase(null, true);
        try
        {
            PublicKeyId carrierKey = PublicKeyId.ParseBase64Url(setup.CarrierKeyId);
            PublicKeyId hubKey = PublicKeyId.ParseBase64Url(setup.HubKeyId);
            using CarrierFacade carrier = CarrierFacade.Open(Path.Combine(folder, "carrier-store"), carrierKey);
            using var link = new SignedHttpContactLink("http://127.0.0.1:" + child.Port, carrierKey, Base64Url.Decode(setup.CarrierSecret), hubKey, child.Epoch);
            ContactReport report = carrier.Visit(link, new Peer(hubKey, NodeRole.Sensor));
            if (!report.Completed)
            {
                throw new InvalidOperationException("the carrier's contact failed: " + report.Refusal + " " + report.Reason);
            }

            Contact = report;
        }
        finally
        {
            SetPhase(null, false);
        }
    }

    private void SetPhase(string? replication, bool? carrier)
    {
        lock (_sync)
        {
            _replication = replication ?? _replication;
            _carrier = carrier ?? _carrier;
            child.SetPhase(_carrier ? _replication + " + carrier contact" : _replication);
        }
    }
}
