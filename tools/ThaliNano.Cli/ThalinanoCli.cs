using System.CommandLine;
using System.CommandLine.Invocation;
using ThaliNano.Cli.Commands;

namespace ThaliNano.Cli;

/// <summary>The <c>thalinano</c> command tree, and the one place that maps a parse to an exit code.</summary>
public static class ThalinanoCli
{
    public static RootCommand Create() =>
        new("thalinano: the ThaliNano tool: field discovery and pairing, the store-and-forward mesh (carrier, gateway), the field simulator")
        {
            HubCommand.Create(),
            StatusCommand.Create(),
            FieldCommand.Create(),
            DiscoverCommand.Create(),
            PairCommand.Create(),
            CarrierCommand.Create(),
            GatewayCommand.Create(),
            ProvisionCommand.Create(),
            FlashCommand.Create(),
            SimCommand.Create(),
        };

    /// <summary>Parses and runs <paramref name="args"/>; returns the exit code (README.md, "Exit codes").</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ParseResult parseResult = Create().Parse(args);
        if (parseResult.Action is ParseErrorAction)
        {
            foreach (System.CommandLine.Parsing.ParseError e in parseResult.Errors)
            {
                error.WriteLine("error: " + e.Message);
            }

            error.WriteLine("see '" + string.Join(' ', ["thalinano", .. CommandPath(parseResult)]) + " --help'");
            return ExitCodes.Usage;
        }

        return parseResult.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }

    private static IEnumerable<string> CommandPath(ParseResult parseResult)
    {
        var names = new Stack<string>();
        for (var result = parseResult.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
        {
            names.Push(result.Command.Name);
        }

        return names;
    }
}
