using System.Diagnostics;
using System.Text.Json;

namespace ThaliNano.Benchmarks.Memory;

/// <summary>
/// Reads heap dumps in a separate process: this program re-launched as <see cref="Verb"/>, which writes one JSON line
/// per dump as it goes. ClrMD runs the runtime's native DAC inside the reading process, and some dumps (about one run in
/// ten has one) crash it with a segmentation fault, every time: that dump is left out (and said so on stderr) and a new
/// reader goes on with the rest.
/// </summary>
internal static class DumpReaderProcess
{
    public const string Verb = "memory-dump-reader";

    private const string HubKind = "hub";
    private const string TypesKind = "types";
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(5);

    /// <summary>Each dump split between the hub and the runtime (<see cref="DumpCensus"/>), in order; null for a dump left out.</summary>
    public static DumpCensus?[] ReadHub(string[] dumps) => Read<DumpCensus>(HubKind, dumps);

    /// <summary>Each dump's live objects by type (<see cref="HeapCensus"/>), in order; null for a dump left out.</summary>
    public static HeapCensus?[] ReadTypes(string[] dumps) => Read<HeapCensus>(TypesKind, dumps);

    /// <summary>In the reader process: reads the dumps named after the kind and writes each one's census as a JSON line.</summary>
    public static int Serve(string[] args)
    {
        foreach (string dump in args[1..])
        {
            Console.Out.WriteLine(args[0] == HubKind ? JsonSerializer.Serialize(DumpCensus.Read(dump)) : JsonSerializer.Serialize(HeapCensus.Read(dump)));
            Console.Out.Flush();
        }

        return 0;
    }

    private static T?[] Read<T>(string kind, string[] dumps)
        where T : class
    {
        var read = new T?[dumps.Length];
        int next = 0;
        while (next < dumps.Length)
        {
            using Process process = Process.Start(SelfProcess.StartInfo([Verb, kind, .. dumps[next..]]))
                ?? throw new InvalidOperationException("the dump reader did not start");
            Task<string> errors = process.StandardError.ReadToEndAsync();
            while (process.StandardOutput.ReadLine() is { } line)
            {
                read[next++] = JsonSerializer.Deserialize<T>(line);
            }

            if (!process.WaitForExit(s_timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"reading heap dumps took over {s_timeout.TotalMinutes} minutes");
            }

            if (process.ExitCode != 0)
            {
                Console.Error.WriteLine($"the dump reader died (exit code {process.ExitCode}) on {Path.GetFileName(dumps[next])}, which is left out: "
                    + errors.Result.Split('\n')[0]);
                next++;
            }
        }

        return read;
    }
}
