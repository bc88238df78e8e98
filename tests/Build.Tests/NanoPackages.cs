namespace ThaliNano.Build.Tests;

/// <summary>A nanoFramework NuGet package as a .nfproj references it.</summary>
internal sealed record NanoPackage(string Id, string Version, string AssemblyName)
{
    /// <summary>The HintPath tail of its Reference: packages\&lt;id&gt;.&lt;version&gt;\lib\&lt;assembly&gt;.dll.</summary>
    public string HintPathSuffix => $@"packages\{Id}.{Version}\lib\{AssemblyName}.dll";
}

/// <summary>
/// The nanoFramework packages device projects may use, with the versions their packages.config pin.
/// Provisional: the versions are to be those documented in libs/nanoFramework/README.md (being written on branch
/// decls); until then this table holds a set known to go with CoreLibrary 1.17.11. Assembly names are the dlls the
/// packages ship (their nuspecs: System.IO.Streams and System.IO.FileSystem drop the "nanoFramework." prefix).
/// </summary>
internal static class NanoPackages
{
    public static NanoPackage CoreLibrary { get; } = new("nanoFramework.CoreLibrary", "1.17.11", "mscorlib");

    private static readonly Dictionary<string, NanoPackage> ById = new NanoPackage[]
    {
        CoreLibrary,
        new("nanoFramework.System.Collections", "1.5.67", "nanoFramework.System.Collections"),
        new("nanoFramework.System.Text", "1.3.42", "nanoFramework.System.Text"),
        new("nanoFramework.System.IO.Streams", "1.1.96", "System.IO.Streams"),
        new("nanoFramework.System.IO.FileSystem", "1.1.87", "System.IO.FileSystem"),
    }.ToDictionary(package => package.Id, StringComparer.Ordinal);

    public static NanoPackage? Find(string id) => ById.GetValueOrDefault(id);
}
