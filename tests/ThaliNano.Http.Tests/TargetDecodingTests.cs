using System.Text;
using CsCheck;
using ThaliNano.Http.Parsing;
using ThaliNano.Http.Tests.Fakes;

namespace ThaliNano.Http.Tests;

public class TargetDecodingTests
{
    private static string[] Segments(string target)
    {
        string[]? segments = null;
        TestServer.Run("GET " + target + " HTTP/1.1\r\nHost: h\r\n\r\n", new LambdaHandler((request, response) =>
        {
            segments = request.PathSegments;
            response.Send([]);
        }));
        Assert.NotNull(segments);
        return segments!;
    }

    private static (string Name, string Value)[] Query(string target)
    {
        (string, string)[]? query = null;
        TestServer.Run("GET " + target + " HTTP/1.1\r\nHost: h\r\n\r\n", new LambdaHandler((request, response) =>
        {
            query = Enumerable.Range(0, request.Query.Count).Select(i => (request.Query.NameAt(i), request.Query.ValueAt(i))).ToArray();
            response.Send([]);
        }));
        Assert.NotNull(query);
        return query!;
    }

    [Theory]
    [InlineData("/", new string[0])]
    [InlineData("/db", new[] { "db" })]
    [InlineData("/db/", new[] { "db" })]
    [InlineData("//db//doc/", new[] { "db", "doc" })]
    [InlineData("/db/_local/Ab.c_d%3D%3D", new[] { "db", "_local", "Ab.c_d==" })]
    [InlineData("/db/_local/abc%2Fdef", new[] { "db", "_local", "abc/def" })]
    [InlineData("/db/_design/x", new[] { "db", "_design", "x" })]
    [InlineData("/db/_design%2Fx", new[] { "db", "_design/x" })]
    [InlineData("/db/a+b", new[] { "db", "a+b" })]
    [InlineData("/db/a%2Bb%20c", new[] { "db", "a+b c" })]
    [InlineData("/db/%E2%82%AC%F0%9F%98%80", new[] { "db", "\u20ac\U0001F600" })]
    [InlineData("/db/%e2%82%ac", new[] { "db", "\u20ac" })]
    [InlineData("/a/./../b", new[] { "a", ".", "..", "b" })]
    [InlineData("/db/doc?rev=1-a", new[] { "db", "doc" })]
    [InlineData("/db/doc?", new[] { "db", "doc" })]
    public void PathIsSplitThenDecoded(string target, string[] expected)
    {
        Assert.Equal(expected, Segments(target));
    }

    [Fact]
    public void QueryIsFormDecoded()
    {
        Assert.Equal(
            new[] { ("a", "1"), ("a", "2"), ("b", ""), ("", "x"), ("sp ace", "a b+c"), ("k", "v=w") },
            Query("/?a=1&a=2&&b&=x&sp+ace=a+b%2Bc&k=v=w"));
    }

    [Fact]
    public void QueryToleratesJsonSentUnencoded()
    {
        Assert.Equal(new[] { ("open_revs", "[\"1-abc\",\"2-def\"]"), ("x", "{|}") }, Query("/db/doc?open_revs=[\"1-abc\",\"2-def\"]&x={|}"));
    }

    [Fact]
    public void QueryLookupReturnsFirstAndAll()
    {
        QueryParameters? query = null;
        TestServer.Run("GET /?since=5&since=6&limit=10 HTTP/1.1\r\nHost: h\r\n\r\n",
            new LambdaHandler((request, response) => { query = request.Query; response.Send([]); }));
        Assert.Equal("5", query!.Get("since"));
        Assert.Equal(new[] { "5", "6" }, query.GetAll("since"));
        Assert.Null(query.Get("SINCE"));
        Assert.Empty(query.GetAll("nope"));
        Assert.True(query.Contains("limit"));
    }

    [Fact]
    public void RawTargetPartsAreKept()
    {
        HttpRequest? seen = null;
        TestServer.Run("GET /db/a%2Fb?x=%41 HTTP/1.1\r\nHost: h\r\n\r\n", new LambdaHandler((request, response) => { seen = request; response.Send([]); }));
        Assert.Equal("/db/a%2Fb?x=%41", seen!.Target);
        Assert.Equal("/db/a%2Fb", seen.Path);
        Assert.Equal("x=%41", seen.RawQuery);
    }

    [Theory]
    [InlineData("/db/%zz", "invalid percent-encoding '%zz' in the request target")]
    [InlineData("/db/%4", "invalid percent-encoding '%4' in the request target")]
    [InlineData("/db/%", "invalid percent-encoding '%' in the request target")]
    [InlineData("/db/%4g", "invalid percent-encoding '%4g' in the request target")]
    [InlineData("/db?x=%g0", "invalid percent-encoding '%g0' in the request target")]
    [InlineData("/db/%C0%AF", "path segment 2 is not valid UTF-8 after percent-decoding")]
    [InlineData("/%E0%80%AF", "path segment 1 is not valid UTF-8 after percent-decoding")]
    [InlineData("/%F0%80%80%AF", "path segment 1 is not valid UTF-8 after percent-decoding")]
    [InlineData("/%ED%A0%80", "path segment 1 is not valid UTF-8 after percent-decoding")]
    [InlineData("/%F4%90%80%80", "path segment 1 is not valid UTF-8 after percent-decoding")]
    [InlineData("/%E2%82", "path segment 1 is not valid UTF-8 after percent-decoding")]
    [InlineData("/%80", "path segment 1 is not valid UTF-8 after percent-decoding")]
    [InlineData("/%FF", "path segment 1 is not valid UTF-8 after percent-decoding")]
    [InlineData("/?a=1&b=%C3", "query parameter 2 is not valid UTF-8 after percent-decoding")]
    [InlineData("/?%C3=1", "query parameter 1 is not valid UTF-8 after percent-decoding")]
    public void BadEncodingIs400AndKeepsTheConnection(string target, string reason)
    {
        var handlerCalls = 0;
        var handler = new LambdaHandler((_, response) => { handlerCalls++; response.Send([]); });
        var connection = TestServer.Run("GET " + target + " HTTP/1.1\r\nHost: h\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n", handler);
        var responses = ResponseReader.ReadAll(connection.Written);
        Assert.Equal(2, responses.Count);
        Assert.Equal(400, responses[0].Status);
        Assert.Equal(("bad_request", reason), responses[0].Error);
        Assert.Equal(200, responses[1].Status);
        Assert.Equal(1, handlerCalls);
    }

    [Fact]
    public void Utf8DecoderAgreesWithTheStrictBclDecoder()
    {
        var strict = new UTF8Encoding(false, true);
        Gen.Byte.Array[0, 12].Sample(bytes =>
        {
            string? expected;
            try
            {
                expected = strict.GetString(bytes);
            }
            catch (DecoderFallbackException)
            {
                expected = null;
            }

            Assert.Equal(expected, Utf8Decoder.Decode(bytes, 0, bytes.Length));
        }, iter: 50000);
    }

    [Fact]
    public void Utf8DecoderRoundTripsEveryString()
    {
        Gen.String.Sample(text =>
        {
            if (text.Any(char.IsSurrogate) && !IsWellFormed(text))
            {
                return;
            }

            byte[] bytes = Encoding.UTF8.GetBytes(text);
            Assert.Equal(text, Utf8Decoder.Decode(bytes, 0, bytes.Length));
        });
    }

    [Fact]
    public void PercentDecodingRoundTripsEncodedSegments()
    {
        Gen.String[1, 20].Where(IsWellFormed).Sample(text =>
        {
            string target = "/db/" + Uri.EscapeDataString(text) + "?k=" + Uri.EscapeDataString(text);
            var connection = TestServer.Run("GET " + target + " HTTP/1.1\r\nHost: h\r\n\r\n");
            var json = ResponseReader.Single(connection.Written).Json;
            Assert.Equal(text, json.GetProperty("segments")[1].GetString());
            Assert.Equal(text, json.GetProperty("query")[0][1].GetString());
        }, iter: 300);
    }

    private static bool IsWellFormed(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
