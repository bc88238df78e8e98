using System.Xml.Linq;

namespace ThaliNano.Build.Tests;

/// <summary>One package of a packages.config.</summary>
internal sealed record PackagesConfigEntry(string Id, string Version, string TargetFramework)
{
    /// <summary>The target framework moniker nanoFramework projects restore for.</summary>
    public const string NanoTargetFramework = "netnano1.0";

    public static IReadOnlyList<PackagesConfigEntry> Load(string path) =>
        [.. XDocument.Load(path).Root!.Elements("package").Select(package => new PackagesConfigEntry(
            (string?)package.Attribute("id") ?? "",
            (string?)package.Attribute("version") ?? "",
            (string?)package.Attribute("targetFramework") ?? ""))];
}
