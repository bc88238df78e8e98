using System.Collections.Concurrent;
using ThaliNano.Firmware;
using ThaliNano.Text;

using ThaliNano.Tests.Interop;

namespace ThaliNano.Boards.Host.Tests.Interop;

/// <summary>
/// An in-process host-board hub (the same <see cref="HostHub"/> the hub process runs) on a free 127.0.0.1 port with a
/// temporary data folder, an owner client, and a log of every answered request. Restart keeps the data folder.
/// </summary>
internal sealed class TestHub : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("thali-hub-test-").FullName;
    private HostHub _hub;

    public TestHub()
    {
        _hub = HostHub.Open(DataFolder);
        Owner = Pair("owner", owner: true);
        _hub.Serve(0, Log);
    }

    public string Folder => _folder;

    public string DataFolder => Path.Combine(_folder, "hub-data");

    public string ClientsFolder => Path.Combine(_folder, "clients");

    public ClientIdentity Owner { get; }

    public RequestLog Log { get; } = new();

    public HostHub Board => _hub;

    /// <summary>The compact httpkey URL clients are given.</summary>
    public string Url => _hub.CompactUrl;

    public int Port => _hub.Port;

    /// <summary>Creates a client identity and pairs it (writing its proof secret beside its certificate).</summary>
    public ClientIdentity Pair(string name, bool owner = false, bool ecdsa = false)
    {
        ClientIdentity client = ClientIdentity.Create(ClientsFolder, name, ecdsa);
        var (_, secret) = _hub.Pair(client.CertificatePem, owner);
        File.WriteAllText(client.SecretPath, Base64Url.Encode(secret) + "\n");
        return client;
    }

    /// <summary>Creates a client identity that is not paired.</summary>
    public ClientIdentity Stranger(string name) => ClientIdentity.Create(ClientsFolder, name);

    /// <summary>Stops the hub and starts it again on the same data folder (a new port and a new epoch).</summary>
    public void Restart()
    {
        _hub.Dispose();
        _hub = HostHub.Open(DataFolder);
        _hub.Serve(0, Log);
    }

    /// <summary>The step-runner input for a client of this hub.</summary>
    public object Steps(ClientIdentity client, params object[] steps) => Steps(client, null, false, steps);

    public object Steps(ClientIdentity client, string? peer, bool proof, params object[] steps) => new
    {
        hub = Url,
        cert = client.CertificatePath,
        key = client.KeyPath,
        secret = proof ? client.SecretPath : null,
        localDir = Path.Combine(_folder, "local"),
        peer,
        steps,
    };

    public void Dispose()
    {
        _hub.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a process that is going away; the temp folder is cleaned by the OS eventually.
        }
    }

    /// <summary>Every request the hub answered, in order.</summary>
    internal sealed class RequestLog : IHubRequestLog
    {
        private readonly ConcurrentQueue<Entry> _entries = new();

        public IReadOnlyList<Entry> Entries => _entries.ToArray();

        public void Request(string method, string target, string? principal, int status) =>
            _entries.Enqueue(new Entry(method, target, principal, status));

        public void Clear() => _entries.Clear();
    }

    internal sealed record Entry(string Method, string Target, string? Principal, int Status);
}
