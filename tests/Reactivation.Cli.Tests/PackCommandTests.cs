using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Reactivation.Cli;
using Reactivation.Cli.Pack;

namespace Reactivation.Cli.Tests;

/// <summary>
/// `reactivation pack` on the repository's solution/: packed twice (one build each), the results are compared and
/// opened as an admin's import would open them. The pack runs once for the whole class: it builds net462.
/// </summary>
[TestClass]
public sealed partial class PackCommandTests
{
    private static PackRun _first = null!;
    private static PackRun _second = null!;

    [ClassInitialize]
    public static void PackTwice(TestContext context)
    {
        _first = PackRun.Pack("first");
        _second = PackRun.Pack("second");
    }

    [TestMethod]
    public void Pack_writes_the_unmanaged_and_the_managed_zip_named_after_the_solution_version()
    {
        Assert.AreEqual(0, _first.Code, _first.Out + _first.Err);
        CollectionAssert.AreEquivalent(
            new[] { "Reactivation_1_0_0_0.zip", "Reactivation_1_0_0_0_managed.zip" },
            Directory.GetFiles(_first.Folder).Select(Path.GetFileName).ToArray());
        StringAssert.Contains(_first.Out, "Wrote " + Path.Combine(_first.Folder, "Reactivation_1_0_0_0_managed.zip"));
    }

    [TestMethod]
    public void Packing_the_same_sources_twice_gives_byte_identical_zips()
    {
        foreach (var zip in new[] { "Reactivation_1_0_0_0.zip", "Reactivation_1_0_0_0_managed.zip" })
        {
            Assert.AreEqual(Sha256(Path.Combine(_first.Folder, zip)), Sha256(Path.Combine(_second.Folder, zip)), zip);
        }
    }

    [TestMethod]
    public void The_zips_differ_only_in_the_managed_flag_of_the_manifest()
    {
        var unmanaged = _first.Entries("Reactivation_1_0_0_0.zip");
        var managed = _first.Entries("Reactivation_1_0_0_0_managed.zip");

        CollectionAssert.AreEqual(unmanaged.Keys.ToArray(), managed.Keys.ToArray());
        Assert.AreEqual("0", XElement.Parse(unmanaged["solution.xml"]).Descendants("Managed").Single().Value);
        Assert.AreEqual("1", XElement.Parse(managed["solution.xml"]).Descendants("Managed").Single().Value);
        CollectionAssert.AreEqual(unmanaged.Keys.Where(k => k != "solution.xml").ToArray(),
            unmanaged.Keys.Where(k => k != "solution.xml" && unmanaged[k] == managed[k]).ToArray());
    }

    [TestMethod]
    public void The_zip_holds_the_parts_an_export_holds_in_a_fixed_order()
    {
        var entries = _first.Entries("Reactivation_1_0_0_0_managed.zip");
        var names = entries.Keys.ToList();

        CollectionAssert.AreEqual(new[] { "[Content_Types].xml", "solution.xml", "customizations.xml" }, names.Take(3).ToArray());
        CollectionAssert.AreEqual(names.Skip(3).Order(StringComparer.Ordinal).ToArray(), names.Skip(3).ToArray());
        Assert.Contains("PluginAssemblies/Reactivation.Plugins-9E79B871-6102-4E1E-94FD-2642417358CA/Reactivation.Plugins.dll", names);
        Assert.Contains("customapis/rx_EvaluateDueContacts/customapirequestparameters/PagingCookie/customapirequestparameter.xml", names);
        Assert.IsFalse(names.Exists(n => n.Contains("README", StringComparison.Ordinal) || n.StartsWith("Other/", StringComparison.Ordinal)), string.Join("\n", names));
        Assert.IsTrue(_first.EntryTimes("Reactivation_1_0_0_0_managed.zip").All(t => t == new DateTimeOffset(2000, 1, 1, 0, 0, 0, t.Offset)), "every entry has the fixed timestamp");

        var contentTypes = entries["[Content_Types].xml"];
        Assert.StartsWith("\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/octet-stream\" />", contentTypes);
        StringAssert.Contains(contentTypes, "<Default Extension=\"dll\" ContentType=\"application/octet-stream\" />");

        var customizations = entries["customizations.xml"];
        Assert.StartsWith("<ImportExportXml xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\r\n", customizations, "as exported: no declaration, no BOM, CRLF");
        Assert.StartsWith("<customapi uniquename=\"rx_EvaluateDueContacts\">\r\n", entries["customapis/rx_EvaluateDueContacts/customapi.xml"], "a separate file as exported too");
    }

    [TestMethod]
    public void Customizations_xml_carries_every_step_plugin_type_table_and_choice_of_the_source()
    {
        var customizations = XElement.Parse(_first.Entries("Reactivation_1_0_0_0.zip")["customizations.xml"]);
        var solution = RepositorySolution();

        Assert.HasCount(Directory.GetFiles(Path.Combine(solution, "SdkMessageProcessingSteps")).Length, customizations.Element("SdkMessageProcessingSteps")!.Elements("SdkMessageProcessingStep"));
        Assert.HasCount(Directory.GetDirectories(Path.Combine(solution, "Entities")).Length, customizations.Element("Entities")!.Elements("Entity"));
        Assert.HasCount(Directory.GetFiles(Path.Combine(solution, "OptionSets")).Length, customizations.Element("optionsets")!.Elements("optionset"));
        Assert.IsTrue(customizations.Element("SolutionPluginAssemblies")!.Descendants("PluginType").Any(t => (string?)t.Attribute("Name") == "Reactivation.Plugins.Evaluation.EvaluateDueContactsPlugin"));
        Assert.IsFalse(customizations.Descendants().Skip(1).Any(e => e.Attributes().Any(a => a.IsNamespaceDeclaration)), "xmlns:xsi is declared once, on the root");
    }

    [TestMethod]
    public void Pack_names_the_signed_assembly_it_registers_and_no_longer_warns_about_missing_dependencies()
    {
        StringAssert.Contains(_first.Out, "Built Reactivation.Plugins, Version=1.0.0.0, Culture=neutral, PublicKeyToken=545dc390472d3792 (");
        Assert.DoesNotContain("CANNOT RUN", _first.Out);
        Assert.DoesNotContain("Newtonsoft.Json", _first.Out);
    }

    [TestMethod]
    public void Pack_with_the_real_sdk_fails_clearly_with_exit_code_1_where_the_packages_cannot_be_restored()
    {
        var run = PackRun.Pack("package", "--sdk", "package");

        Assert.AreEqual(1, run.Code, run.Out + run.Err);
        StringAssert.Contains(run.Err, "Microsoft.CrmSdk.CoreAssemblies");
        StringAssert.Contains(run.Err, "Nothing was written.");
        Assert.IsFalse(Directory.Exists(run.Folder) && Directory.EnumerateFiles(run.Folder).Any());
    }

    [TestMethod]
    public void Usage_errors_exit_2()
    {
        Assert.AreEqual(2, PackRun.Run("pack").Code, "no --out");
        Assert.AreEqual(2, PackRun.Run("pack", "--out").Code);
        Assert.AreEqual(2, PackRun.Run("pack", "--out", "x", "--sdk", "real").Code);
        Assert.AreEqual(2, PackRun.Run("pack", "--out", "x", "--sdk", "1").Code, "SDK by name only");
        Assert.AreEqual(2, PackRun.Run("pack", "--out", "x", "--frobnicate").Code);
    }

    [TestMethod]
    public void A_malformed_file_in_the_solution_is_named_with_its_line_and_exits_1_before_any_build()
    {
        var copy = CopyOfSolution();
        File.WriteAllText(Path.Combine(copy, "SdkMessageProcessingSteps", "{00f1b973-4f82-4afa-859a-39c2b1f0408e}.xml"), "<SdkMessageProcessingStep>\n  <Stage>40\n</SdkMessageProcessingStep>");

        var run = PackRun.Run("pack", "--out", Path.Combine(copy, "out"), "--solution", copy);

        Assert.AreEqual(1, run.Code);
        StringAssert.Contains(run.Err, "reactivation pack: SdkMessageProcessingSteps/{00f1b973-4f82-4afa-859a-39c2b1f0408e}.xml(3,3): not well-formed XML");
        Assert.DoesNotContain("Building", run.Out);
    }

    [TestMethod]
    public void A_file_that_is_no_solution_component_is_refused_by_name()
    {
        var copy = CopyOfSolution();
        Directory.CreateDirectory(Path.Combine(copy, "Reports"));
        File.WriteAllText(Path.Combine(copy, "Reports", "weekly.rdl"), "x");

        var run = PackRun.Run("pack", "--out", Path.Combine(copy, "out"), "--solution", copy);

        Assert.AreEqual(1, run.Code);
        StringAssert.Contains(run.Err, "Reports/weekly.rdl: this file is not part of any solution component");
    }

    [TestMethod]
    public void A_managed_variant_beside_a_component_goes_into_the_managed_zip_only()
    {
        var copy = CopyOfSolution();
        var form = Directory.GetFiles(Path.Combine(copy, "Entities", "Contact", "FormXml", "main")).Single();
        File.WriteAllText(form[..^".xml".Length] + "_managed.xml", File.ReadAllText(form).Replace("Contact (Reactivation)", "Contact (Reactivation, managed)", StringComparison.Ordinal));
        var source = UnpackedSolution.Read(copy);
        var assemblies = Path.Combine(PackRun.RepositoryRoot(), "plugins", "Reactivation.Plugins", "bin", "Release", "net462");

        string FormName(bool managed) => XElement.Parse(Encoding.UTF8.GetString(SolutionPackage.Entries(source, assemblies, managed).Single(e => e.Name == "customizations.xml").Content))
            .Descendants("systemform").Single().Element("LocalizedNames")!.Elements().First().Attribute("description")!.Value;

        Assert.AreEqual("Contact (Reactivation, managed)", FormName(managed: true));
        Assert.AreEqual("Contact (Reactivation)", FormName(managed: false));
    }

    internal static string RepositorySolution() => Path.Combine(PackRun.RepositoryRoot(), "solution");

    /// <summary>A scratch copy of solution/ for tests that break it; the pack of such a copy stops before building.</summary>
    private static string CopyOfSolution()
    {
        var source = RepositorySolution();
        var copy = Path.Combine(Path.GetTempPath(), "rx-pack-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return copy;
    }

    private static string Sha256(string file) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));
}

/// <summary>One run of the command line, with its output folder.</summary>
internal sealed record PackRun(int Code, string Out, string Err, string Folder)
{
    public static PackRun Pack(string name, params string[] options)
    {
        var folder = Path.Combine(Path.GetTempPath(), "rx-pack-" + name + "-" + Guid.NewGuid().ToString("N"));
        var run = Run(["pack", "--out", folder, "--solution", PackCommandTests.RepositorySolution(), .. options]);
        return run with { Folder = folder };
    }

    public static PackRun Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CommandLine.Run(args, stdout, stderr);
        return new PackRun(code, stdout.ToString(), stderr.ToString(), "");
    }

    /// <summary>Every entry of a written zip as text (the .dll as Base64), in the zip's order.</summary>
    public Dictionary<string, string> Entries(string zip)
    {
        using var archive = ZipFile.OpenRead(Path.Combine(Folder, zip));
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in archive.Entries)
        {
            using var stream = entry.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var bytes = buffer.ToArray();
            result[entry.FullName] = entry.FullName.EndsWith(".dll", StringComparison.Ordinal)
                ? Convert.ToBase64String(bytes)
                : new System.Text.UTF8Encoding(false).GetString(bytes);
        }

        return result;
    }

    public List<DateTimeOffset> EntryTimes(string zip)
    {
        using var archive = ZipFile.OpenRead(Path.Combine(Folder, zip));
        return archive.Entries.Select(e => e.LastWriteTime).ToList();
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Reactivation.Plugins.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("No Reactivation.Plugins.sln above " + AppContext.BaseDirectory);
    }
}
