using System.Text.RegularExpressions;
using ThaliNano.Benchmarks.Memory;
using ThaliNano.Firmware.Boards;

namespace ThaliNano.Benchmarks.Tests;

/// <summary>
/// The whole-hub memory benchmark, short (<c>--quick</c>: 2 rounds of 10 documents, one carrier contact): each run starts
/// the benchmark's child process and PouchDB 9 (needs <c>npm ci --prefix tests/interop</c>). Memory, not time: nothing
/// here depends on how fast the machine is. With the heap dumps at the peaks, from which the check judges the hub's own
/// objects; the census of what the hub keeps (two more dumps to read) in one test only.
/// </summary>
public sealed class MemoryBenchmarkTests
{
    [Fact]
    public void The_no_psram_board_is_measured_against_its_32_KB_budget_and_the_check_says_whether_it_fits()
    {
        MemoryReport.Row row = MemoryBenchmark.Measure(BoardProfile.Esp32(), MemoryOptions.Parse(["--quick"]));
        BoardMeasurement m = row.Measurement;

        Assert.Equal(32 * 1024, m.BudgetBytes);
        AssertMeasuredUnderLoad(row);

        // The census from the dumps of the baseline and of the rest: the hub composed after the baseline keeps its databases.
        Assert.True(row.Retained["ThaliNano.Store.Database"].Count >= 1);
        Assert.True(row.RetainedHostBytes > 0);
        var output = new StringWriter();
        bool passed = MemoryReport.Print(output, [row]);
        Assert.Equal(row.JudgedBytes <= 32 * 1024, passed);
        Assert.Contains(passed ? "check passed" : "check failed: esp32 peaked at", output.ToString());
    }

    [Fact]
    public void The_hub_s_own_objects_at_the_peak_come_from_heap_dumps_without_the_runtime_s_caches()
    {
        MemoryReport.Row row = MemoryBenchmark.Measure(BoardProfile.Esp32C3(), MemoryOptions.Parse(["--quick", "--no-census"]));
        HubPeak hub = row.Hub ?? throw new InvalidOperationException("no dumps were read");

        Assert.Equal(hub.Bytes, row.JudgedBytes);
        Assert.True(hub.Bytes > 0, "the hub's objects took " + hub.Bytes + " bytes");
        Assert.True(hub.Owners.GetValueOrDefault("ThaliNano.Store.Index.PageCache") > 0, "the index caches hold nothing: " + string.Join(", ", hub.Owners.Keys));
        Assert.DoesNotContain(hub.Owners.Keys, owner => !owner.StartsWith("ThaliNano.", StringComparison.Ordinal) && owner != "stack");
        Assert.NotEmpty(row.Measurement.Dumps);
        Assert.DoesNotContain(row.Measurement.Dumps.Select(d => d.Path).Append(row.Measurement.BaselineDump!), File.Exists);
        Assert.Contains("the hub's objects at their peak (" + hub.Phase + ")", Printed(row));
    }

    [Fact]
    public void Without_dumps_the_check_judges_the_live_heap()
    {
        MemoryReport.Row row = MemoryBenchmark.Measure(BoardProfile.Esp32C3(), MemoryOptions.Parse(["--quick", "--no-census", "--no-dumps"]));

        Assert.Null(row.Hub);
        Assert.Equal(row.Measurement.PeakBytes, row.JudgedBytes);
        Assert.Contains("(no dumps)", Printed(row));
    }

    [Fact]
    public void The_psram_reference_board_peaks_within_its_budget()
    {
        MemoryReport.Row row = MemoryBenchmark.Measure(BoardProfile.Esp32Psram(), MemoryOptions.Parse(["--quick", "--no-census"]));

        AssertMeasuredUnderLoad(row);
        Assert.True(row.Measurement.PeakBytes <= row.Measurement.BudgetBytes,
            $"esp32-psram peaked at {row.Measurement.PeakBytes} bytes, over its budget of {row.Measurement.BudgetBytes}");
        Assert.True(MemoryReport.Print(new StringWriter(), [row]));
    }

    [Fact]
    public void A_budget_below_the_measured_peak_fails_the_check_with_exit_code_1()
    {
        var output = new StringWriter();
        TextWriter console = Console.Out;
        int exit;
        try
        {
            Console.SetOut(output);
            exit = MemoryBenchmark.Run(["--board", "esp32-c3", "--quick", "--no-census", "--budget-bytes", "4096"]);
        }
        finally
        {
            Console.SetOut(console);
        }

        Assert.Equal(1, exit);
        Assert.Contains("check failed: esp32-c3 peaked at", output.ToString());
        Assert.Contains("over its budget of 4.0 KB", output.ToString());
    }

    [Fact]
    public void The_check_fails_exactly_when_a_peak_is_over_its_budget()
    {
        MemoryReport.Row Row(string board, long peak, long budget, HubPeak? hub = null) => new(
            new BoardMeasurement(board, budget, peak, "push 1", peak / 2, 10, peak / 2, 0, 0, 0, 0, 1, [], null, null, []), 10, 10, 1, [], hub);

        Assert.True(MemoryReport.Print(new StringWriter(), [Row("a", 32 * 1024, 32 * 1024), Row("b", 1, 256 * 1024)]));
        var output = new StringWriter();
        Assert.False(MemoryReport.Print(output, [Row("a", 32 * 1024, 32 * 1024), Row("b", (32 * 1024) + 1, 32 * 1024)]));
        Assert.Contains("check failed: b peaked at 32.0 KB, over its budget of 32.0 KB (push 1)", output.ToString());
        Assert.DoesNotContain("check failed: a", output.ToString());

        // With dumps, the hub's own objects are judged, not the live heap (which counts the host runtime's caches too).
        Assert.True(MemoryReport.Print(new StringWriter(), [Row("c", 64 * 1024, 32 * 1024, new HubPeak(32 * 1024, 32 * 1024, "pull 2", [], 0))]));
        output = new StringWriter();
        Assert.False(MemoryReport.Print(output, [Row("d", 16 * 1024, 32 * 1024, new HubPeak((32 * 1024) + 1, 0, "pull 2", [], 0))]));
        Assert.Contains("check failed: d peaked at 32.0 KB, over its budget of 32.0 KB (pull 2)", output.ToString());
    }

    [Fact]
    public void The_census_and_the_dumps_are_taken_unless_left_out()
    {
        Assert.True(MemoryOptions.Parse([]).Census);
        Assert.True(MemoryOptions.Parse([]).Dumps);
        Assert.False(MemoryOptions.Parse(["--no-census"]).Census);
        Assert.False(MemoryOptions.Parse(["--no-dumps"]).Dumps);
    }

    [Fact]
    public void A_dump_that_kills_its_reader_is_left_out_and_a_new_reader_goes_on_with_the_rest()
    {
        string[] missing = [.. Enumerable.Range(0, 2).Select(i => Path.Combine(Path.GetTempPath(), $"thali-no-such-dump-{Guid.NewGuid()}.dmp"))];
        var errors = new StringWriter();
        TextWriter console = Console.Error;
        Console.SetError(errors);
        try
        {
            Assert.All(DumpReaderProcess.ReadHub(missing), Assert.Null);
        }
        finally
        {
            Console.SetError(console);
        }

        Assert.All(missing, path => Assert.Matches($"the dump reader died \\(exit code [1-9][0-9]*\\) on {Regex.Escape(Path.GetFileName(path))}, which is left out", errors.ToString()));
    }

    [Theory]
    [InlineData("--board", "esp8266")]
    [InlineData("--rounds", "0")]
    [InlineData("--budget-bytes", "many")]
    [InlineData("--docs")]
    [InlineData("--unknown", "1")]
    public void Bad_options_are_refused(params string[] args) =>
        Assert.Throws<ArgumentException>(() => MemoryOptions.Parse(args));

    private static string Printed(MemoryReport.Row row)
    {
        var output = new StringWriter();
        MemoryReport.Print(output, [row]);
        return output.ToString();
    }

    private static void AssertMeasuredUnderLoad(MemoryReport.Row row)
    {
        BoardMeasurement m = row.Measurement;
        Assert.True(m.PeakBytes > 0 && m.Samples > 0, $"no figure: peak {m.PeakBytes}, {m.Samples} samples");
        Assert.Equal(25, row.Pushed);
        Assert.Equal(25, row.Pulled);
        Assert.True(m.Contacts > 0, "the carrier made no contact");
        Assert.True(m.Readings > 0 && m.Beacons > 0, $"{m.Readings} readings, {m.Beacons} beacons");
        // The hub rested (every tick samples) before what it kept was measured.
        Assert.Contains("at rest", m.PhasePeaks.Keys);
        Assert.True(m.Readings > BoardHub.RestTicks, $"{m.Readings} readings");
    }
}
