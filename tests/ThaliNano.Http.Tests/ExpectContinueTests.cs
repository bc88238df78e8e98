using System.Text;
using ThaliNano.Http.Tests.Fakes;

namespace ThaliNano.Http.Tests;

public class ExpectContinueTests
{
    private const string Interim = "HTTP/1.1 100 Continue\r\n\r\n";

    private static string ReadSome(PipeConnection.PipeClient client, int count)
    {
        var buffer = new byte[count];
        int at = 0;
        while (at < count)
        {
            int n = client.Read(buffer, at, count - at, 5000);
            Assert.True(n > 0, "connection closed early");
            at += n;
        }

        return Encoding.Latin1.GetString(buffer);
    }

    [Fact]
    public void ContinueIsSentWhenTheHandlerReadsTheBody()
    {
        using var server = new RunningServer(Handlers.Echo());
        var connection = server.Connect();
        connection.Client.Send("PUT /db/doc HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
        Assert.Equal(Interim, ReadSome(connection.Client, Interim.Length));
        connection.Client.Send("hello");
        connection.Client.FinishSending();
        var response = ResponseReader.Single(connection.Client.ReadToEnd());
        Assert.Equal("hello", response.Json.GetProperty("body").GetString());
    }

    [Fact]
    public void ContinueIsSentForChunkedBodiesToo()
    {
        using var server = new RunningServer(Handlers.Echo());
        var connection = server.Connect();
        connection.Client.Send("PUT /db/doc HTTP/1.1\r\nHost: h\r\nExpect: 100-Continue\r\nTransfer-Encoding: chunked\r\n\r\n");
        Assert.Equal(Interim, ReadSome(connection.Client, Interim.Length));
        connection.Client.Send("2\r\nhi\r\n0\r\n\r\n");
        connection.Client.FinishSending();
        Assert.Equal("hi", ResponseReader.Single(connection.Client.ReadToEnd()).Json.GetProperty("body").GetString());
    }

    [Fact]
    public void RefusingWithoutReadingSkipsContinueAndCloses()
    {
        var handler = new LambdaHandler((_, response) => response.SendError(403, "forbidden", "no"));
        var connection = TestServer.Run("PUT /db/doc HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n", handler);
        var response = ResponseReader.Single(connection.Written);
        Assert.Equal(403, response.Status);
        Assert.Equal("close", response.Header("Connection"));
        Assert.DoesNotContain("100 Continue", connection.WrittenText);
        Assert.True(connection.Closed);
    }

    [Fact]
    public void NoContinueForAnEmptyBody()
    {
        var connection = TestServer.Run("POST /db HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 0\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 200 OK\r\n", connection.WrittenText);
        Assert.DoesNotContain("100 Continue", connection.WrittenText);
    }

    [Fact]
    public void Http10IgnoresTheExpectation()
    {
        var connection = TestServer.Run("PUT /x HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nhi");
        Assert.DoesNotContain("100 Continue", connection.WrittenText);
        Assert.Equal("hi", ResponseReader.Single(connection.Written).Json.GetProperty("body").GetString());
    }

    [Fact]
    public void OtherExpectationsAre417()
    {
        var response = TestServer.FatalError("PUT /x HTTP/1.1\r\nHost: h\r\nExpect: 200-ok\r\nContent-Length: 2\r\n\r\nhi");
        Assert.Equal(417, response.Status);
        Assert.Equal(("expectation_failed", "only the expectation 100-continue is supported"), response.Error);
    }

    [Fact]
    public void TooLargeBodyIsRefusedBeforeContinue()
    {
        var options = TestServer.Options(o => o.MaxBodyBytes = 4);
        var connection = TestServer.Run("PUT /x HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n", null, options);
        Assert.StartsWith("HTTP/1.1 413 Content Too Large\r\n", connection.WrittenText);
        Assert.DoesNotContain("100 Continue", connection.WrittenText);
    }
}
