using NanoLint.Linting;
using ThaliNano.Tests.Shared;

namespace NanoLint.Tests;

/// <summary>
/// The whole gate on a throw-away Dual project wired to the repository's build files: the nanoFramework
/// type-check fails on APIs mscorlib lacks, and NanoLint fails what compiles but cannot run.
/// </summary>
public sealed class BuildGateTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "nanolint-gate-" + Guid.NewGuid().ToString("N"));

    public BuildGateTests()
    {
        var root = RepositoryRoot.Path;
        Directory.CreateDirectory(Path.Combine(_folder, "Lib"));
        Write("Directory.Build.props", $"""
            <Project>
              <PropertyGroup>
                <NanoKind>Dual</NanoKind>
              </PropertyGroup>
              <Import Project="{root}/Directory.Build.props" />
              <PropertyGroup>
                <!-- Manifests go to this folder's artifacts/nano, not the repository's. -->
                <RepoRoot>$(MSBuildThisFileDirectory)</RepoRoot>
              </PropertyGroup>
            </Project>
            """);
        Write("Directory.Build.targets", $"""<Project><Import Project="{root}/Directory.Build.targets" /></Project>""");
        Write("Directory.Packages.props", $"""<Project><Import Project="{root}/Directory.Packages.props" /></Project>""");
        Write("Lib/Lib.csproj", """<Project Sdk="Microsoft.NET.Sdk" />""");
    }

    private string Project => Path.Combine(_folder, "Lib", "Lib.csproj");

    [Fact]
    public void GenericClassCompilesButFailsTheLint()
    {
        Write("Lib/Box.cs", "namespace Lib { public class Box<T> { public T Value; } }");

        var build = DotnetBuild.Run(Project);
        Assert.True(build.ExitCode == 0, build.Output);

        using var output = new StringWriter();
        var exitCode = LintCommand.Run(Path.Combine(_folder, "artifacts", "nano"), output);
        Assert.Equal(1, exitCode);
        Assert.Contains("Lib: Lib.Box`1: generic-definition:", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ApiMissingFromMscorlibFailsTheNanoTypeCheck()
    {
        Write("Lib/Numbers.cs", "namespace Lib { public class Numbers { public System.Collections.Generic.List<int> Values; } }");

        var build = DotnetBuild.Run(Project);
        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("error CS0234", build.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_folder, "Lib", "bin", "Release", "net10.0", "Lib.dll")), "the net10.0 build compiles");
        Assert.False(File.Exists(Path.Combine(_folder, "Lib", "bin", "nano", "Release", "net10.0", "Lib.dll")), "the nanoFramework build does not");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void Write(string relativePath, string content) => File.WriteAllText(Path.Combine(_folder, relativePath), content);
}
