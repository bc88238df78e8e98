namespace ThaliNano.Cli;

/// <summary>What every command exits with (README.md, "Exit codes").</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Refused or failed: one line on standard error says why.</summary>
    public const int Failed = 1;

    /// <summary>The command line itself is wrong: unknown or missing options, bad values.</summary>
    public const int Usage = 2;
}
