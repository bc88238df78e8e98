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
/// after its package id, records the upstream version it mirrors (NanoPackageVersion), builds the upstream dll name and
/// lists the upstream package's dependencies (NanoPackage items it compiles against, NanoRuntimeDependency items it does
/// not); CoreLibrary's version is that of the restored package whose mscorlib.dll the compilations used.
/// </summary>
internal sealed class NanoPackages
{
    private readonly Dictionary<string, NanoPackage> _byId;
    private readonly Dictionary<string, IReadOnlyList<string>> _dependencies;

    private NanoPackages(NanoPackage coreLibrary, IReadOnlyList<NanoManifest> declarations)
    {
        CoreLibrary = coreLibrary;
        _byId = declarations.Select(Declared)
            .Concat(declarations.SelectMany(manifest => manifest.RuntimeDependencies ?? [])
                .Select(dependency => new NanoPackage(dependency.Id, dependency.Version, dependency.Assembly)))
            .DistinctBy(package => package.Id)
            .ToDictionary(package => package.Id, StringComparer.Ordinal);
        _dependencies = declarations.ToDictionary(
            manifest => PackageId(manifest),
            manifest => (IReadOnlyList<string>)[.. manifest.Packages, .. (manifest.RuntimeDependencies ?? []).Select(d => d.Id)],
            StringComparer.Ordinal);
    }

    public NanoPackage CoreLibrary { get; }

    public static NanoPackages From(IReadOnlyList<NanoManifest> manifests)
    {
        // The package folder layout is <id>/<version>/lib/mscorlib.dll.
        var mscorlib = manifests.Select(manifest => manifest.Mscorlib).Distinct().Single();
        var coreLibraryVersion = Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(mscorlib)))!;
        var declarations = manifests.Where(manifest => manifest.Kind == NanoKind.Declarations).ToList();
        return new NanoPackages(new NanoPackage("nanoFramework.CoreLibrary", coreLibraryVersion, "mscorlib"), declarations);
    }

    public NanoPackage? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>
    /// What a restore of these packages installs: CoreLibrary, the packages and everything they depend on, transitively
    /// (a packages.config lists all of them, and Visual Studio references each one's assembly).
    /// </summary>
    public IReadOnlyList<NanoPackage> Closure(IEnumerable<string> ids, string requiredBy)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(ids);
        var closure = new List<NanoPackage> { CoreLibrary };
        while (pending.Count > 0)
        {
            var id = pending.Pop();
            if (!seen.Add(id))
            {
                continue;
            }

            closure.Add(Find(id) ?? throw new InvalidOperationException($"{requiredBy}: package {id} has no declarations project"));
            foreach (var dependency in _dependencies.GetValueOrDefault(id) ?? [])
            {
                pending.Push(dependency);
            }
        }

        return closure;
    }

    private static string PackageId(NanoManifest declarations) => Path.GetFileNameWithoutExtension(declarations.Project);

    private static NanoPackage Declared(NanoManifest manifest) => new(
        PackageId(manifest),
        manifest.PackageVersion ?? throw new InvalidDataException($"{manifest.Path}: a declarations manifest needs a version line"),
        Path.GetFileNameWithoutExtension(manifest.Assembly));
}
