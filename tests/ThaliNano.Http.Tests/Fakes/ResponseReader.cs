using System.Text;

namespace ThaliNano.Http.Tests.Fakes;

/// <summary>One HTTP response as the test's own, independent parser read it.</summary>
public sealed record ParsedResponse(int Status, string Reason, List<KeyValuePair<string, string>> Headers, byte[] Body, string Raw)
{
    public string? Header(string name) =>
        Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).FirstOrDefault();

    public string BodyText => Encoding.UTF8.GetString(Body);

    public System.Text.Json.JsonElement Json => System.Text.Json.JsonDocument.Parse(Body).RootElement;

    /// <summary>The "error" and "reason" of a JSON error body (fails the test if the body is not one).</summary>
    public (string Error, string Reason) Error
    {
        get
        {
            Assert.Equal("application/json", Header("Content-Type"));
            var json = Json;
            Assert.Equal(2, json.EnumerateObject().Count());
            return (json.GetProperty("error").GetString()!, json.GetProperty("reason").GetString()!);
        }
    }
}

/// <summary>Splits what a server wrote into responses: Content-Length, chunked or close-delimited bodies.</summary>
public static class ResponseReader
{
    public static List<ParsedResponse> ReadAll(byte[] bytes, params bool[] headRequests)
    {
        var responses = new List<ParsedResponse>();
        int at = 0;
        while (at < bytes.Length)
        {
            bool head = responses.Count < headRequests.Length && headRequests[responses.Count];
            responses.Add(ReadOne(bytes, ref at, head));
        }

        return responses;
    }

    public static ParsedResponse Single(byte[] bytes, bool head = false)
    {
        var all = ReadAll(bytes, head);
        Assert.Single(all);
        return all[0];
    }

    private static ParsedResponse ReadOne(byte[] bytes, ref int at, bool head)
    {
        int start = at;
        string statusLine = ReadLine(bytes, ref at);
        var parts = statusLine.Split(' ', 3);
        Assert.Equal("HTTP/1.1", parts[0]);
        int status = int.Parse(parts[1]);
        var headers = new List<KeyValuePair<string, string>>();
        string line;
        while ((line = ReadLine(bytes, ref at)).Length > 0)
        {
            int colon = line.IndexOf(':');
            Assert.True(colon > 0, "header line without colon: " + line);
            headers.Add(new(line[..colon], line[(colon + 1)..].Trim()));
        }

        string? length = headers.FirstOrDefault(h => h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Value;
        bool chunked = headers.Any(h => h.Key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && h.Value == "chunked");
        byte[] body;
        if (head || status is 204 or 304 or 100)
        {
            body = [];
        }
        else if (chunked)
        {
            body = ReadChunked(bytes, ref at);
        }
        else if (length != null)
        {
            int n = int.Parse(length);
            Assert.True(at + n <= bytes.Length, "body shorter than Content-Length");
            body = bytes[at..(at + n)];
            at += n;
        }
        else
        {
            body = bytes[at..];
            at = bytes.Length;
        }

        return new ParsedResponse(status, parts.Length > 2 ? parts[2] : "", headers, body, Encoding.Latin1.GetString(bytes, start, at - start));
    }

    private static byte[] ReadChunked(byte[] bytes, ref int at)
    {
        var body = new MemoryStream();
        while (true)
        {
            int size = Convert.ToInt32(ReadLine(bytes, ref at), 16);
            if (size == 0)
            {
                Assert.Equal("", ReadLine(bytes, ref at));
                return body.ToArray();
            }

            body.Write(bytes, at, size);
            at += size;
            Assert.Equal("", ReadLine(bytes, ref at));
        }
    }

    private static string ReadLine(byte[] bytes, ref int at)
    {
        for (int i = at; i + 1 < bytes.Length; i++)
        {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n')
            {
                string line = Encoding.Latin1.GetString(bytes, at, i - at);
                at = i + 2;
                return line;
            }
        }

        throw new Xunit.Sdk.XunitException("response ends inside a line: " + Encoding.Latin1.GetString(bytes, at, bytes.Length - at));
    }
}
