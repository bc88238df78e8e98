namespace ThaliNano.Cli.Tests;

/// <summary>One in-process run of the CLI: its exit code and what it wrote to standard output and error.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static CliRun Of(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = ThalinanoCli.Run(args, output, error);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    /// <summary>The run, which must have succeeded.</summary>
    public CliRun Ok()
    {
        Assert.True(ExitCode == 0, "exit " + ExitCode + ": " + Error);
        return this;
    }
}
