using System.Reflection;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Reactivation.Cli.Pack;

/// <summary>
/// Turns the unpacked solution into the entries of the zip Dataverse imports, as real exports hold them
/// (FACTS.md §3.1 and the packed samples): solution.xml (the manifest, Managed 0 or 1), customizations.xml with
/// the sharded components put back inline (tables with their forms, views and charts, roles, flows, relationships,
/// choices, plugin assemblies, steps, dashboards, apps and site maps), and beside it the components exports keep
/// as separate files (Custom APIs, environment variables, flow definitions, the plugin assembly's .dll).
/// </summary>
public static class SolutionPackage
{
    public const string ManifestFile = "Other/Solution.xml";
    public const string CustomizationsFile = "Other/Customizations.xml";
    private const string ManagedSuffix = "_managed.xml";
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    /// <summary>Folders whose files go into the zip beside customizations.xml (exports keep them out of it).</summary>
    private static readonly string[] CopiedFolders = ["customapis/", "environmentvariabledefinitions/"];

    /// <summary>Files of the source folder that are documentation, not solution content.</summary>
    private static readonly string[] Ignored = ["README.md"];

    /// <summary>Reactivation_1_0_0_0.zip or Reactivation_1_0_0_0_managed.zip, as Dataverse names an export.</summary>
    public static string FileName(UnpackedSolution source, bool managed)
    {
        ArgumentNullException.ThrowIfNull(source);
        return $"{source.UniqueName}_{source.Version.Replace('.', '_')}{(managed ? "_managed" : "")}.zip";
    }

    /// <summary>The zip's entries in a fixed order: [Content_Types].xml, solution.xml, customizations.xml, then the other files by name.</summary>
    /// <param name="assemblyFolder">The build output holding each plugin assembly the solution declares (&lt;Name&gt;.dll).</param>
    public static IReadOnlyList<(string Name, byte[] Content)> Entries(UnpackedSolution source, string assemblyFolder, bool managed)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(assemblyFolder);
        var used = new HashSet<string>(StringComparer.Ordinal) { ManifestFile, CustomizationsFile };
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        var customizations = Customizations(source, managed, used, files, assemblyFolder);

        foreach (var file in source.Files)
        {
            if (CopiedFolders.Any(f => file.StartsWith(f, StringComparison.Ordinal)))
            {
                // Written as the exports write their separate XML files (no BOM, CRLF); other files as they are.
                files[file] = file.EndsWith(".xml", StringComparison.Ordinal) ? Serialize(source.Xml(file).Root!) : source.Bytes(file);
                used.Add(file);
            }
        }

        var unused = source.Files.Where(f => !used.Contains(f) && !Ignored.Contains(f, StringComparer.Ordinal)
                                             && !(f.EndsWith(ManagedSuffix, StringComparison.Ordinal) && used.Contains(f[..^ManagedSuffix.Length] + ".xml"))).ToList();
        if (unused.Count > 0)
        {
            throw new PackException($"{unused[0]}: this file is not part of any solution component the packer knows (components: Entities/, OptionSets/, Roles/, Workflows/, Dashboards/, " +
                "PluginAssemblies/, SdkMessageProcessingSteps/, AppModules/, AppModuleSiteMaps/, customapis/, environmentvariabledefinitions/, Other/)." +
                (unused.Count > 1 ? $" {unused.Count - 1} more: {string.Join(", ", unused.Skip(1).Take(5))}" : ""));
        }

        var entries = new List<(string Name, byte[] Content)>
        {
            ("[Content_Types].xml", ContentTypes(files.Keys)),
            ("solution.xml", Serialize(Manifest(source, managed))),
            ("customizations.xml", Serialize(customizations)),
        };
        entries.AddRange(files.Select(f => (f.Key, f.Value)));
        return entries;
    }

    private static XElement Manifest(UnpackedSolution source, bool managed)
    {
        var root = source.Xml(ManifestFile).Root!;
        root.Element("SolutionManifest")!.SetElementValue("Managed", managed ? "1" : "0");
        return root;
    }

    private static XElement Customizations(UnpackedSolution source, bool managed, HashSet<string> used, SortedDictionary<string, byte[]> files, string assemblyFolder)
    {
        var root = source.Xml(CustomizationsFile).Root!;
        var context = new Context(source, managed, used);
        Fill(root, "Entities", Entities(context));
        Fill(root, "Roles", context.Components("Roles/", depth: 1, "Role"));
        Fill(root, "Workflows", Workflows(context, files));
        Fill(root, "EntityRelationships", context.Components("Other/Relationships/", depth: 1, "EntityRelationships").SelectMany(e => e.Elements("EntityRelationship")).ToList());
        context.Used.Add("Other/Relationships.xml");
        Fill(root, "optionsets", context.Components("OptionSets/", depth: 1, "optionset"));
        Fill(root, "Dashboards", context.Components("Dashboards/", depth: 1, "Dashboard"));
        Fill(root, "SolutionPluginAssemblies", PluginAssemblies(context, files, assemblyFolder));
        Fill(root, "SdkMessageProcessingSteps", context.Components("SdkMessageProcessingSteps/", depth: 1, "SdkMessageProcessingStep"));
        Fill(root, "AppModuleSiteMaps", context.Components("AppModuleSiteMaps/", depth: 2, "AppModuleSiteMap"));
        Fill(root, "AppModules", context.Components("AppModules/", depth: 2, "AppModule"));
        return root;
    }

    /// <summary>Puts <paramref name="components"/> into the section <paramref name="name"/>, which Other/Customizations.xml must declare (its place fixes the order).</summary>
    private static void Fill(XElement root, string name, List<XElement> components)
    {
        if (components.Count == 0)
        {
            return;
        }

        var section = root.Element(name)
            ?? throw PackException.At(CustomizationsFile, root, $"the solution has {name} components but this file has no <{name} /> section; add it where real exports put it.");
        section.RemoveNodes();
        section.Add(components);
    }

    private static List<XElement> Entities(Context context)
    {
        var result = new List<XElement>();
        foreach (var file in context.Source.Files.Where(f => f.StartsWith("Entities/", StringComparison.Ordinal) && f.EndsWith("/Entity.xml", StringComparison.Ordinal) && f.Count(c => c == '/') == 2))
        {
            var folder = file[..^"Entity.xml".Length];
            var entity = context.Take(file, "Entity");
            var forms = context.Files(folder + "FormXml/", depth: 2)
                .GroupBy(f => f.Split('/')[3], StringComparer.Ordinal)
                .Select(g => new XElement("forms", new XAttribute("type", g.Key), context.Components(g, "forms").SelectMany(f => f.Elements("systemform"))))
                .ToList();
            Replace(file, entity, "FormXml", forms);
            Replace(file, entity, "SavedQueries", Wrapped("savedqueries", context.Components(folder + "SavedQueries/", depth: 1, "savedqueries").SelectMany(q => q.Elements("savedquery"))));
            var charts = context.Components(folder + "Visualizations/", depth: 1, "visualization");
            if (charts.Count > 0)
            {
                (entity.Element("Visualizations") ?? AddAfter(entity, "SavedQueries", new XElement("Visualizations"))).ReplaceNodes(charts);
            }

            result.Add(entity);
        }

        return result;
    }

    private static List<XElement> Wrapped(string name, IEnumerable<XElement> items)
    {
        var list = items.ToList();
        return list.Count == 0 ? [] : [new XElement(name, list)];
    }

    /// <summary>
    /// Fills the table's &lt;FormXml /&gt; or &lt;SavedQueries /&gt; placeholder. One left empty is dropped, as the exports do
    /// (the Contoso sample's account has neither): the schema does not allow them empty.
    /// </summary>
    private static void Replace(string file, XElement entity, string name, List<XElement> content)
    {
        if (content.Count == 0)
        {
            entity.Element(name)?.Remove();
            return;
        }

        var section = entity.Element(name) ?? throw PackException.At(file, entity, $"the table has {name} files beside it but no <{name} /> element to hold them.");
        section.ReplaceNodes(content);
    }

    private static XElement AddAfter(XElement parent, string sibling, XElement element)
    {
        var anchor = parent.Element(sibling);
        if (anchor is null)
        {
            parent.Add(element);
        }
        else
        {
            anchor.AddAfterSelf(element);
        }

        return element;
    }

    /// <summary>Workflows/&lt;Name&gt;-&lt;GUID&gt;.xml inline; a cloud flow's definition (its &lt;JsonFileName&gt;) goes into the zip beside it.</summary>
    private static List<XElement> Workflows(Context context, SortedDictionary<string, byte[]> files)
    {
        var workflows = new List<XElement>();
        foreach (var file in context.Files("Workflows/", depth: 1).Where(f => f.EndsWith(".xml", StringComparison.Ordinal)))
        {
            var workflow = context.Take(file, "Workflow");
            var json = workflow.Element("JsonFileName");
            if (json is not null)
            {
                var definition = json.Value.Trim().TrimStart('/');
                if (!context.Source.Files.Contains(definition, StringComparer.Ordinal))
                {
                    throw PackException.At(file, json, $"<JsonFileName> names /{definition}, which is not in the solution folder.");
                }

                files[definition] = context.Source.Bytes(definition);
                context.Used.Add(definition);
            }

            workflows.Add(workflow);
        }

        return workflows;
    }

    /// <summary>Each PluginAssemblies/&lt;Name&gt;-&lt;GUID&gt;/&lt;Name&gt;.dll.data.xml inline, and the built &lt;Name&gt;.dll at the path its &lt;FileName&gt; gives.</summary>
    private static List<XElement> PluginAssemblies(Context context, SortedDictionary<string, byte[]> files, string assemblyFolder)
    {
        var assemblies = new List<XElement>();
        foreach (var file in context.Files("PluginAssemblies/", depth: 2).Where(f => f.EndsWith(".dll.data.xml", StringComparison.Ordinal)))
        {
            var assembly = context.Take(file, "PluginAssembly");
            var fileName = assembly.Element("FileName");
            var expected = "/" + file[..^".data.xml".Length];
            if (fileName is null || !string.Equals(fileName.Value.Trim(), expected, StringComparison.Ordinal))
            {
                throw PackException.At(file, fileName ?? assembly, $"<FileName> must be {expected}, the place of the assembly beside this file.");
            }

            var dll = Path.Combine(assemblyFolder, Path.GetFileName(expected));
            if (!File.Exists(dll))
            {
                throw PackException.At(file, assembly, $"the build did not produce {Path.GetFileName(expected)} (looked in {assemblyFolder}).");
            }

            var declared = (string?)assembly.Attribute("FullName") ?? "";
            var built = AssemblyName.GetAssemblyName(dll).FullName;
            if (!string.Equals(declared, built, StringComparison.Ordinal))
            {
                throw PackException.At(file, assembly, $"FullName '{declared}' does not match the built assembly '{built}' (a signed build changes PublicKeyToken: update FullName here and the type names of the plugin types and steps).");
            }

            files[expected[1..]] = File.ReadAllBytes(dll);
            assemblies.Add(assembly);
        }

        return assemblies;
    }

    /// <summary>One &lt;Default&gt; per file extension in the zip, xml first, as the exports' [Content_Types].xml (one line, with BOM).</summary>
    private static byte[] ContentTypes(IEnumerable<string> files)
    {
        var extensions = new List<string> { "xml" };
        extensions.AddRange(files.Select(f => Path.GetExtension(f).TrimStart('.').ToLowerInvariant()).Where(e => e.Length > 0 && e != "xml").Distinct().Order(StringComparer.Ordinal));
        var text = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">");
        foreach (var extension in extensions)
        {
            text.Append("<Default Extension=\"").Append(extension).Append("\" ContentType=\"application/octet-stream\" />");
        }

        text.Append("</Types>");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>As in the exported zips: no XML declaration, no BOM, two-space indent, CRLF.</summary>
    private static byte[] Serialize(XElement root)
    {
        var settings = new XmlWriterSettings
        {
            OmitXmlDeclaration = true,
            Encoding = new UTF8Encoding(false),
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\r\n",
            NewLineHandling = NewLineHandling.Replace,
        };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings))
        {
            root.WriteTo(writer);
        }

        return stream.ToArray();
    }

    /// <summary>The source being packed, whether for the managed zip, and which files have been taken so far.</summary>
    private sealed class Context(UnpackedSolution source, bool managed, HashSet<string> used)
    {
        public UnpackedSolution Source { get; } = source;

        public HashSet<string> Used { get; } = used;

        /// <summary>The files <paramref name="depth"/> levels below <paramref name="folder"/>, without the _managed variants.</summary>
        public IEnumerable<string> Files(string folder, int depth) =>
            Source.Files.Where(f => f.StartsWith(folder, StringComparison.Ordinal)
                                    && f[folder.Length..].Count(c => c == '/') == depth - 1
                                    && !f.EndsWith(ManagedSuffix, StringComparison.Ordinal));

        public List<XElement> Components(string folder, int depth, params string[] root) =>
            Components(Files(folder, depth).Where(f => f.EndsWith(".xml", StringComparison.Ordinal)), root);

        public List<XElement> Components(IEnumerable<string> files, params string[] root) => files.Select(f => Take(f, root)).ToList();

        /// <summary>
        /// The root element of <paramref name="file"/> (its _managed variant in the managed zip, when there is one),
        /// without the namespace declarations the packed file's root already makes.
        /// </summary>
        public XElement Take(string file, params string[] root)
        {
            var variant = file[..^".xml".Length] + ManagedSuffix;
            var chosen = managed && Source.Files.Contains(variant, StringComparer.Ordinal) ? variant : file;
            Used.Add(file);
            Used.Add(chosen);
            var element = new XElement(Source.RootElement(chosen, root));
            foreach (var e in element.DescendantsAndSelf())
            {
                e.Attributes().Where(a => a.IsNamespaceDeclaration && a.Value == Xsi.NamespaceName).Remove();
            }

            return element;
        }
    }
}
