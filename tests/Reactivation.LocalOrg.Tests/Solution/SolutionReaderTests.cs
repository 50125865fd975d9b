using System.Xml.Linq;
using Reactivation.LocalOrg.Solution;

namespace Reactivation.LocalOrg.Tests.Solution;

[TestClass]
public sealed class SolutionReaderTests
{
    private const string Create = "Create";

    [TestMethod]
    public void The_real_PluginSample_export_reads_as_one_Create_PostOperation_step_with_a_post_image()
    {
        var solution = SolutionReader.Read(SolutionFolders.SharedSample("pluginsample"));

        Assert.AreEqual("PluginSample", solution.UniqueName);
        Assert.AreEqual("1.0", solution.Version);
        Assert.AreEqual("ochs", solution.PublisherPrefix);
        var assembly = solution.PluginAssemblies.Single();
        Assert.AreEqual("Plugins", assembly.Name);
        Assert.AreEqual("Plugins.AccountPlugin", assembly.PluginTypes.Single().TypeName);

        var step = solution.Steps.Single();
        Assert.AreEqual(new Guid("a5191a6b-9290-ee11-8179-000d3a354bf5"), step.StepId);
        Assert.AreEqual(Create, step.MessageName);
        Assert.AreEqual("account", step.PrimaryEntity);
        Assert.AreEqual("Plugins.AccountPlugin", step.PluginTypeName);
        Assert.AreEqual(40, step.Stage);
        Assert.AreEqual(0, step.Mode);
        Assert.AreEqual(1, step.Rank);
        Assert.IsEmpty(step.FilteringAttributes);
        Assert.IsNull(step.UnsecureConfiguration);
        var image = step.Images.Single();
        Assert.AreEqual("PostImage", image.EntityAlias);
        Assert.AreEqual(1, image.ImageType);
        Assert.AreEqual("id", image.MessagePropertyName);
        Assert.IsEmpty(image.Attributes, "An empty <Attributes> means all columns.");
    }

    [TestMethod]
    public void The_real_entity_and_environment_variable_export_reads_its_PreValidation_step()
    {
        var solution = SolutionReader.Read(SolutionFolders.SharedSample("entity-envvar-sample"));

        var step = solution.Steps.Single();
        Assert.AreEqual(10, step.Stage);
        Assert.AreEqual("dkdt_pluginimpersonationtest", step.PrimaryEntity);
        Assert.AreEqual("PluginImpersonationTest.Plugins.dkdt_PluginImpersonationTest_Create", step.PluginTypeName);
        Assert.IsEmpty(solution.CustomApis);
    }

    [TestMethod]
    public void The_product_solution_skeleton_reads_as_Reactivation_by_publisher_rx_with_an_empty_plugin_assembly()
    {
        var solution = SolutionReader.Read(SolutionFolders.ProductSolution);

        Assert.AreEqual("Reactivation", solution.UniqueName);
        Assert.AreEqual("1.0.0.0", solution.Version);
        Assert.AreEqual("reactivation", solution.PublisherUniqueName);
        Assert.AreEqual("rx", solution.PublisherPrefix);
        Assert.AreEqual("Reactivation.Plugins", solution.PluginAssemblies.Single().Name);
        Assert.AreEqual(new Guid("9e79b871-6102-4e1e-94fd-2642417358ca"), solution.PluginAssemblies.Single().PluginAssemblyId);
    }

    [TestMethod]
    public void The_product_solution_carries_English_and_Simplified_Chinese_labels_and_packs_as_both_managed_and_unmanaged()
    {
        var other = Path.Combine(SolutionFolders.ProductSolution, "Other");
        var manifest = XDocument.Load(Path.Combine(other, "Solution.xml")).Root!.Element("SolutionManifest")!;
        var customizations = XDocument.Load(Path.Combine(other, "Customizations.xml")).Root!;

        Assert.AreEqual("1033,2052", string.Join(",", customizations.Element("Languages")!.Elements("Language").Select(l => l.Value)));
        Assert.AreEqual("1033,2052", string.Join(",", manifest.Element("LocalizedNames")!.Elements().Select(l => (string)l.Attribute("languagecode")!)));
        Assert.AreEqual("2", manifest.Element("Managed")!.Value);
        Assert.AreEqual("10177", manifest.Element("Publisher")!.Element("CustomizationOptionValuePrefix")!.Value);
        Assert.IsNotNull(customizations.Element("SolutionPluginAssemblies"), "Sharded sections stay as empty elements.");
        Assert.IsNotNull(customizations.Element("SdkMessageProcessingSteps"));
    }

    [TestMethod]
    public void The_test_solution_declares_every_test_plugin_type_step_and_Custom_API()
    {
        var solution = SolutionReader.Read(SolutionFolders.TestSolution);

        Assert.AreEqual("rx", solution.PublisherPrefix);
        Assert.HasCount(7, solution.PluginAssemblies.Single().PluginTypes);
        Assert.HasCount(15, solution.Steps);
        Assert.HasCount(2, solution.CustomApis);
        Assert.IsTrue(solution.Steps.All(s => s.SecureConfiguration is null), "Exports carry no secure configuration.");
    }

    [TestMethod]
    public void A_step_reads_its_filtering_attributes_as_a_list()
    {
        var step = ReadTestStep("Reactivation.LocalOrg.TestPlugins.ProbePlugin: Update of rx_filterdemo");

        Assert.AreEqual("Update", step.MessageName);
        Assert.AreEqual("rx_watched,rx_alsowatched", string.Join(",", step.FilteringAttributes));
        Assert.AreEqual("label=filterdemo", step.UnsecureConfiguration);
    }

    [TestMethod]
    public void A_step_reads_its_pre_and_post_images_with_their_attribute_lists()
    {
        var step = ReadTestStep("Reactivation.LocalOrg.TestPlugins.ProbePlugin: Update of rx_imagedemo");

        var pre = step.Images.Single(i => i.ImageType == 0);
        var post = step.Images.Single(i => i.ImageType == 1);
        Assert.AreEqual("PreImage", pre.EntityAlias);
        Assert.AreEqual("rx_a,rx_b", string.Join(",", pre.Attributes));
        Assert.AreEqual("Target", pre.MessagePropertyName);
        Assert.AreEqual("PostImage", post.EntityAlias);
        Assert.AreEqual("rx_a", string.Join(",", post.Attributes));
    }

    [TestMethod]
    public void An_asynchronous_step_reads_as_mode_1_at_PostOperation()
    {
        var solution = SolutionReader.Read(SolutionFolders.TestSolution);

        var asyncSteps = solution.Steps.Where(s => s.PrimaryEntity == "rx_asyncdemo").ToList();
        Assert.HasCount(2, asyncSteps);
        Assert.IsTrue(asyncSteps.All(s => s.Mode == 1 && s.Stage == 40));
    }

    [TestMethod]
    public void A_Custom_API_reads_its_plugin_type_request_parameters_and_response_properties()
    {
        var api = SolutionReader.Read(SolutionFolders.TestSolution).CustomApis.Single(a => a.UniqueName == "rx_TestEcho");

        Assert.AreEqual("Reactivation.LocalOrg.TestPlugins.CustomApiPlugin", api.PluginTypeName);
        Assert.AreEqual(0, api.BindingType);
        Assert.IsNull(api.BoundEntityLogicalName);
        Assert.IsFalse(api.IsFunction);
        CollectionAssert.AreEqual(
            new[] { ("rx_Text", 10, false), ("rx_Times", 7, true) },
            api.RequestParameters.Select(p => (p.UniqueName, p.Type, p.IsOptional)).ToArray());
        CollectionAssert.AreEqual(
            new[] { ("rx_Echo", 10), ("rx_Stage", 7) },
            api.ResponseProperties.Select(p => (p.UniqueName, p.Type)).ToArray());
    }

    [TestMethod]
    public void A_Custom_API_may_name_its_plugin_by_export_key_as_managed_exports_do()
    {
        var api = SolutionReader.Read(SolutionFolders.TestSolution).CustomApis.Single(a => a.UniqueName == "rx_TestPing");

        Assert.AreEqual("Reactivation.LocalOrg.TestPlugins.CustomApiPlugin", api.PluginTypeName);
        Assert.AreEqual(1, api.BindingType);
        Assert.AreEqual("rx_stagedemo", api.BoundEntityLogicalName);
        Assert.IsTrue(api.IsFunction);
        Assert.IsTrue(api.IsPrivate);
        Assert.IsEmpty(api.RequestParameters);
    }

    [TestMethod]
    public void Files_without_a_byte_order_mark_read_the_same()
    {
        using var scratch = new ScratchSolution(SolutionFolders.TestSolution);
        var path = Path.Combine(scratch.Folder, TestSteps.ImageDemoUpdate);
        File.WriteAllText(path, File.ReadAllText(path), new System.Text.UTF8Encoding(false));

        var step = SolutionReader.Read(scratch.Folder).Steps.Single(s => s.StepId == TestSteps.ImageDemoUpdateStepId);

        Assert.HasCount(2, step.Images);
    }

    [TestMethod]
    public void A_solution_without_steps_or_Custom_API_folders_reads_as_having_none()
    {
        using var scratch = new ScratchSolution(SolutionFolders.TestSolution);
        Directory.Delete(Path.Combine(scratch.Folder, "SdkMessageProcessingSteps"), recursive: true);
        Directory.Delete(Path.Combine(scratch.Folder, "customapis"), recursive: true);

        var solution = SolutionReader.Read(scratch.Folder);

        Assert.IsEmpty(solution.Steps);
        Assert.IsEmpty(solution.CustomApis);
    }

    private static Registration.StepRegistration ReadTestStep(string name) =>
        SolutionReader.Read(SolutionFolders.TestSolution).Steps.Single(s => s.Name == name);
}
