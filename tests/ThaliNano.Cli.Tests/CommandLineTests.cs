namespace ThaliNano.Cli.Tests;

/// <summary>Help and usage errors, the same for every command (README.md, "Exit codes").</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("field", "--help")]
    [InlineData("field", "init", "--help")]
    [InlineData("field", "label", "--help")]
    [InlineData("field", "button", "--help")]
    [InlineData("discover", "--help")]
    [InlineData("pair", "--help")]
    public void Help_exits_0_and_lists_the_options(params string[] args)
    {
        CliRun run = CliRun.Of(args);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Output);
        Assert.Empty(run.Error);
    }

    [Theory]
    [InlineData("discover")]
    [InlineData("field", "init", "--sensors", "2")]
    [InlineData("field", "label", "--site", "somewhere")]
    [InlineData("pair", "--site", "somewhere", "--label", "l.txt", "--cert", "c.pem", "--role", "reader")]
    public void A_missing_required_option_exits_2_naming_it(params string[] args)
    {
        CliRun run = CliRun.Of(args);
        Assert.Equal(2, run.ExitCode);
        Assert.Matches("is required", run.Error);
        Assert.Empty(run.Output);
    }

    [Theory]
    [InlineData("give one of --label and --token", "pair", "--site", "s", "--cert", "c", "--key", "k", "--role", "reader")]
    [InlineData("give one of --role and --group", "pair", "--site", "s", "--cert", "c", "--key", "k", "--label", "l", "--role", "reader", "--group", "g")]
    [InlineData("--ssid and --password come together", "pair", "--site", "s", "--cert", "c", "--key", "k", "--label", "l", "--role", "reader", "--ssid", "x")]
    [InlineData("--token needs --device", "pair", "--site", "s", "--cert", "c", "--key", "k", "--token", "t", "--role", "reader")]
    [InlineData("admin", "pair", "--site", "s", "--cert", "c", "--key", "k", "--label", "l", "--role", "admin")]
    [InlineData("--sensors is 1 to 64", "field", "init", "--site", "s", "--sensors", "0")]
    [InlineData("--seconds is more than 0", "discover", "--site", "s", "--seconds", "-1")]
    [InlineData("Unrecognized command or argument", "discover", "--site", "s", "--frobnicate")]
    [InlineData("Required command was not provided", "field")]
    public void A_usage_error_exits_2_with_the_reason_and_where_to_look(string reason, params string[] args)
    {
        CliRun run = CliRun.Of(args);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(reason, run.Error);
        Assert.Contains("--help'", run.Error);
    }

    [Fact]
    public void A_folder_that_is_no_site_exits_1_with_one_line()
    {
        CliRun run = CliRun.Of("discover", "--site", Path.Combine(Path.GetTempPath(), "no-such-thali-site"));
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: " + Path.Combine(Path.GetTempPath(), "no-such-thali-site") + " is not a field site (no site.json): make one with 'thalinano field init'" + Environment.NewLine, run.Error);
    }
}
