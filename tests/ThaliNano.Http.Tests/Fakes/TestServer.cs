namespace ThaliNano.Http.Tests.Fakes;

public static class TestServer
{
    /// <summary>Device defaults, with a short linger so that tests do not wait.</summary>
    public static HttpServerOptions Options(Action<HttpServerOptions>? change = null)
    {
        var options = new HttpServerOptions { LingerMilliseconds = 50 };
        change?.Invoke(options);
        return options;
    }

    /// <summary>Serves a scripted client on this thread until the script ends or the server closes.</summary>
    public static ScriptedConnection Run(string script, IHttpHandler? handler = null, HttpServerOptions? options = null, params int[] pieces)
    {
        var connection = new ScriptedConnection(script, pieces);
        new HttpServer(new QueueListener(), handler ?? Handlers.Echo(), options ?? Options()).Serve(connection);
        return connection;
    }

    public static ParsedResponse One(string script, IHttpHandler? handler = null, HttpServerOptions? options = null, bool head = false) =>
        ResponseReader.Single(Run(script, handler, options).Written, head);

    /// <summary>The error reply to a malformed request, which must also close the connection.</summary>
    public static ParsedResponse FatalError(string script, HttpServerOptions? options = null)
    {
        var connection = Run(script, Handlers.Echo(), options);
        var response = ResponseReader.Single(connection.Written);
        Assert.Equal("close", response.Header("Connection"));
        Assert.True(connection.Closed);
        return response;
    }
}
