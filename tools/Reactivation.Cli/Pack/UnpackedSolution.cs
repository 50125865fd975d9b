using System.Xml;
using System.Xml.Linq;

namespace Reactivation.Cli.Pack;

/// <summary>
/// The unpacked solution folder (SolutionPackager layout, FACTS.md §3.3) as the packer reads it: every file by its
/// path relative to the folder with '/' separators, every XML file parsed once with line numbers so an error names
/// the file and line before any build runs.
/// </summary>
public sealed class UnpackedSolution
{
    private readonly Dictionary<string, XDocument> _xml;

    private UnpackedSolution(string root, IReadOnlyList<string> files, Dictionary<string, XDocument> xml, string uniqueName, string version)
    {
        Folder = root;
        Files = files;
        _xml = xml;
        UniqueName = uniqueName;
        Version = version;
    }

    public string Folder { get; }

    /// <summary>Every file of the folder, relative, '/'-separated, in ordinal order.</summary>
    public IReadOnlyList<string> Files { get; }

    public string UniqueName { get; }

    public string Version { get; }

    /// <summary>Reads <paramref name="folder"/>: Other/Solution.xml and Other/Customizations.xml must exist and every .xml file must parse.</summary>
    public static UnpackedSolution Read(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        if (!Directory.Exists(folder))
        {
            throw new PackException($"the solution folder '{folder}' does not exist.");
        }

        var root = Path.GetFullPath(folder);
        var files = Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        var xml = new Dictionary<string, XDocument>(StringComparer.Ordinal);
        foreach (var file in files.Where(f => f.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)))
        {
            try
            {
                xml[file] = XDocument.Load(Path.Combine(root, file), LoadOptions.SetLineInfo);
            }
            catch (XmlException e)
            {
                throw new PackException($"{file}({e.LineNumber},{e.LinePosition}): not well-formed XML: {e.Message}", e);
            }
        }

        foreach (var required in new[] { SolutionPackage.ManifestFile, SolutionPackage.CustomizationsFile })
        {
            if (!xml.ContainsKey(required))
            {
                throw new PackException($"{required} is missing from {root}: is this an unpacked solution folder?");
            }
        }

        var manifest = xml[SolutionPackage.ManifestFile].Root?.Element("SolutionManifest")
            ?? throw PackException.At(SolutionPackage.ManifestFile, xml[SolutionPackage.ManifestFile].Root, "expected <ImportExportXml><SolutionManifest>.");
        var uniqueName = manifest.Element("UniqueName")?.Value.Trim();
        var version = manifest.Element("Version")?.Value.Trim();
        if (string.IsNullOrEmpty(uniqueName) || string.IsNullOrEmpty(version) || !System.Version.TryParse(version, out _))
        {
            throw PackException.At(SolutionPackage.ManifestFile, manifest, "<SolutionManifest> needs a <UniqueName> and a <Version> like 1.0.0.0.");
        }

        return new UnpackedSolution(root, files, xml, uniqueName, version);
    }

    /// <summary>The parsed file (a fresh copy the caller may change).</summary>
    public XDocument Xml(string file) => new(_xml[file]);

    /// <summary>The root element of <paramref name="file"/>, checked to be <paramref name="expected"/>.</summary>
    public XElement RootElement(string file, params string[] expected)
    {
        var root = _xml[file].Root!;
        if (!expected.Contains(root.Name.LocalName, StringComparer.Ordinal))
        {
            throw PackException.At(file, root, $"expected the root element <{string.Join("> or <", expected)}>, found <{root.Name.LocalName}>.");
        }

        return root;
    }

    public byte[] Bytes(string file) => File.ReadAllBytes(Path.Combine(Folder, file));
}
