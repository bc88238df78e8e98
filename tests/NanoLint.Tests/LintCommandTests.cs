using NanoLint.Linting;

namespace NanoLint.Tests;

public sealed class LintCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("nanolint-manifests-").FullName;

    [Fact]
    public void FolderWithoutDeviceAssemblyFails()
    {
        File.WriteAllLines(Path.Combine(_folder, "Decl.manifest"), ["kind Declarations", "project Decl.csproj", "assembly Decl.dll", "mscorlib mscorlib.dll"]);
        using var output = new StringWriter();

        Assert.Equal(1, LintCommand.Run(_folder, output));
        Assert.Contains("no device assembly", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFolderFails()
    {
        using var output = new StringWriter();

        Assert.Equal(1, LintCommand.Run(Path.Combine(_folder, "absent"), output));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
