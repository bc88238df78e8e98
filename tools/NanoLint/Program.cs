using NanoLint.Linting;
using NanoLint.Manifests;
using NanoLint.Metadata;

// NanoLint <manifest folder>: lints the nanoFramework-mode assembly of every device manifest in the folder.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: NanoLint <folder of *.manifest files, e.g. artifacts/nano>");
    return 2;
}

var manifests = NanoManifest.ReadFolder(args[0]);
var devices = manifests.Where(manifest => manifest.IsDevice).ToList();
if (devices.Count == 0)
{
    Console.Error.WriteLine($"NanoLint: no device assembly in {args[0]} ({manifests.Count} manifests): nothing checked");
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
        Console.WriteLine(finding);
    }

    Console.WriteLine(
        $"NanoLint: {results.Count} assemblies, {results.Sum(r => r.TypeCount)} types, {results.Sum(r => r.MethodCount)} methods checked, " +
        $"{findings.Count} findings");
    return findings.Count == 0 ? 0 : 1;
}
finally
{
    foreach (var image in images.Values)
    {
        image.Dispose();
    }
}
