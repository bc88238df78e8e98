using System.CommandLine;
using ThaliNano.Boards.Host;

namespace ThaliNano.Cli.Commands;

/// <summary>
/// <c>thalinano hub ...</c>: runs the host board's hub (boards/host) with the board's own options, passed through
/// unchanged after <c>--</c> (<c>thalinano hub -- --help</c> lists them): one parser, so the two front ends cannot drift apart.
/// </summary>
internal static class HubCommand
{
    public static Command Create()
    {
        var command = new Command("hub", "run a virtual device hub (the host board) on this PC; the board's options follow '--' (thalinano hub -- --help lists them)")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(parseResult => HostBoard.Run([.. parseResult.UnmatchedTokens]));
        return command;
    }
}
