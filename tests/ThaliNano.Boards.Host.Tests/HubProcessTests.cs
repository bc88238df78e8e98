using System.Diagnostics;
using System.Text.RegularExpressions;
using ThaliNano.Boards.Host.Tests.Interop;
using ThaliNano.Tests.Interop;

namespace ThaliNano.Boards.Host.Tests;

/// <summary>The hub process (ThaliNano.Boards.Host.dll) as a user runs it: options, first start, restart, clean shutdown.</summary>
public sealed class HubProcessTests : IDisposable
{
    private static readonly string Board = Path.Combine(AppContext.BaseDirectory, "ThaliNano.Boards.Host.dll");
    private readonly string _folder = Directory.CreateTempSubdirectory("thali-hub-process-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Help_and_bad_options()
    {
        var help = NodePeers.Run("dotnet", new[] { Board, "--help" }, TimeSpan.FromSeconds(20));
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--data DIR", help.Stdout);
        Assert.Contains("--owner CERT.pem", help.Stdout);

        var bad = NodePeers.Run("dotnet", new[] { Board, "--port", "http" }, TimeSpan.FromSeconds(20));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--port", bad.Stderr);
    }

    [Fact]
    public void First_start_creates_the_identity_pairs_the_owner_serves_and_stops_cleanly_and_a_restart_keeps_it_all()
    {
        string data = Path.Combine(_folder, "data");
        ClientIdentity owner = ClientIdentity.Create(Path.Combine(_folder, "clients"), "owner");
        string secret = Path.Combine(_folder, "clients", "owner.secret");

        var (first, firstOutput) = RunUntilStopped("--data", data, "--port", "0", "--owner", owner.CertificatePath, "--secret-out", secret,
            "--log-requests");
        Assert.Contains("created the hub identity", firstOutput);
        Assert.Contains("paired as owner: " + owner.Principal, firstOutput);
        Assert.True(File.Exists(Path.Combine(data, "identity", "hub.cert.pem")));
        Assert.True(File.Exists(Path.Combine(data, "identity", "hub.key.pem")));
        Assert.Equal(43, File.ReadAllText(secret).Trim().Length);
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("request 200 GET / " + owner.Principal, firstOutput);
        Assert.EndsWith("stopping", firstOutput.Trim());

        var (second, secondOutput) = RunUntilStopped("--data", data, "--port", "0");
        Assert.Equal(0, second.ExitCode);
        Assert.DoesNotContain("created the hub identity", secondOutput);
        Assert.Equal(Line(firstOutput, "hub key id: "), Line(secondOutput, "hub key id: "));
        Assert.Equal(Regex.Match(firstOutput, "hub ([0-9a-f]{32}) on").Groups[1].Value, Regex.Match(secondOutput, "hub ([0-9a-f]{32}) on").Groups[1].Value);
        Assert.Contains("owner: " + owner.Principal, secondOutput);

        var list = NodePeers.Run("dotnet", new[] { Board, "--data", data, "--unpair", owner.Principal, "--list", "--no-serve" }, TimeSpan.FromSeconds(20));
        Assert.Contains("unpaired " + owner.Principal, list.Stdout);
        Assert.DoesNotContain("owner  ", list.Stdout);

        (Process Process, string Output) RunUntilStopped(params string[] arguments)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Board);
            foreach (string argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            var process = Process.Start(start)!;
            var output = new System.Text.StringBuilder();
            string? line;
            while ((line = process.StandardOutput.ReadLine()) != null)
            {
                output.AppendLine(line);
                if (line.StartsWith("ready", StringComparison.Ordinal))
                {
                    break;
                }
            }

            string url = Line(output.ToString(), "httpkey: ");
            Assert.StartsWith("httpkey://127.0.0.1:", url);
            if (arguments.Contains("--log-requests"))
            {
                var hubUrl = url;
                var curl = NodePeers.Run("curl", new[]
                {
                    "-sS", "-k", "--max-time", "10", "--cert", owner.CertificatePath, "--key", owner.KeyPath,
                    "--pinnedpubkey", "sha256//" + Convert.ToBase64String(ThaliNano.Identity.PublicKeyId.Parse(hubUrl[(hubUrl.LastIndexOf(':') + 1)..]).ToByteArray()),
                    "https://127.0.0.1:" + Line(output.ToString(), "port: ") + "/",
                }, TimeSpan.FromSeconds(15));
                Assert.Equal(0, curl.ExitCode);
            }

            NodePeers.Run("kill", new[] { "-TERM", process.Id.ToString() }, TimeSpan.FromSeconds(5));
            output.Append(process.StandardOutput.ReadToEnd());
            Assert.True(process.WaitForExit(15000), "the hub did not stop within 15 s of SIGTERM");
            return (process, output.ToString());
        }
    }

    private static string Line(string output, string prefix) =>
        output.Split('\n').Select(l => l.TrimEnd('\r')).First(l => l.StartsWith(prefix, StringComparison.Ordinal))[prefix.Length..];
}
