using System.CommandLine;
using System.Text.Json;
using Spectre.Console;

namespace ThaliNano.Cli;

/// <summary>
/// Where a command writes: its results to the invocation's output (plain text, Spectre.Console tables, or JSON with
/// <c>--json</c>), its reasons for failing to the invocation's error writer. Tests pass their own writers.
/// </summary>
internal sealed class CliOutput
{
    private const int UnboundedWidth = 240;

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public CliOutput(TextWriter output, TextWriter error)
    {
        Out = output;
        Error = error;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = output == System.Console.Out ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = output == System.Console.Out ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (output != System.Console.Out || System.Console.IsOutputRedirected)
        {
            // Not a terminal: no width to fit, and a table should not wrap ids and paths.
            Console.Profile.Width = UnboundedWidth;
        }
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>For tables and markup (escape any text that is not markup with <see cref="Markup.Escape"/>).</summary>
    public IAnsiConsole Console { get; }

    public static CliOutput Of(ParseResult parseResult) =>
        new(parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error);

    /// <summary>One JSON document (camelCase names, indented) and a newline.</summary>
    public void WriteJson<T>(T value) => Out.WriteLine(JsonSerializer.Serialize(value, s_json));
}
