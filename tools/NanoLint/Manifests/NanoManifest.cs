namespace NanoLint.Manifests;

/// <summary>
/// The manifest one nanoFramework compilation leaves in artifacts/nano (target WriteNanoManifest in
/// Directory.Build.targets): one "key value" line each for kind, project, assembly and mscorlib, a version line for
/// declarations (the upstream package version they mirror), then any number of compile (source path relative to the
/// project), package (NanoPackage id) and, for declarations, runtime-dependency lines ("id version assembly": a package
/// the upstream package depends on that nothing here compiles against, such as nanoFramework.Runtime.Events).
/// </summary>
public sealed record NanoManifest(
    string Path,
    NanoKind Kind,
    string Project,
    string Assembly,
    string Mscorlib,
    IReadOnlyList<string> Compile,
    IReadOnlyList<string> Packages,
    string? PackageVersion = null,
    IReadOnlyList<RuntimeDependency>? RuntimeDependencies = null)
{
    public const string Extension = ".manifest";

    public bool IsDevice => Kind != NanoKind.Declarations;

    public static IReadOnlyList<NanoManifest> ReadFolder(string folder) =>
        Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*" + Extension).Order(StringComparer.Ordinal).Select(Read).ToList()
            : [];

    public static NanoManifest Read(string path)
    {
        var single = new Dictionary<string, string>(StringComparer.Ordinal);
        var compile = new List<string>();
        var packages = new List<string>();
        var runtimeDependencies = new List<RuntimeDependency>();

        foreach (var line in File.ReadLines(path).Where(line => line.Length > 0))
        {
            var separator = line.IndexOf(' ');
            if (separator <= 0)
            {
                throw new InvalidDataException($"{path}: malformed line '{line}'");
            }

            var key = line[..separator];
            var value = line[(separator + 1)..];
            switch (key)
            {
                case "compile":
                    compile.Add(value);
                    break;
                case "package":
                    packages.Add(value);
                    break;
                case "runtime-dependency":
                    runtimeDependencies.Add(RuntimeDependency.Parse(path, value));
                    break;
                case "kind" or "project" or "assembly" or "mscorlib" or "version":
                    single[key] = value;
                    break;
                default:
                    throw new InvalidDataException($"{path}: unknown key '{key}'");
            }
        }

        string Required(string key) =>
            single.TryGetValue(key, out var value) ? value : throw new InvalidDataException($"{path}: no '{key}' line");

        return new NanoManifest(
            path,
            Enum.Parse<NanoKind>(Required("kind")),
            Required("project"),
            Required("assembly"),
            Required("mscorlib"),
            compile,
            packages,
            single.GetValueOrDefault("version"),
            runtimeDependencies);
    }
}

/// <summary>A package an upstream package depends on at run time, with the version and assembly a restore brings.</summary>
public sealed record RuntimeDependency(string Id, string Version, string Assembly)
{
    public static RuntimeDependency Parse(string path, string value)
    {
        var parts = value.Split(' ');
        return parts.Length == 3 && parts.All(part => part.Length > 0)
            ? new RuntimeDependency(parts[0], parts[1], parts[2])
            : throw new InvalidDataException($"{path}: a runtime-dependency line is 'id version assembly', not '{value}'");
    }
}
