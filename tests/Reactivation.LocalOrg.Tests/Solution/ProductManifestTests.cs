using System.Xml.Linq;

namespace Reactivation.LocalOrg.Tests.Solution;

/// <summary>
/// Other/Solution.xml must list what the solution carries as root components, as a real export does:
/// a step or table missing there is left out of the packed solution an admin imports.
/// </summary>
[TestClass]
public sealed class ProductManifestTests
{
    private static List<XElement> RootComponents() =>
        XDocument.Load(Path.Combine(SolutionFolders.ProductSolution, "Other", "Solution.xml"))
            .Descendants("RootComponent").ToList();

    [TestMethod]
    public void Every_step_file_is_a_root_component_of_type_92()
    {
        var listed = RootComponents()
            .Where(c => (string?)c.Attribute("type") == "92")
            .Select(c => ((string)c.Attribute("id")!).Trim('{', '}').ToLowerInvariant())
            .ToHashSet();
        var files = Directory.GetFiles(Path.Combine(SolutionFolders.ProductSolution, "SdkMessageProcessingSteps"), "*.xml")
            .Select(f => Path.GetFileNameWithoutExtension(f).Trim('{', '}').ToLowerInvariant())
            .ToList();

        Assert.IsNotEmpty(files);
        CollectionAssert.AreEquivalent(files, listed.ToList(), "Steps in SdkMessageProcessingSteps/ vs type-92 root components in Other/Solution.xml");
    }

    [TestMethod]
    public void Every_table_folder_is_a_root_component_of_type_1()
    {
        var listed = RootComponents()
            .Where(c => (string?)c.Attribute("type") == "1")
            .Select(c => ((string)c.Attribute("schemaName")!).ToLowerInvariant())
            .ToList();
        var folders = Directory.GetDirectories(Path.Combine(SolutionFolders.ProductSolution, "Entities"))
            .Select(d => Path.GetFileName(d).ToLowerInvariant())
            .ToList();

        Assert.IsNotEmpty(folders);
        CollectionAssert.AreEquivalent(folders, listed, "Tables in Entities/ vs type-1 root components in Other/Solution.xml");
    }
}
