using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using Reactivation.Core.Joins;

namespace Reactivation.Joins.ReferenceTests;

/// <summary>NRules is the reference, never the sandbox engine: nothing under plugins/ references it, directly or through a package.</summary>
[TestClass]
public sealed class NRulesStaysOutOfThePluginsTests
{
    private static readonly string Plugins = Path.Combine(RepositoryRoot(), "plugins");

    [TestMethod]
    public void Core_as_loaded_here_references_no_NRules_assembly()
    {
        var references = typeof(JoinRules).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.Contains("System.Runtime", references, "the check reads real references");
        Assert.IsEmpty(references.Where(IsNRules).ToList());
    }

    [TestMethod]
    public void No_plugin_project_asks_for_an_NRules_package_or_resolves_one()
    {
        var projects = Directory.GetFiles(Plugins, "*.csproj", SearchOption.AllDirectories);
        Assert.HasCount(2, projects);
        foreach (var project in projects)
        {
            Assert.DoesNotContain("NRules", File.ReadAllText(project), StringComparison.OrdinalIgnoreCase, project);
            // The restore's record of every package the project resolves, transitive ones included ("libraries":
            // "Name/Version"). The central version list it also copies names NRules for the tests: not a reference.
            var assets = Path.Combine(Path.GetDirectoryName(project)!, "obj", "project.assets.json");
            Assert.IsTrue(File.Exists(assets), assets + " is missing: the plugins were not restored");
            using var json = JsonDocument.Parse(File.ReadAllText(assets));
            var libraries = json.RootElement.GetProperty("libraries").EnumerateObject().Select(p => p.Name).ToList();
            Assert.Contains(l => l.StartsWith("Microsoft.NETFramework.ReferenceAssemblies/", StringComparison.Ordinal), libraries, "the check reads the resolved packages");
            Assert.IsEmpty(libraries.Where(IsNRules).ToList(), assets);
        }
    }

    [TestMethod]
    public void Every_built_plugin_assembly_references_no_NRules_assembly()
    {
        var built = Directory.GetFiles(Plugins, "Reactivation.*.dll", SearchOption.AllDirectories)
            .Where(path => path.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .ToList();
        Assert.IsNotEmpty(built, "no built plugin assembly under plugins/*/bin");
        foreach (var path in built)
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            var metadata = pe.GetMetadataReader();
            var references = metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).ToList();
            Assert.IsEmpty(references.Where(IsNRules).ToList(), path);
            Assert.IsFalse(File.Exists(Path.Combine(Path.GetDirectoryName(path)!, "NRules.dll")), "NRules.dll beside " + path);
        }
    }

    private static bool IsNRules(string name) => name.StartsWith("NRules", StringComparison.OrdinalIgnoreCase);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Reactivation.Plugins.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("No Reactivation.Plugins.sln above " + AppContext.BaseDirectory);
    }
}
