using System.Xml.Linq;

namespace ThaliNano.Build.Tests;

/// <summary>A reference to an assembly: its simple name (Include up to the first comma) and HintPath.</summary>
internal sealed record NfprojReference(string Name, string HintPath);

/// <summary>
/// What the tests read from a Visual Studio nanoFramework project (.nfproj): an MSBuild 2003-namespace project
/// with the nanoFramework project type GUID, the NFProjectSystem imports, and explicit Compile, Reference (HintPath
/// into packages\) and ProjectReference items (read as full paths).
/// </summary>
internal sealed record Nfproj(
    string Path,
    string AssemblyName,
    string ProjectTypeGuids,
    string DefineConstants,
    IReadOnlyList<string> Imports,
    IReadOnlyList<string> Compile,
    IReadOnlyList<NfprojReference> References,
    IReadOnlyList<string> ProjectReferences)
{
    public const string ProjectTypeGuid = "{11A8DD76-328B-46DF-9F39-F559912D0360}";

    public static Nfproj Load(string path)
    {
        var project = XDocument.Load(path).Root!;
        string Property(string name) => project.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value.Trim() ?? "";
        IEnumerable<XElement> Items(string type) => project.Descendants().Where(e => e.Name.LocalName == type);
        string Include(XElement item) => (string?)item.Attribute("Include") ?? "";

        return new Nfproj(
            path,
            Property("AssemblyName"),
            Property("ProjectTypeGuids"),
            Property("DefineConstants"),
            [.. Items("Import").Select(import => (string?)import.Attribute("Project") ?? "")],
            [.. Items("Compile").Select(Include)],
            [.. Items("Reference").Select(reference => new NfprojReference(
                Include(reference).Split(',')[0].Trim(),
                reference.Elements().FirstOrDefault(e => e.Name.LocalName == "HintPath")?.Value.Trim() ?? ""))],
            [.. Items("ProjectReference").Select(reference => FullPath(System.IO.Path.GetDirectoryName(path)!, Include(reference)))]);
    }

    /// <summary>The full path of an item Include relative to <paramref name="folder"/>, in either separator style.</summary>
    public static string FullPath(string folder, string include) =>
        System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, NormalizeSeparators(include)));

    public static string NormalizeSeparators(string path) => path.Replace('\\', '/');
}
