using System.Reflection;

namespace ThaliNano.Tests.Shared;

/// <summary>The repository's paths, found by walking up from the test assembly to ThaliNano.sln.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    /// <summary>mscorlib.dll of nanoFramework.CoreLibrary, as restored for the test project (see its csproj).</summary>
    public static string NanoMscorlib { get; } = typeof(RepositoryRoot).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "NanoMscorlib")
        .Value!;

    public static string NanoArtifacts => System.IO.Path.Combine(Path, "artifacts", "nano");

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "ThaliNano.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no ThaliNano.sln above {AppContext.BaseDirectory}");
    }
}
