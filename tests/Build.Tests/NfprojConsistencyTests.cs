namespace ThaliNano.Build.Tests;

public sealed class NfprojConsistencyTests : IDisposable
{
    private readonly NfprojFixture _fixture = new();

    [Fact]
    public void ConsistentProjectsPass()
    {
        Assert.Empty(_fixture.Check("Core"));
        Assert.Empty(_fixture.Check("App"));
    }

    [Fact]
    public void MissingNfprojIsReported()
    {
        _fixture.Delete("App/App.nfproj");

        Assert.Contains(_fixture.Check("App"), problem => problem.EndsWith("App.nfproj: missing", StringComparison.Ordinal));
    }

    [Fact]
    public void CompileItemsMustEqualTheBuildsSources()
    {
        _fixture.Edit("Core/Core.nfproj", @"Text\Codec.cs", @"Text\Other.cs");

        var problems = _fixture.Check("Core");
        Assert.Contains("Core.nfproj: Compile item Text/Codec.cs missing (the project compiles it)", problems);
        Assert.Contains("Core.nfproj: Compile item Text/Other.cs is not compiled by the project", problems);
    }

    [Fact]
    public void ProjectTypeAndImportsAreRequired()
    {
        _fixture.Edit("Core/Core.nfproj", "{11A8DD76-328B-46DF-9F39-F559912D0360};", "");
        _fixture.Edit("Core/Core.nfproj", "NFProjectSystem.CSharp.targets\"", "Other.targets\"");

        var problems = _fixture.Check("Core");
        Assert.Contains(problems, problem => problem.Contains("lacks the nanoFramework project type", StringComparison.Ordinal));
        Assert.Contains("Core.nfproj: no Import of $(NanoFrameworkProjectSystemPath)NFProjectSystem.CSharp.targets", problems);
    }

    [Fact]
    public void TheNanoFrameworkSymbolIsRequired()
    {
        _fixture.Edit("Core/Core.nfproj", ";NANOFRAMEWORK", "");

        Assert.Contains("Core.nfproj: DefineConstants lacks NANOFRAMEWORK, which every nanoFramework compilation here defines", _fixture.Check("Core"));
    }

    [Fact]
    public void PackageVersionsAndTargetFrameworkMustMatch()
    {
        _fixture.Edit("App/packages.config", "version=\"1.1.96\" targetFramework=\"netnano1.0\"", "version=\"1.1.95\" targetFramework=\"netnanoframework10\"");

        var problems = _fixture.Check("App");
        Assert.Contains("packages.config of App.nfproj: nanoFramework.System.IO.Streams is version 1.1.95, expected 1.1.96", problems);
        Assert.Contains("packages.config of App.nfproj: nanoFramework.System.IO.Streams has targetFramework 'netnanoframework10', expected netnano1.0", problems);
    }

    [Fact]
    public void ReferenceHintPathMustPointIntoThePackage()
    {
        _fixture.Edit("App/App.nfproj", @"nanoFramework.System.IO.Streams.1.1.96\lib", @"nanoFramework.System.IO.Streams.1.1.90\lib");

        Assert.Contains(_fixture.Check("App"), problem => problem.StartsWith("App.nfproj: Reference System.IO.Streams has HintPath", StringComparison.Ordinal));
    }

    [Fact]
    public void ReferencedDeviceProjectMustBeAProjectReference()
    {
        _fixture.Edit("App/App.nfproj", """<ProjectReference Include="..\Core\Core.nfproj" />""", "");

        var problems = _fixture.Check("App");
        Assert.Contains(problems, problem => problem.StartsWith("App.nfproj: no ProjectReference to ", StringComparison.Ordinal) && problem.EndsWith("Core.nfproj", StringComparison.Ordinal));
        Assert.Contains("App.nfproj: App.dll references assembly Core, which neither a Reference nor a ProjectReference provides", problems);
    }

    [Fact]
    public void EveryAssemblyReferenceMustBeProvided()
    {
        _fixture.Edit("App/App.nfproj", "<Reference Include=\"System.IO.Streams,", "<Reference Include=\"System.IO.Other,");

        var problems = _fixture.Check("App");
        Assert.Contains("App.nfproj: no Reference to System.IO.Streams (package nanoFramework.System.IO.Streams)", problems);
        Assert.Contains("App.nfproj: Reference System.IO.Other is not a package of the project (NanoPackage items and their dependencies)", problems);
        Assert.Contains("App.nfproj: App.dll references assembly System.IO.Streams, which neither a Reference nor a ProjectReference provides", problems);
    }

    [Fact]
    public void PackagesTheUsedPackagesDependOnMustBeRestoredAndReferencedToo()
    {
        _fixture.Edit("artifacts/nano/nanoFramework.System.IO.Streams.manifest", "version 1.1.96",
            "version 1.1.96\nruntime-dependency nanoFramework.Runtime.Events 1.11.32 nanoFramework.Runtime.Events");

        var problems = _fixture.Check("App");
        Assert.Contains("packages.config of App.nfproj: no package nanoFramework.Runtime.Events", problems);
        Assert.Contains("App.nfproj: no Reference to nanoFramework.Runtime.Events (package nanoFramework.Runtime.Events)", problems);
        Assert.Empty(_fixture.Check("Core"));
    }

    public void Dispose() => _fixture.Dispose();
}
