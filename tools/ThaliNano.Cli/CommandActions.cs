using System.CommandLine;

namespace ThaliNano.Cli;

internal static class CommandActions
{
    /// <summary>
    /// Sets the command's action: it runs with the invocation's output, and a <see cref="CommandFailedException"/>
    /// (or a file system error) becomes "error: reason" on standard error and exit code 1.
    /// </summary>
    public static void SetAction(this Command command, Func<ParseResult, CliOutput, int> action) =>
        command.SetAction(parseResult =>
        {
            CliOutput output = CliOutput.Of(parseResult);
            try
            {
                return action(parseResult, output);
            }
            catch (Exception e) when (e is CommandFailedException or IOException or UnauthorizedAccessException)
            {
                output.Error.WriteLine("error: " + e.Message);
                return ExitCodes.Failed;
            }
        });
}
