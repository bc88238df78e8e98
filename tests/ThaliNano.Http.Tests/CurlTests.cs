using System.Diagnostics;
using ThaliNano.Http.Tests.Fakes;

namespace ThaliNano.Http.Tests;

/// <summary>curl (Debian package "curl") against the server over loopback TCP.</summary>
public class CurlTests
{
    private static (int Exit, string Output, string Errors) Curl(params string[] arguments)
    {
        var start = new ProcessStartInfo("curl") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--silent");
        start.ArgumentList.Add("--show-error");
        start.ArgumentList.Add("--max-time");
        start.ArgumentList.Add("20");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new Xunit.Sdk.XunitException("curl is not installed (apt-get install curl): " + e.Message);
        }

        var errors = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(30000), "curl did not finish");
        return (process.ExitCode, output, errors.Result);
    }

    [Fact]
    public void GetWithPercentEncodedPath()
    {
        using var server = new LoopbackServer(Handlers.Echo());
        var (exit, output, errors) = Curl(server.Url + "/db/_local/abc%3D%3D?since=1&style=all_docs");
        Assert.True(exit == 0, errors);
        var json = System.Text.Json.JsonDocument.Parse(output).RootElement;
        Assert.Equal("abc==", json.GetProperty("segments")[2].GetString());
        Assert.Equal("all_docs", json.GetProperty("query")[1][1].GetString());
    }

    [Fact]
    public void ChunkedUploadIsDecoded()
    {
        using var server = new LoopbackServer(Handlers.Echo());
        string file = Path.GetTempFileName();
        try
        {
            string content = string.Concat(Enumerable.Range(0, 20000).Select(i => (char)('a' + i % 26)));
            File.WriteAllText(file, content);
            var (exit, output, errors) = Curl("-X", "PUT", "-H", "Transfer-Encoding: chunked", "-H", "Content-Type: application/json",
                "--data-binary", "@" + file, server.Url + "/db/doc");
            Assert.True(exit == 0, errors);
            var json = System.Text.Json.JsonDocument.Parse(output).RootElement;
            Assert.Equal(content.Length, json.GetProperty("length").GetInt32());
            Assert.Equal(content, json.GetProperty("body").GetString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void ExpectContinueIsAnsweredWithoutCurlsWait()
    {
        using var server = new LoopbackServer(Handlers.Echo());
        var stopwatch = Stopwatch.StartNew();
        var (exit, output, errors) = Curl("-X", "POST", "-H", "Expect: 100-continue", "--expect100-timeout", "10",
            "--data-binary", "{\"docs\":[]}", server.Url + "/db/_bulk_docs");
        Assert.True(exit == 0, errors);
        Assert.True(stopwatch.ElapsedMilliseconds < 5000, "curl waited for 100 Continue");
        Assert.Equal("{\"docs\":[]}", System.Text.Json.JsonDocument.Parse(output).RootElement.GetProperty("body").GetString());
    }

    [Fact]
    public void HeadAndKeepAliveAcrossUrls()
    {
        using var server = new LoopbackServer(Handlers.Echo());
        var (exit, output, errors) = Curl("--head", server.Url + "/a", server.Url + "/b", server.Url + "/c");
        Assert.True(exit == 0, errors);
        Assert.Equal(3, output.Split("HTTP/1.1 200 OK").Length - 1);
        Assert.Equal(1, server.Accepted);
    }

    [Fact]
    public void ErrorRepliesAreJson()
    {
        using var server = new LoopbackServer(Handlers.Echo());
        var (exit, output, errors) = Curl("-w", "\n%{http_code}", server.Url + "/db/%C0%AF");
        Assert.True(exit == 0, errors);
        var lines = output.Split('\n');
        Assert.Equal("400", lines[^1]);
        var json = System.Text.Json.JsonDocument.Parse(lines[0]).RootElement;
        Assert.Equal("bad_request", json.GetProperty("error").GetString());
    }

    [Fact]
    public void Http10Client()
    {
        using var server = new LoopbackServer(Handlers.Echo());
        var (exit, output, errors) = Curl("--http1.0", "-i", server.Url + "/x");
        Assert.True(exit == 0, errors);
        Assert.StartsWith("HTTP/1.1 200 OK\r\n", output);
        Assert.Contains("Connection: close\r\n", output);
    }
}
