using System.Diagnostics;
using System.Text.Json;

namespace ThaliNano.Cli.Tests;

public sealed class FlashCommandTests : IDisposable
{
    private const string Port = "/dev/ttyUSB7";

    private readonly string _root = Directory.CreateTempSubdirectory("thali-flash-").FullName;

    public FlashCommandTests()
    {
        CliRun.Of("provision", "--board", "esp32-psram", "--out", Device).Ok();
    }

    private string Device => Path.Combine(_root, "device");

    private string Deploy => Path.Combine(Device, "deploy.json");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void A_given_nanoff_flashes_the_board_target_then_deploys_the_provisioned_files()
    {
        var nanoff = new StandInNanoff(Path.Combine(_root, "bin"));

        CliRun run = CliRun.Of("flash", "--board", "esp32-psram", "--port", Port, "--provisioned", Device, "--nanoff", nanoff.Path).Ok();

        Assert.Equal(
            [
                ["--update", "--target", "ESP32_BLE_REV3", "--serialport", Port],
                ["--target", "ESP32_BLE_REV3", "--serialport", Port, "--filedeployment", Deploy],
            ],
            nanoff.Calls());
        Assert.Contains("$ " + nanoff.Path + " --update --target ESP32_BLE_REV3 --serialport " + Port, run.Output);
        Assert.Contains("stand-in nanoff: --update", run.Output);
        Assert.Contains("flashed ESP32_BLE_REV3 and deployed 5 files", run.Output);
        using JsonDocument deploy = JsonDocument.Parse(File.ReadAllText(Deploy));
        Assert.Equal(Port, deploy.RootElement.GetProperty("serialport").GetString());
        Assert.Equal(5, deploy.RootElement.GetProperty("files").GetArrayLength());
    }

    [Fact]
    public void A_failing_nanoff_stops_the_flash_with_its_exit_code()
    {
        var nanoff = new StandInNanoff(Path.Combine(_root, "bin"), exitCode: 3);

        CliRun run = CliRun.Of("flash", "--board", "esp32-psram", "--port", Port, "--provisioned", Device, "--nanoff", nanoff.Path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("nanoff exited with 3", run.Error);
        Assert.Single(nanoff.Calls());
    }

    [Fact]
    public void Without_nanoff_on_PATH_the_lines_to_run_are_printed()
    {
        string empty = Directory.CreateDirectory(Path.Combine(_root, "empty")).FullName;

        (int code, string output) = RunCli(empty, "flash", "--board", "esp32-psram", "--port", Port, "--provisioned", Device);

        Assert.Equal(0, code);
        Assert.Contains("$ nanoff --update --target ESP32_BLE_REV3 --serialport " + Port + "\n", output);
        Assert.Contains("$ nanoff --target ESP32_BLE_REV3 --serialport " + Port + " --filedeployment " + Deploy + "\n", output);
        Assert.Contains("note: nanoff is not on PATH", output);
    }

    [Fact]
    public void A_nanoff_on_PATH_is_run()
    {
        var nanoff = new StandInNanoff(Path.Combine(_root, "bin"));

        (int code, string output) = RunCli(Path.GetDirectoryName(nanoff.Path)!, "flash", "--board", "esp32-psram", "--port", Port, "--provisioned", Device);

        Assert.True(code == 0, output);
        Assert.Equal(2, nanoff.Calls().Count);
        Assert.DoesNotContain("note:", output);
    }

    [Fact]
    public void A_folder_provisioned_for_another_board_or_not_at_all_is_refused_before_nanoff_runs()
    {
        var nanoff = new StandInNanoff(Path.Combine(_root, "bin"));

        CliRun otherBoard = CliRun.Of("flash", "--board", "esp32-c3", "--port", Port, "--provisioned", Device, "--nanoff", nanoff.Path);
        CliRun notProvisioned = CliRun.Of("flash", "--board", "esp32", "--port", Port, "--provisioned", _root, "--nanoff", nanoff.Path);

        Assert.Equal(1, otherBoard.ExitCode);
        Assert.Contains("was provisioned for esp32-psram, not esp32-c3", otherBoard.Error);
        Assert.Equal(1, notProvisioned.ExitCode);
        Assert.Contains("is not a provisioned device folder", notProvisioned.Error);
        Assert.Empty(nanoff.Calls());
        Assert.False(File.Exists(Path.Combine(_root, "deploy.json")));
    }

    /// <summary>Runs the CLI in its own process with PATH set to <paramref name="path"/> only; returns exit code and standard output and error.</summary>
    private static (int Code, string Output) RunCli(string path, params string[] args)
    {
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? Environment.ProcessPath!;
        var start = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(ThalinanoCli).Assembly.Location);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PATH"] = path;
        using Process process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }
}
