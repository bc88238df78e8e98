using System.Text.RegularExpressions;
using ThaliNano.Tests.Interop;

namespace ThaliNano.Firmware.Tests;

/// <summary>
/// The HTTP server keeps only the request header fields <see cref="HubConfiguration.RequestHeadersRead"/> names: every field
/// a handler of the device code reads must be there, or the handler would see it missing.
/// </summary>
public sealed partial class RequestHeadersReadTests
{
    [Fact]
    public void Every_header_field_the_device_code_reads_is_kept()
    {
        string[] kept = HubConfiguration.RequestHeadersRead();
        var read = new List<string>();
        foreach (string folder in new[] { "libs", "firmware" })
        {
            foreach (string file in Directory.EnumerateFiles(Path.Combine(NodePeers.RepositoryRoot, folder), "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains("/obj/") && !f.Contains("/bin/") && !f.Contains("/ThaliNano.Http/")))
            {
                string text = File.ReadAllText(file);
                foreach (Match m in HeaderRead().Matches(text))
                {
                    read.Add(m.Groups["literal"].Success ? m.Groups["literal"].Value : Constant(text, m.Groups["constant"].Value, file));
                }
            }
        }

        Assert.Contains("if-match", read.Select(n => n.ToLowerInvariant()));
        Assert.Contains("x-status-token", read.Select(n => n.ToLowerInvariant()));
        Assert.All(read, name => Assert.Contains(name.ToLowerInvariant(), kept));
    }

    [Fact]
    public void Both_device_and_host_configurations_keep_them()
    {
        Assert.Equal(HubConfiguration.RequestHeadersRead(), new HubConfiguration().Http.KeptRequestHeaders);
        Assert.Equal(HubConfiguration.RequestHeadersRead(), HubConfiguration.ForHost().Http.KeptRequestHeaders);
        new HubConfiguration().Http.Validate();
    }

    /// <summary>The value of a string constant declared in the same file.</summary>
    private static string Constant(string text, string name, string file)
    {
        Match declared = Regex.Match(text, "const string " + name + @" = ""(?<value>[^""]+)""");
        Assert.True(declared.Success, "a header field read through " + name + ", not a string constant of " + file);
        return declared.Groups["value"].Value;
    }

    [GeneratedRegex("""Headers\.(?:Get|GetAll|Contains|ContainsToken)\(\s*(?:"(?<literal>[^"]+)"|(?<constant>\w+))""")]
    private static partial Regex HeaderRead();
}
