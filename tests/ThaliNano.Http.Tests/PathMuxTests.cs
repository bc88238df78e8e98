using System.Text;
using ThaliNano.Http.Tests.Fakes;

namespace ThaliNano.Http.Tests;

public class PathMuxTests
{
    private static IHttpHandler Named(string name) => new LambdaHandler((_, response) => response.Send(Encoding.ASCII.GetBytes(name)));

    private static PathMux Mux()
    {
        var mux = new PathMux { Fallback = Named("couch") };
        mux.Mount("_status", Named("status"));
        mux.Mount("_thali/pairing", Named("pairing"));
        return mux;
    }

    [Theory]
    [InlineData("/_status", "status")]
    [InlineData("/_status/", "status")]
    [InlineData("/_status/db?x=1", "status")]
    [InlineData("/%5Fstatus", "status")]
    [InlineData("/_statusx", "couch")]
    [InlineData("/_thali/pairing/abc", "pairing")]
    [InlineData("/_thali/acl:db", "couch")]
    [InlineData("/_thali", "couch")]
    [InlineData("/", "couch")]
    [InlineData("/db/_changes", "couch")]
    public void TheLongestMountedPrefixOfTheDecodedPathWins(string target, string expected)
    {
        var reply = TestServer.One("GET " + target + " HTTP/1.1\r\nHost: h\r\n\r\n", Mux());
        Assert.Equal(200, reply.Status);
        Assert.Equal(expected, reply.BodyText);
    }

    [Fact]
    public void ALongerPrefixBeatsAShorterOneWhateverTheMountOrder()
    {
        var mux = new PathMux();
        mux.Mount("_mesh/bundles", Named("bundles"));
        mux.Mount("_mesh", Named("mesh"));
        Assert.Equal("bundles", TestServer.One("GET /_mesh/bundles/1 HTTP/1.1\r\nHost: h\r\n\r\n", mux).BodyText);
        Assert.Equal("mesh", TestServer.One("GET /_mesh/receipts HTTP/1.1\r\nHost: h\r\n\r\n", mux).BodyText);
    }

    [Fact]
    public void WithoutAFallbackAnUnmountedPathIsAJson404()
    {
        var mux = new PathMux();
        mux.Mount("_status", Named("status"));
        var reply = TestServer.One("GET /db HTTP/1.1\r\nHost: h\r\n\r\n", mux);
        Assert.Equal(404, reply.Status);
        Assert.Equal("not_found", reply.Error.Error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/_status")]
    [InlineData("_status/")]
    [InlineData("a//b")]
    public void MalformedPrefixesAreRefused(string prefix)
    {
        Assert.Throws<ArgumentException>(() => new PathMux().Mount(prefix, Named("x")));
    }

    [Fact]
    public void APrefixCanBeMountedOnce()
    {
        var mux = Mux();
        Assert.Throws<ArgumentException>(() => mux.Mount("_status", Named("again")));
        Assert.Throws<ArgumentNullException>(() => mux.Mount("_other", null!));
    }
}
