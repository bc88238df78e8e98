using NanoLint.Manifests;
using NanoLint.Metadata;

namespace NanoLint.Linting;

/// <summary>
/// Lints the nanoFramework-mode assembly of every device manifest in a folder against mscorlib, the package
/// declarations and the other device assemblies; prints one line per finding and a summary.
/// </summary>
public static class LintCommand
{
    /// <returns>0 when every device assembly is clean; 1 on findings or when there is nothing to check.</returns>
    public static int Run(string manifestFolder, TextWriter output)
    {
        var manifests = NanoManifest.ReadFolder(manifestFolder);
        var devices = manifests.Where(manifest => manifest.IsDevice).ToList();
        if (devices.Count == 0)
        {
            output.WriteLine($"NanoLint: no device assembly in {manifestFolder} ({manifests.Count} manifests): nothing checked");
            return 1;
        }

        var images = manifests
            .Select(manifest => manifest.Mscorlib)
            .Concat(manifests.Select(manifest => manifest.Assembly))
            .Select(Path.GetFullPath)
            .Distinct(StringComparer.Ordinal)
            .ToDictionary(path => path, AssemblyImage.FromFile);
        try
        {
            var universe = new TypeUniverse(images.Values);
            var results = devices.Select(manifest => NanoLinter.Lint(images[Path.GetFullPath(manifest.Assembly)], universe)).ToList();
            var findings = results.SelectMany(result => result.Findings).ToList();
            foreach (var finding in findings)
            {
                output.WriteLine(finding);
            }

            output.WriteLine(
                $"NanoLint: {results.Count} assemblies, {results.Sum(r => r.TypeCount)} types, " +
                $"{results.Sum(r => r.MethodCount)} methods checked, {findings.Count} findings");
            return findings.Count == 0 ? 0 : 1;
        }
        finally
        {
            foreach (var image in images.Values)
            {
                image.Dispose();
            }
        }
    }
}
