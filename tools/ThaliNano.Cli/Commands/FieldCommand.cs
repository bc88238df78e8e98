using System.CommandLine;

namespace ThaliNano.Cli.Commands;

/// <summary><c>thalinano field</c>: makes and tends the simulated field site the other commands work on.</summary>
internal static class FieldCommand
{
    public static Command Create() =>
        new("field", "make and tend a simulated field site (sensors on the simulated BLE medium)")
        {
            FieldInitCommand.Create(),
            FieldLabelCommand.Create(),
            FieldButtonCommand.Create(),
        };
}
