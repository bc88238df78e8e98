using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using NanoLint.Manifests;

namespace ThaliNano.Build.Tests;

/// <summary>
/// Checks that a device project's .nfproj and packages.config, which Visual Studio's nanoFramework extension builds,
/// describe the same compilation as its nanoFramework-mode build here (its manifest in artifacts/nano).
/// </summary>
internal static class NfprojConsistency
{
    private const string NanoSymbol = "NANOFRAMEWORK";

    private static readonly string[] s_projectSystemImports =
        ["NFProjectSystem.Default.props", "NFProjectSystem.props", "NFProjectSystem.CSharp.targets"];

    /// <returns>One line per inconsistency; empty when the .nfproj matches.</returns>
    public static IReadOnlyList<string> Check(NanoManifest manifest, IReadOnlyList<NanoManifest> allManifests)
    {
        var projectFolder = Path.GetDirectoryName(manifest.Project)!;
        var nfprojPath = Path.ChangeExtension(manifest.Project, ".nfproj");
        var packagesConfigPath = Path.Combine(projectFolder, "packages.config");
        var missing = new[] { nfprojPath, packagesConfigPath }.Where(path => !File.Exists(path)).ToList();
        if (missing.Count > 0)
        {
            return [.. missing.Select(path => $"{path}: missing")];
        }

        var nfproj = Nfproj.Load(nfprojPath);
        var known = NanoPackages.From(allManifests);
        var packages = known.Closure(manifest.Packages, manifest.Path);
        var referencedDevices = DeviceProjectReferences(manifest, allManifests);
        var name = Path.GetFileName(nfprojPath);

        return
        [
            .. ProjectSystem(manifest, nfproj).Select(problem => $"{name}: {problem}"),
            .. Compile(manifest, nfproj).Select(problem => $"{name}: {problem}"),
            .. References(nfproj, packages).Select(problem => $"{name}: {problem}"),
            .. PackagesConfig(packagesConfigPath, packages).Select(problem => $"packages.config of {name}: {problem}"),
            .. ProjectReferences(nfproj, referencedDevices).Select(problem => $"{name}: {problem}"),
            .. AssemblyReferences(manifest, nfproj, allManifests).Select(problem => $"{name}: {problem}"),
        ];
    }

    private static IEnumerable<string> ProjectSystem(NanoManifest manifest, Nfproj nfproj)
    {
        var assemblyName = Path.GetFileNameWithoutExtension(manifest.Assembly);
        if (nfproj.AssemblyName != assemblyName)
        {
            yield return $"AssemblyName is '{nfproj.AssemblyName}', expected {assemblyName}";
        }

        if (!nfproj.ProjectTypeGuids.Contains(Nfproj.ProjectTypeGuid, StringComparison.OrdinalIgnoreCase))
        {
            yield return $"ProjectTypeGuids lacks the nanoFramework project type {Nfproj.ProjectTypeGuid}";
        }

        if (!nfproj.DefineConstants.Split(';').Contains(NanoSymbol, StringComparer.Ordinal))
        {
            yield return $"DefineConstants lacks {NanoSymbol}, which every nanoFramework compilation here defines";
        }

        foreach (var import in s_projectSystemImports.Where(file => !nfproj.Imports.Contains("$(NanoFrameworkProjectSystemPath)" + file)))
        {
            yield return $"no Import of $(NanoFrameworkProjectSystemPath){import}";
        }
    }

    private static IEnumerable<string> Compile(NanoManifest manifest, Nfproj nfproj)
    {
        var expected = manifest.Compile.Select(Nfproj.NormalizeSeparators).ToHashSet(StringComparer.Ordinal);
        var actual = nfproj.Compile.Select(Nfproj.NormalizeSeparators).ToHashSet(StringComparer.Ordinal);
        return expected.Except(actual).Order(StringComparer.Ordinal).Select(path => $"Compile item {path} missing (the project compiles it)")
            .Concat(actual.Except(expected).Order(StringComparer.Ordinal).Select(path => $"Compile item {path} is not compiled by the project"));
    }

    private static IEnumerable<string> References(Nfproj nfproj, IReadOnlyList<NanoPackage> packages)
    {
        foreach (var package in packages)
        {
            var reference = nfproj.References.FirstOrDefault(r => r.Name == package.AssemblyName);
            if (reference is null)
            {
                yield return $"no Reference to {package.AssemblyName} (package {package.Id})";
            }
            else if (!reference.HintPath.EndsWith(package.HintPathSuffix, StringComparison.Ordinal))
            {
                yield return $"Reference {package.AssemblyName} has HintPath {reference.HintPath}, expected ...{package.HintPathSuffix}";
            }
        }

        foreach (var reference in nfproj.References.Where(r => packages.All(package => package.AssemblyName != r.Name)))
        {
            yield return $"Reference {reference.Name} is not a package of the project (NanoPackage items and their dependencies)";
        }
    }

    private static IEnumerable<string> PackagesConfig(string path, IReadOnlyList<NanoPackage> packages)
    {
        var entries = PackagesConfigEntry.Load(path);
        foreach (var package in packages)
        {
            var entry = entries.FirstOrDefault(e => e.Id == package.Id);
            if (entry is null)
            {
                yield return $"no package {package.Id}";
            }
            else if (entry.Version != package.Version)
            {
                yield return $"{package.Id} is version {entry.Version}, expected {package.Version}";
            }
        }

        foreach (var entry in entries.Where(e => packages.All(package => package.Id != e.Id)))
        {
            yield return $"package {entry.Id} is not a package of the project (NanoPackage items and their dependencies)";
        }

        foreach (var entry in entries.Where(e => e.TargetFramework != PackagesConfigEntry.NanoTargetFramework))
        {
            yield return $"{entry.Id} has targetFramework '{entry.TargetFramework}', expected {PackagesConfigEntry.NanoTargetFramework}";
        }
    }

    private static IEnumerable<string> ProjectReferences(Nfproj nfproj, IReadOnlyList<NanoManifest> referencedDevices)
    {
        var expected = referencedDevices.Select(device => Path.ChangeExtension(device.Project, ".nfproj")).ToHashSet(StringComparer.Ordinal);
        var actual = nfproj.ProjectReferences.ToHashSet(StringComparer.Ordinal);
        return expected.Except(actual).Select(path => $"no ProjectReference to {path}")
            .Concat(actual.Except(expected).Select(path => $"ProjectReference to {path}, which the project does not reference"));
    }

    private static IEnumerable<string> AssemblyReferences(NanoManifest manifest, Nfproj nfproj, IReadOnlyList<NanoManifest> allManifests)
    {
        var provided = allManifests
            .Where(other => nfproj.ProjectReferences.Contains(Path.ChangeExtension(other.Project, ".nfproj")))
            .Select(other => Path.GetFileNameWithoutExtension(other.Assembly))
            .Concat(nfproj.References.Select(reference => reference.Name))
            .ToHashSet(StringComparer.Ordinal);
        using var peReader = new PEReader(File.OpenRead(manifest.Assembly));
        var reader = peReader.GetMetadataReader();
        // Materialized here: the reader's memory goes away with peReader when this method returns.
        return reader.AssemblyReferences
            .Select(handle => reader.GetString(reader.GetAssemblyReference(handle).Name))
            .Where(assembly => !provided.Contains(assembly))
            .Select(assembly => $"{Path.GetFileName(manifest.Assembly)} references assembly {assembly}, which neither a Reference nor a ProjectReference provides")
            .ToList();
    }

    /// <summary>The device projects (those with a manifest) that the project's .csproj references.</summary>
    private static IReadOnlyList<NanoManifest> DeviceProjectReferences(NanoManifest manifest, IReadOnlyList<NanoManifest> allManifests)
    {
        var folder = Path.GetDirectoryName(manifest.Project)!;
        var referenced = XDocument.Load(manifest.Project).Descendants("ProjectReference")
            .Select(reference => Nfproj.FullPath(folder, (string?)reference.Attribute("Include") ?? ""))
            .ToHashSet(StringComparer.Ordinal);
        return [.. allManifests.Where(other => other.IsDevice && referenced.Contains(Path.GetFullPath(other.Project)))];
    }
}
