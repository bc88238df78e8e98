using NanoLint.Manifests;

namespace ThaliNano.Build.Tests;

/// <summary>A nanoFramework NuGet package as a .nfproj references it.</summary>
internal sealed record NanoPackage(string Id, string Version, string AssemblyName)
{
    /// <summary>The HintPath tail of its Reference: packages\&lt;id&gt;.&lt;version&gt;\lib\&lt;assembly&gt;.dll.</summary>
    public string HintPathSuffix => $@"packages\{Id}.{Version}\lib\{AssemblyName}.dll";
}

/// <summary>
/// The nanoFramework packages device projects may use, read from the build itself: each declaration project is named
/// after its package id, records the upstream version it mirrors (NanoPackageVersion) and builds the upstream dll name;
/// CoreLibrary's version is that of the restored package whose mscorlib.dll the compilations used.
/// </summary>
internal sealed class NanoPackages
{
    private readonly Dictionary<string, NanoPackage> _byId;

    private NanoPackages(NanoPackage coreLibrary, IEnumerable<NanoPackage> declared)
    {
        CoreLibrary = coreLibrary;
        _byId = declared.ToDictionary(package => package.Id, StringComparer.Ordinal);
    }

    public NanoPackage CoreLibrary { get; }

    public static NanoPackages From(IReadOnlyList<NanoManifest> manifests)
    {
        // The package folder layout is <id>/<version>/lib/mscorlib.dll.
        var mscorlib = manifests.Select(manifest => manifest.Mscorlib).Distinct().Single();
        var coreLibraryVersion = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(mscorlib)))!;
        var declared = manifests.Where(manifest => manifest.Kind == NanoKind.Declarations).Select(manifest => new NanoPackage(
            Path.GetFileNameWithoutExtension(manifest.Project),
            manifest.PackageVersion ?? throw new InvalidDataException($"{manifest.Path}: a declarations manifest needs a version line"),
            Path.GetFileNameWithoutExtension(manifest.Assembly)));
        return new NanoPackages(new NanoPackage("nanoFramework.CoreLibrary", coreLibraryVersion, "mscorlib"), declared);
    }

    public NanoPackage? Find(string id) => _byId.GetValueOrDefault(id);
}
