using System.Text;
using ThaliNano.Drivers.Host.FileStorage;
using ThaliNano.Http;
using ThaliNano.Store;

namespace ThaliNano.Couch.Tests.Fakes;

/// <summary>
/// A hub on a temporary folder: a real store on the host board's file driver, the Couch handler, the HTTP server over in-memory connections.
/// Requests go through the whole server (parsing, framing, streaming); the owner principal is <see cref="Keys.Admin"/>.
/// </summary>
public sealed class TestHub : IDisposable
{
    public const string Uuid = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";

    private readonly string _folder;
    private readonly QueueListener _listener = new();
    private readonly HttpServer _server;

    public TestHub(Action<CouchOptions>? configure = null, Action<HttpServerOptions>? http = null, Action<StoreOptions>? store = null)
    {
        _folder = Path.Combine(Path.GetTempPath(), "thalinano-couch-" + Guid.NewGuid().ToString("N"));
        Storage = new CountingStorage(new HostFileStorage(_folder));
        var storeOptions = new StoreOptions();
        store?.Invoke(storeOptions);
        Store = new DocumentStore(Storage, storeOptions);
        Options = new CouchOptions { HubUuid = Uuid, Owner = Keys.Admin, FeedPollMilliseconds = 50 };
        configure?.Invoke(Options);
        Handler = new CouchHandler(Store, Options);
        Measure = new MeasuringHandler(Handler);
        var httpOptions = new HttpServerOptions { MaxConnections = 16, LingerMilliseconds = 20 };
        http?.Invoke(httpOptions);
        _server = new HttpServer(_listener, Measure, httpOptions);
        _server.Start();
    }

    public CountingStorage Storage { get; }

    public DocumentStore Store { get; }

    public CouchOptions Options { get; }

    public CouchHandler Handler { get; }

    public MeasuringHandler Measure { get; }

    /// <summary>Sends one request (with "Connection: close") and returns the parsed response.</summary>
    public Response Send(string? principal, string method, string target, string? body = null, params (string Name, string Value)[] headers)
    {
        var connection = Start(principal, method, target, body, headers);
        Assert.True(connection.WaitClosed(TimeSpan.FromSeconds(30)), $"no response to {method} {target}");
        return Response.Parse(connection.Written, method == "HEAD");
    }

    /// <summary>Starts one request and returns its connection at once (for feeds the test watches as they stream).</summary>
    public ClientConnection Start(string? principal, string method, string target, string? body = null, params (string Name, string Value)[] headers)
    {
        var connection = Prepare(principal, method, target, body, headers);
        Submit(connection);
        return connection;
    }

    /// <summary>Hands a prepared connection to the server.</summary>
    public void Submit(ClientConnection connection) => _listener.Enqueue(connection);

    /// <summary>A connection carrying one request, not yet handed to the server.</summary>
    public ClientConnection Prepare(string? principal, string method, string target, string? body = null, params (string Name, string Value)[] headers)
    {
        var request = new StringBuilder();
        request.Append(method).Append(' ').Append(target).Append(" HTTP/1.1\r\nHost: hub\r\nConnection: close\r\n");
        foreach (var (name, value) in headers)
        {
            request.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        byte[] content = body == null ? [] : Encoding.UTF8.GetBytes(body);
        if (body == null && (method == "PUT" || method == "POST"))
        {
            // As fetch does for a PUT or POST without a body.
            request.Append("Content-Length: 0\r\n");
        }
        else if (body != null)
        {
            if (!headers.Any(h => h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)))
            {
                request.Append("Content-Type: application/json\r\n");
            }

            request.Append("Content-Length: ").Append(content.Length).Append("\r\n");
        }

        request.Append("\r\n");
        byte[] head = Encoding.UTF8.GetBytes(request.ToString());
        return new ClientConnection([.. head, .. content], principal);
    }

    public Response Get(string target, string? principal = null) => Send(principal ?? Keys.Admin, "GET", target);

    public Response Put(string target, string? body = null, string? principal = null) => Send(principal ?? Keys.Admin, "PUT", target, body);

    public Response Post(string target, string body, string? principal = null) => Send(principal ?? Keys.Admin, "POST", target, body);

    public Response Delete(string target, string? principal = null) => Send(principal ?? Keys.Admin, "DELETE", target);

    /// <summary>Creates a database as the owner.</summary>
    public void CreateDb(string name) => Put("/" + name).AssertStatus(201);

    /// <summary>Writes a document as the owner; returns its new rev.</summary>
    public string PutDoc(string db, string id, string json)
    {
        var r = Put("/" + db + "/" + Uri.EscapeDataString(id), json);
        r.AssertStatus(201);
        return r.Json.GetProperty("rev").GetString()!;
    }

    /// <summary>Sets a database's ACL document (as the owner).</summary>
    public void SetAcl(string db, string[] read, string[] write)
    {
        string id = "/_thali/acl:" + Uri.EscapeDataString(db);
        var current = Get(id);
        string rev = current.Status == 200 ? ",\"_rev\":\"" + current.Json.GetProperty("_rev").GetString() + "\"" : "";
        Put(id, "{\"read\":" + Json(read) + ",\"write\":" + Json(write) + rev + "}").AssertStatus(201);
    }

    /// <summary>Sets a group's members (as the owner).</summary>
    public void SetGroup(string name, params string[] members)
    {
        string id = "/_thali/group:" + name;
        var current = Get(id);
        string rev = current.Status == 200 ? ",\"_rev\":\"" + current.Json.GetProperty("_rev").GetString() + "\"" : "";
        Put(id, "{\"members\":" + Json(members) + rev + "}").AssertStatus(201);
    }

    public static string Json(string[] items) => System.Text.Json.JsonSerializer.Serialize(items);

    public void Dispose()
    {
        _server.Stop();
        Store.Dispose();
        try
        {
            Directory.Delete(_folder, true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Wraps the handler to record what each request allocated on the thread that served it.</summary>
public sealed class MeasuringHandler(IHttpHandler inner) : IHttpHandler
{
    private long _last;

    /// <summary>Bytes the last finished request allocated while its handler ran.</summary>
    public long LastAllocated => Interlocked.Read(ref _last);

    public void Handle(HttpRequest request, HttpResponse response)
    {
        // Stands in for the firmware's authenticator: the tests' transport key is the principal.
        request.Principal = request.TransportPrincipal;
        long before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            inner.Handle(request, response);
        }
        finally
        {
            Interlocked.Exchange(ref _last, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }
}
