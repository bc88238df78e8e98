using NanoLint.Manifests;
using ThaliNano.Tests.Shared;

namespace ThaliNano.Build.Tests;

/// <summary>
/// Every device project of the repository (manifests of kind Dual or DeviceOnly in artifacts/nano, which
/// tools/test.sh builds before testing) has a .nfproj and packages.config that match its build.
/// </summary>
public class NfprojTests
{
    private static IReadOnlyList<NanoManifest> Manifests => NanoManifest.ReadFolder(RepositoryRoot.NanoArtifacts);

    public static TheoryData<string> DeviceManifests() =>
        [.. Manifests.Where(manifest => manifest.IsDevice).Select(manifest => Path.GetFileName(manifest.Path))];

    [Fact]
    public void DeviceManifestsExist() =>
        Assert.True(
            Manifests.Any(manifest => manifest.IsDevice),
            $"no device manifest in {RepositoryRoot.NanoArtifacts}: build the solution first (tools/test.sh does)");

    [Theory]
    [MemberData(nameof(DeviceManifests))]
    public void NfprojMatchesTheBuild(string manifestFile)
    {
        var manifests = Manifests;
        var problems = NfprojConsistency.Check(manifests.Single(manifest => Path.GetFileName(manifest.Path) == manifestFile), manifests);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
