using System.Diagnostics;
using System.Text.Json;

namespace ThaliNano.Benchmarks.Memory;

/// <summary>
/// Reads heap dumps in a separate process: this program re-launched as <see cref="Verb"/>. ClrMD runs the runtime's
/// native DAC inside the reading process, and it ended the whole benchmark with a segmentation fault in about one run
/// of a dozen. A reader that dies is started once more; a second death is reported with its exit code.
/// </summary>
internal static class DumpReaderProcess
{
    public const string Verb = "memory-dump-reader";

    private const string HubKind = "hub";
    private const string TypesKind = "types";
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(5);

    /// <summary>Each dump split between the hub and the runtime (<see cref="DumpCensus"/>), in order.</summary>
    public static DumpCensus[] ReadHub(string[] dumps) => Read<DumpCensus[]>(HubKind, dumps);

    /// <summary>Each dump's live objects by type (<see cref="HeapCensus"/>), in order.</summary>
    public static HeapCensus[] ReadTypes(string[] dumps) => Read<HeapCensus[]>(TypesKind, dumps);

    /// <summary>In the reader process: reads the dumps named after the kind and writes their censuses as one JSON array.</summary>
    public static int Serve(string[] args)
    {
        string[] dumps = args[1..];
        Console.Out.Write(args[0] == HubKind
            ? JsonSerializer.Serialize(dumps.Select(DumpCensus.Read).ToArray())
            : JsonSerializer.Serialize(dumps.Select(HeapCensus.Read).ToArray()));
        return 0;
    }

    private static T Read<T>(string kind, string[] dumps)
    {
        for (int attempt = 1; ; attempt++)
        {
            using Process process = Process.Start(SelfProcess.StartInfo([Verb, kind, .. dumps]))
                ?? throw new InvalidOperationException("the dump reader did not start");
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(s_timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"reading {dumps.Length} heap dumps took over {s_timeout.TotalMinutes} minutes");
            }

            if (process.ExitCode == 0)
            {
                return JsonSerializer.Deserialize<T>(output.Result) ?? throw new InvalidOperationException("the dump reader wrote nothing");
            }

            string failure = $"reading {dumps.Length} heap dumps failed (exit code {process.ExitCode})";
            if (attempt == 2)
            {
                throw new InvalidOperationException(failure + " twice: " + errors.Result);
            }

            Console.Error.WriteLine(failure + "; reading them once more");
        }
    }
}
