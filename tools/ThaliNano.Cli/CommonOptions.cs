using System.CommandLine;

namespace ThaliNano.Cli;

/// <summary>The options several commands share, made the same way everywhere (a fresh instance per command).</summary>
internal static class CommonOptions
{
    public static Option<DirectoryInfo> Site() => new("--site")
    {
        HelpName = "DIR",
        Description = "the simulated field site's folder (made by 'thalinano field init')",
        Required = true,
    };

    public static Option<bool> Json() => new("--json")
    {
        Description = "print the result as JSON instead of text",
    };

    public static Option<double> Seconds(double defaultSeconds, string what) => new("--seconds")
    {
        HelpName = "S",
        Description = what + " (virtual time on the simulated medium)",
        DefaultValueFactory = _ => defaultSeconds,
        Validators =
        {
            result =>
            {
                double value = result.GetValueOrDefault<double>();
                if (!(value > 0 && value <= 3600))
                {
                    result.AddError("--seconds is more than 0 and at most 3600");
                }
            },
        },
    };
}
