using System.Text.Json;

namespace ThaliNano.Cli.Tests;

/// <summary><c>thalinano sim</c>: a short run of the field simulator through the command line.</summary>
public sealed class SimCommandTests : IDisposable
{
    private static readonly string[] s_site = ["sim", "--hours", "0.5", "--sensors", "6", "--phones", "6"];
    private static readonly string[] s_short = [.. s_site, "--seeds", "1"];

    private readonly string _folder = Directory.CreateTempSubdirectory("thalinano-sim-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Prints_a_row_per_policy_and_the_goal_for_ours()
    {
        CliRun run = CliRun.Of([.. s_short]).Ok();

        foreach (string policy in new[] { "first-contact", "epidemic", "spray-and-wait", "prophet", "maxprop", "ours" })
        {
            Assert.Contains("│ " + policy + " ", run.Output);
        }

        Assert.Contains("goal for ours: delivery ", run.Output);
        Assert.Empty(run.Error);
    }

    [Fact]
    public void Json_to_a_file_holds_each_policy_asked_for_with_its_runs()
    {
        string file = Path.Combine(_folder, "sim.json");

        CliRun run = CliRun.Of([.. s_site, "--seeds", "2", "--policy", "ours,epidemic", "--policy", "maxprop", "--json", file]).Ok();

        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(file));
        JsonElement[] policies = [.. json.RootElement.GetProperty("policies").EnumerateArray()];
        Assert.Equal(["ours", "epidemic", "maxprop"], policies.Select(p => p.GetProperty("policy").GetString()));
        Assert.All(policies, p => Assert.Equal(2, p.GetProperty("runs").GetArrayLength()));
        Assert.All(policies, p => Assert.InRange(p.GetProperty("deliveryRatio").GetDouble(), 0, 1));
        Assert.Equal([1, 2], json.RootElement.GetProperty("seeds").EnumerateArray().Select(s => s.GetInt32()));
        Assert.Equal(6, json.RootElement.GetProperty("scenario").GetProperty("sensors").GetInt32());
        Assert.Contains("JSON: " + file, run.Output);
    }

    [Fact]
    public void Without_phones_nothing_is_delivered_and_what_does_not_exist_prints_as_a_dash()
    {
        CliRun run = CliRun.Of("sim", "--hours", "0.5", "--seeds", "1", "--phones", "0", "--policy", "ours").Ok();

        Assert.Matches(@"│ ours\s+│ 0\.000\s+│ -\s+│ -\s+│ -\s+│", run.Output);
    }

    [Fact]
    public void Json_to_standard_output_prints_only_the_document()
    {
        CliRun run = CliRun.Of([.. s_short, "--policy", "ours", "--json", "-"]).Ok();

        using JsonDocument json = JsonDocument.Parse(run.Output);
        Assert.Equal("ours", json.RootElement.GetProperty("goal").GetProperty("policy").GetString());
    }

    [Fact]
    public void The_same_seed_prints_the_same_results()
    {
        Assert.Equal(CliRun.Of([.. s_short, "--seed", "9", "--json", "-"]).Ok().Output, CliRun.Of([.. s_short, "--seed", "9", "--json", "-"]).Ok().Output);
    }

    [Fact]
    public void Plots_go_to_the_folder_as_png_and_svg()
    {
        string plots = Path.Combine(_folder, "plots");

        CliRun.Of([.. s_short, "--policy", "ours", "--plot", plots]).Ok();

        Assert.Equal(["buffers.png", "buffers.svg", "delivery.png", "delivery.svg"], Directory.GetFiles(plots).Select(Path.GetFileName).Order());
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(Path.Combine(plots, "delivery.png"))[..4]);
        Assert.Contains("<svg", File.ReadAllText(Path.Combine(plots, "buffers.svg")));
    }

    [Theory]
    [InlineData("--policy: no policy 'flooding'", "--policy", "flooding")]
    [InlineData("--hours is more than 0 and at most 168", "--hours", "0")]
    [InlineData("--seeds is 1 to 100", "--seeds", "0")]
    [InlineData("--copies is 1 to 255", "--copies", "256")]
    [InlineData("--phones is 0 to 200", "--phones", "-1")]
    [InlineData("--sensors is 1 to 500", "--sensors", "501")]
    [InlineData("Unrecognized command or argument", "--frobnicate")]
    public void A_usage_error_exits_2_naming_it(string reason, params string[] args)
    {
        CliRun run = CliRun.Of(["sim", .. args]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(reason, run.Error);
        Assert.Contains("see 'thalinano sim --help'", run.Error);
        Assert.Empty(run.Output);
    }

    [Fact]
    public void A_json_file_that_cannot_be_written_exits_1_with_one_line()
    {
        string file = Path.Combine(_folder, "no-such-folder", "sim.json");

        CliRun run = CliRun.Of([.. s_short, "--policy", "ours", "--json", file]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: ", run.Error);
        Assert.Single(run.Error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Help_lists_the_options()
    {
        CliRun run = CliRun.Of("sim", "--help").Ok();

        foreach (string option in new[] { "--seed", "--seeds", "--hours", "--phones", "--sensors", "--policy", "--copies", "--json", "--plot" })
        {
            Assert.Contains(option, run.Output);
        }
    }
}
