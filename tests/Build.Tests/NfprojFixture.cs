using NanoLint.Manifests;
using ThaliNano.Tests.Shared;

namespace ThaliNano.Build.Tests;

/// <summary>
/// A throw-away tree of two consistent device projects: Core (Dual, sources in a subfolder) and App (DeviceOnly,
/// references Core and the System.IO.Streams package), with manifests, compiled nano dlls, .nfproj and packages.config.
/// </summary>
internal sealed class NfprojFixture : IDisposable
{
    public NfprojFixture()
    {
        Root = Directory.CreateTempSubdirectory("nfproj-fixture-").FullName;

        var core = NanoCompiler.Compile("Core", "namespace Core { public class Clock { public int Now; } }");
        var streams = NanoCompiler.Compile("System.IO.Streams", "namespace System.IO { public class Stream { } }");
        var app = NanoCompiler.Compile(
            "App",
            "namespace App { public class Program { public Core.Clock Clock; public System.IO.Stream Output; } }",
            Microsoft.CodeAnalysis.MetadataReference.CreateFromImage(core),
            Microsoft.CodeAnalysis.MetadataReference.CreateFromImage(streams));

        Write("Core/Core.csproj", """<Project Sdk="Microsoft.NET.Sdk" />""");
        Write("Core/bin/nano/Core.dll", core);
        WriteManifest("Core", NanoKind.Dual, ["Clock.cs", "Text/Codec.cs"], []);
        Write("Core/Core.nfproj", NfprojText("Core", ["Clock.cs", @"Text\Codec.cs"], "", ""));
        Write("Core/packages.config", PackagesConfigText(""));

        Write("App/App.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <NanoPackage Include="nanoFramework.System.IO.Streams" />
                <ProjectReference Include="../Core/Core.csproj" />
              </ItemGroup>
            </Project>
            """);
        Write("App/bin/nano/App.dll", app);
        WriteManifest("App", NanoKind.DeviceOnly, ["Program.cs"], ["nanoFramework.System.IO.Streams"]);
        Write("App/App.nfproj", NfprojText(
            "App",
            ["Program.cs"],
            """
                <Reference Include="System.IO.Streams, Version=1.1.96.0, Culture=neutral, PublicKeyToken=c07d481e9758c731">
                  <HintPath>..\packages\nanoFramework.System.IO.Streams.1.1.96\lib\System.IO.Streams.dll</HintPath>
                </Reference>
            """,
            """<ProjectReference Include="..\Core\Core.nfproj" />"""));
        WriteManifest("nanoFramework.System.IO.Streams", NanoKind.Declarations, [], [], assembly: "System.IO.Streams", version: "1.1.96");
        Write("App/packages.config", PackagesConfigText("""<package id="nanoFramework.System.IO.Streams" version="1.1.96" targetFramework="netnano1.0" />"""));
    }

    public string Root { get; }

    /// <summary>The inconsistencies of one project ("Core" or "App").</summary>
    public IReadOnlyList<string> Check(string project)
    {
        var manifests = NanoManifest.ReadFolder(Path.Combine(Root, "artifacts", "nano"));
        return NfprojConsistency.Check(manifests.Single(manifest => Path.GetFileNameWithoutExtension(manifest.Path) == project), manifests);
    }

    public void Edit(string relativePath, string oldText, string newText)
    {
        var path = Path.Combine(Root, relativePath);
        var text = File.ReadAllText(path);
        Assert.Contains(oldText, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(oldText, newText, StringComparison.Ordinal));
    }

    public void Delete(string relativePath) => File.Delete(Path.Combine(Root, relativePath));

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static string NfprojText(string name, string[] compile, string references, string projectReferences) => $$"""
        <?xml version="1.0" encoding="utf-8"?>
        <Project ToolsVersion="Current" DefaultTargets="Build" xmlns="http://schemas.microsoft.com/developer/msbuild/2003">
          <PropertyGroup Label="Globals">
            <NanoFrameworkProjectSystemPath>$(MSBuildExtensionsPath)\nanoFramework\v1.0\</NanoFrameworkProjectSystemPath>
          </PropertyGroup>
          <Import Project="$(NanoFrameworkProjectSystemPath)NFProjectSystem.Default.props" Condition="Exists('$(NanoFrameworkProjectSystemPath)NFProjectSystem.Default.props')" />
          <PropertyGroup>
            <ProjectTypeGuids>{11A8DD76-328B-46DF-9F39-F559912D0360};{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}</ProjectTypeGuids>
            <OutputType>Library</OutputType>
            <AssemblyName>{{name}}</AssemblyName>
            <TargetFrameworkVersion>v1.0</TargetFrameworkVersion>
            <DefineConstants>$(DefineConstants);NANOFRAMEWORK</DefineConstants>
          </PropertyGroup>
          <Import Project="$(NanoFrameworkProjectSystemPath)NFProjectSystem.props" Condition="Exists('$(NanoFrameworkProjectSystemPath)NFProjectSystem.props')" />
          <ItemGroup>
            {{string.Join("\n    ", compile.Select(path => $"<Compile Include=\"{path}\" />"))}}
          </ItemGroup>
          <ItemGroup>
            <Reference Include="mscorlib, Version=1.17.11.0, Culture=neutral, PublicKeyToken=c07d481e9758c731">
              <HintPath>..\packages\nanoFramework.CoreLibrary.1.17.11\lib\mscorlib.dll</HintPath>
            </Reference>
        {{references}}
          </ItemGroup>
          <ItemGroup>
            {{projectReferences}}
          </ItemGroup>
          <Import Project="$(NanoFrameworkProjectSystemPath)NFProjectSystem.CSharp.targets" Condition="Exists('$(NanoFrameworkProjectSystemPath)NFProjectSystem.CSharp.targets')" />
        </Project>
        """;

    private static string PackagesConfigText(string packages) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <packages>
          <package id="nanoFramework.CoreLibrary" version="1.17.11" targetFramework="netnano1.0" />
          {packages}
        </packages>
        """;

    private void WriteManifest(string project, NanoKind kind, string[] compile, string[] packages, string? assembly = null, string? version = null) =>
        Write($"artifacts/nano/{project}.manifest", string.Join("\n", new[]
        {
            $"kind {kind}",
            $"project {Path.Combine(Root, project, project + ".csproj")}",
            $"assembly {Path.Combine(Root, project, "bin", "nano", (assembly ?? project) + ".dll")}",
            $"mscorlib {RepositoryRoot.NanoMscorlib}",
        }.Concat(version is null ? [] : ["version " + version])
            .Concat(compile.Select(path => "compile " + path)).Concat(packages.Select(id => "package " + id))));

    private void Write(string relativePath, string text) => Write(relativePath, System.Text.Encoding.UTF8.GetBytes(text));

    private void Write(string relativePath, IEnumerable<byte> bytes)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, [.. bytes]);
    }
}
