using System.Text;
using System.Text.Json;

namespace ThaliNano.Tests.Fakes;

/// <summary>One HTTP response, read by the test's own parser (Content-Length, chunked, or until the close).</summary>
public sealed class Response
{
    private Response(int status, List<KeyValuePair<string, string>> headers, byte[] body, List<int> chunks)
    {
        Status = status;
        Headers = headers;
        Body = body;
        Chunks = chunks;
    }

    public int Status { get; }

    public List<KeyValuePair<string, string>> Headers { get; }

    public byte[] Body { get; }

    /// <summary>Sizes of the chunks of a chunked body (empty otherwise).</summary>
    public List<int> Chunks { get; }

    public string Text => Encoding.UTF8.GetString(Body);

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? Header(string name) =>
        Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();

    /// <summary>Asserts a CouchDB-style JSON error reply and returns its reason.</summary>
    public string AssertError(int status, string error)
    {
        Assert.True(status == Status, $"expected {status}, got {Status}: {Text}");
        Assert.Equal("application/json", Header("Content-Type"));
        var json = Json;
        Assert.Equal(error, json.GetProperty("error").GetString());
        string reason = json.GetProperty("reason").GetString()!;
        Assert.False(string.IsNullOrWhiteSpace(reason));
        return reason;
    }

    public void AssertStatus(int status) => Assert.True(status == Status, $"expected {status}, got {Status}: {Text}");

    public static Response Parse(byte[] raw, bool head = false)
    {
        int at = 0;
        string statusLine = Line(raw, ref at);
        var parts = statusLine.Split(' ', 3);
        Assert.Equal("HTTP/1.1", parts[0]);
        int status = int.Parse(parts[1]);
        var headers = new List<KeyValuePair<string, string>>();
        string line;
        while ((line = Line(raw, ref at)).Length > 0)
        {
            int colon = line.IndexOf(':');
            headers.Add(new(line[..colon], line[(colon + 1)..].Trim()));
        }

        string? Get(string name) => headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase))
            .Select(h => h.Value).FirstOrDefault();
        var chunks = new List<int>();
        var body = new MemoryStream();
        if (head || status == 204 || status == 304)
        {
            return new Response(status, headers, [], chunks);
        }

        if (Get("Transfer-Encoding") == "chunked")
        {
            while (true)
            {
                int size = Convert.ToInt32(Line(raw, ref at).Split(';')[0], 16);
                if (size == 0)
                {
                    while (Line(raw, ref at).Length > 0)
                    {
                    }

                    break;
                }

                chunks.Add(size);
                body.Write(raw, at, size);
                at += size;
                Assert.Equal("", Line(raw, ref at));
            }
        }
        else if (Get("Content-Length") is { } length)
        {
            body.Write(raw, at, int.Parse(length));
        }
        else
        {
            body.Write(raw, at, raw.Length - at);
        }

        return new Response(status, headers, body.ToArray(), chunks);
    }

    private static string Line(byte[] raw, ref int at)
    {
        int start = at;
        while (at + 1 < raw.Length && !(raw[at] == '\r' && raw[at + 1] == '\n'))
        {
            at++;
        }

        Assert.True(at + 1 < raw.Length, "the response ends inside a line");
        string line = Encoding.Latin1.GetString(raw, start, at - start);
        at += 2;
        return line;
    }
}
