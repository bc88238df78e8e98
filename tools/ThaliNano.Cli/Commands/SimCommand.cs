using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Spectre.Console;
using ThaliNano.Simulator;
using ThaliNano.Simulator.Reports;
using ThaliNano.Simulator.Results;

namespace ThaliNano.Cli.Commands;

/// <summary>
/// <c>thalinano sim</c>: the field simulator (tools/ThaliNano.Simulator) on the issue's scenario, every policy asked
/// for on the same seeds, side by side: a table, and on request JSON and plots.
/// </summary>
internal static class SimCommand
{
    public static Command Create()
    {
        Option<int> seed = IntOption("--seed", "N", "the first seed", 1, int.MinValue, int.MaxValue - 100);
        Option<int> seeds = IntOption("--seeds", "K", "how many seeds (seed, seed + 1, ...): each policy runs on each", 3, 1, 100);
        Option<int> phones = IntOption("--phones", "P", "people walking with the app", 20, 0, Scenario.MaxPhones);
        Option<int> sensors = IntOption("--sensors", "S", "sensors, 100 m apart on a grid", 30, 1, Scenario.MaxSensors);
        Option<int> copies = IntOption("--copies", "L", "spray tokens per bundle (spray and wait, ours)", 4, 1, 255);
        var hours = new Option<double>("--hours")
        {
            HelpName = "H",
            Description = "virtual hours to simulate",
            DefaultValueFactory = _ => 12,
            Validators = { result => Check<double>(result, v => v > 0 && v <= 168, "--hours is more than 0 and at most 168") },
        };
        var policy = new Option<string[]>("--policy")
        {
            HelpName = "NAME",
            Description = "policies to compare (repeat or separate by commas; default all): " + string.Join(", ", PolicyNames.All.Select(p => p.Name())),
            AllowMultipleArgumentsPerToken = true,
            Validators = { CheckPolicies },
        };
        var json = new Option<string>("--json")
        {
            HelpName = "FILE",
            Description = "also write the results as JSON to FILE ('-': print only the JSON, on standard output)",
        };
        var plot = new Option<DirectoryInfo>("--plot")
        {
            HelpName = "DIR",
            Description = "write plots (delivery and buffer occupancy over time, PNG and SVG) into DIR",
        };
        var command = new Command("sim", "simulate the field site's mesh: delivery, traffic and waiting per routing policy")
        {
            seed, seeds, hours, phones, sensors, policy, copies, json, plot,
        };
        command.SetAction((parseResult, output) =>
        {
            var scenario = new Scenario
            {
                Hours = parseResult.GetValue(hours),
                Phones = parseResult.GetValue(phones),
                Sensors = parseResult.GetValue(sensors),
                Copies = parseResult.GetValue(copies),
            };
            int first = parseResult.GetValue(seed);
            int[] seedList = [.. Enumerable.Range(first, parseResult.GetValue(seeds))];
            PolicyKind[] policies = ParsePolicies(parseResult.GetValue(policy));
            Comparison comparison = Run(scenario, seedList, policies, output);
            string? jsonFile = parseResult.GetValue(json);
            if (jsonFile == "-")
            {
                output.Out.WriteLine(ComparisonJson.Serialize(comparison));
                return ExitCodes.Ok;
            }

            Print(comparison, output);
            if (jsonFile != null)
            {
                File.WriteAllText(jsonFile, ComparisonJson.Serialize(comparison) + Environment.NewLine);
                output.Out.WriteLine("JSON: " + jsonFile);
            }

            if (parseResult.GetValue(plot) is { } directory)
            {
                output.Out.WriteLine("plots: " + string.Join(", ", ComparisonPlots.Write(comparison, directory.FullName)));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Runs the comparison, with a progress bar when standard output is a terminal.</summary>
    private static Comparison Run(Scenario scenario, int[] seeds, PolicyKind[] policies, CliOutput output)
    {
        if (output.Out != Console.Out || Console.IsOutputRedirected)
        {
            return FieldSimulation.Compare(scenario, seeds, policies);
        }

        return AnsiConsole.Progress().Start(context =>
        {
            ProgressTask task = context.AddTask(policies.Length * seeds.Length + " runs", maxValue: 1);
            return FieldSimulation.Compare(scenario, seeds, policies, new ProgressReport(task));
        });
    }

    private static void Print(Comparison comparison, CliOutput output)
    {
        Scenario s = comparison.Scenario;
        output.Out.WriteLine(Invariant($"{s.Hours} h, {s.Sensors} sensors, {s.Phones} phones, 1 gateway; seeds {string.Join(", ", comparison.Seeds)}; L = {s.Copies}"));
        var table = new Table().AddColumn(new TableColumn("policy").NoWrap())
            .AddColumns("delivery", "overhead", "latency mean (min)", "latency median (min)", "buffer time (min)", "drops per seed", "held (kB, mean)");
        foreach (PolicySummary summary in comparison.Summaries)
        {
            table.AddRow(summary.Policy.Name(), Number(summary.DeliveryRatio, "F3"), Number(summary.Overhead, "F2"),
                Number(summary.LatencyMeanMinutes, "F1"), Number(summary.LatencyMedianMinutes, "F1"),
                Number(summary.MeanBufferMinutes, "F1"), Number(summary.DropsPerSeed, "F0"), Number(summary.MeanHeldKilobytes, "F0"));
        }

        output.Console.Write(table);
        if (comparison.Of(PolicyKind.Ours) is { } ours)
        {
            output.Out.WriteLine(Invariant(
                $"goal for ours: delivery {ours.DeliveryRatio:F3} >= {Comparison.GoalDelivery} {Mark(ours.DeliveryRatio >= Comparison.GoalDelivery)}, ") +
                Invariant($"overhead {ours.Overhead:F2} <= {Comparison.GoalOverhead} {Mark(ours.Overhead <= Comparison.GoalOverhead)}, ") +
                Invariant($"buffer time {ours.MeanBufferMinutes:F1} min <= {Comparison.GoalBufferMinutes} {Mark(ours.MeanBufferMinutes <= Comparison.GoalBufferMinutes)}: ") +
                (Comparison.MeetsGoal(ours) ? "met" : "not met"));
        }
    }

    /// <summary>"-" for what does not exist (latency or overhead with nothing delivered).</summary>
    private static string Number(double value, string format) => double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "-";

    private static string Mark(bool ok) => ok ? "yes" : "no";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static Option<int> IntOption(string name, string helpName, string description, int defaultValue, int min, int max) => new(name)
    {
        HelpName = helpName,
        Description = description + " (default " + defaultValue + ")",
        DefaultValueFactory = _ => defaultValue,
        Validators = { result => Check<int>(result, v => v >= min && v <= max, name + " is " + min + " to " + max) },
    };

    private static void Check<T>(OptionResult result, Func<T, bool> valid, string message)
    {
        if (!valid(result.GetValueOrDefault<T>()))
        {
            result.AddError(message);
        }
    }

    private static void CheckPolicies(OptionResult result)
    {
        foreach (string name in Names(result.GetValueOrDefault<string[]>()))
        {
            if (!PolicyNames.TryParse(name, out _))
            {
                result.AddError("--policy: no policy '" + name + "' (one of " + string.Join(", ", PolicyNames.All.Select(p => p.Name())) + ")");
            }
        }
    }

    private static PolicyKind[] ParsePolicies(string[]? values)
    {
        string[] names = [.. Names(values)];
        return names.Length == 0
            ? [.. PolicyNames.All]
            : [.. names.Select(n => PolicyNames.TryParse(n, out PolicyKind p) ? p : throw new CommandFailedException("no policy " + n)).Distinct()];
    }

    private static IEnumerable<string> Names(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>Moves the progress bar from the simulation's worker threads (Spectre's task is thread-safe).</summary>
    private sealed class ProgressReport(ProgressTask task) : IProgress<double>
    {
        public void Report(double value) => task.Value = value;
    }
}
