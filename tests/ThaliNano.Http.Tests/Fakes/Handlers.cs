using System.Text;

namespace ThaliNano.Http.Tests.Fakes;

/// <summary>An <see cref="IHttpHandler"/> from a lambda.</summary>
public sealed class LambdaHandler(Action<HttpRequest, HttpResponse> handle) : IHttpHandler
{
    public void Handle(HttpRequest request, HttpResponse response) => handle(request, response);
}

public static class Handlers
{
    /// <summary>Answers 200 with a JSON summary of the request: method, segments, query, body length and text.</summary>
    public static IHttpHandler Echo() => new LambdaHandler((request, response) =>
    {
        byte[] body = ReadAll(request.Body);
        var summary = new Dictionary<string, object?>
        {
            ["method"] = request.Method,
            ["segments"] = request.PathSegments,
            ["query"] = Enumerable.Range(0, request.Query.Count).Select(i => new[] { request.Query.NameAt(i), request.Query.ValueAt(i) }).ToArray(),
            ["length"] = body.Length,
            ["body"] = Encoding.UTF8.GetString(body),
            ["transportPrincipal"] = request.TransportPrincipal,
            ["principal"] = request.Principal,
        };
        response.Headers.Set("Content-Type", "application/json");
        response.Send(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(summary));
    });

    /// <summary>Answers "ok" without reading the body.</summary>
    public static IHttpHandler Ok() => new LambdaHandler((_, response) => response.Send("ok"u8.ToArray()));

    public static byte[] ReadAll(Stream stream)
    {
        var all = new MemoryStream();
        var buffer = new byte[333];
        int n;
        while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            all.Write(buffer, 0, n);
        }

        return all.ToArray();
    }
}
