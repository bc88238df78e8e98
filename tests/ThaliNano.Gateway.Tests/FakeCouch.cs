using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ThaliNano.Tests.Interop;

namespace ThaliNano.Gateway.Tests;

/// <summary>
/// A scripted CouchDB stand-in on 127.0.0.1 (HttpListener) for answers real servers do not give on demand: error rows,
/// 413 and 500. <c>PUT /{db}</c> and <c>GET /{db}</c> answer as told; each <c>_bulk_docs</c> is recorded and answered by the script.
/// </summary>
internal sealed class FakeCouch : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<JsonArray, (int Status, string Body)> _answer;
    private readonly Thread _thread;

    private readonly int _createStatus;
    private readonly int _getStatus;

    /// <param name="createStatus">The answer to <c>PUT /{db}</c>.</param>
    /// <param name="getStatus">The answer to <c>GET /{db}</c>.</param>
    public FakeCouch(Func<JsonArray, (int Status, string Body)> answer, int createStatus = 201, int getStatus = 200)
    {
        _answer = answer;
        _createStatus = createStatus;
        _getStatus = getStatus;
        Port = NodePeers.FreePort();
        _listener.Prefixes.Add(Url + "/");
        _listener.Start();
        _thread = new Thread(Serve) { IsBackground = true };
        _thread.Start();
    }

    public int Port { get; }

    public string Url => "http://127.0.0.1:" + Port;

    /// <summary>The documents of every _bulk_docs request, in order.</summary>
    public ConcurrentQueue<JsonArray> Batches { get; } = new();

    /// <summary>The body size of every _bulk_docs request, in order.</summary>
    public ConcurrentQueue<long> BatchBytes { get; } = new();

    public void Dispose()
    {
        _listener.Close();
        _thread.Join();
    }

    private void Serve()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = _listener.GetContext();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            (int status, string answer) = context.Request.HttpMethod == "PUT" ? (_createStatus, "{\"error\":\"created?\"}") : (_getStatus, "{}");
            if (context.Request.HttpMethod == "POST")
            {
                var body = new MemoryStream();
                context.Request.InputStream.CopyTo(body);
                BatchBytes.Enqueue(body.Length);
                JsonNode request = JsonNode.Parse(body.ToArray())!;
                Assert.False(request["new_edits"]!.GetValue<bool>());
                JsonArray docs = request["docs"]!.AsArray();
                Batches.Enqueue(docs);
                (status, answer) = _answer(docs);
            }

            byte[] bytes = Encoding.UTF8.GetBytes(answer);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            context.Response.OutputStream.Write(bytes);
            context.Response.Close();
        }
    }
}
