using Reactivation.LocalOrg.Solution;

namespace Reactivation.LocalOrg.Tests.Solution;

/// <summary>Each broken solution fails with a message that names the file and what is wrong.</summary>
[TestClass]
public sealed class SolutionReaderErrorTests
{
    [TestMethod]
    public void A_solution_without_Other_Solution_xml_is_refused()
    {
        AssertRefused(s => s.Delete("Other/Solution.xml"), "Other/Solution.xml", "missing");
    }

    [TestMethod]
    public void A_step_file_that_is_not_well_formed_XML_is_refused()
    {
        AssertRefused(s => s.Edit(TestSteps.FilterDemo, "</Rank>", "</Rnk>"), TestSteps.FilterDemo, "not well-formed");
    }

    [TestMethod]
    public void A_step_without_a_Stage_element_is_refused()
    {
        AssertRefused(s => s.Edit(TestSteps.FilterDemo, "<Stage>40</Stage>", string.Empty), TestSteps.FilterDemo, "no <Stage>");
    }

    [TestMethod]
    public void A_step_whose_PluginTypeId_is_not_a_GUID_is_refused()
    {
        AssertRefused(
            s => s.Edit(TestSteps.FilterDemo, $"<PluginTypeId>{TestSteps.ProbePluginId}</PluginTypeId>", "<PluginTypeId>probe</PluginTypeId>"),
            TestSteps.FilterDemo,
            "'probe' is not a GUID");
    }

    [TestMethod]
    public void A_step_naming_a_plugin_type_the_assembly_does_not_declare_is_refused()
    {
        AssertRefused(
            s => s.Edit(TestSteps.FilterDemo, TestSteps.ProbePluginId, "00000000-0000-0000-0000-00000000beef"),
            TestSteps.FilterDemo,
            "is not a plugin type declared");
    }

    [TestMethod]
    public void A_step_whose_PluginTypeName_and_PluginTypeId_disagree_is_refused()
    {
        AssertRefused(
            s => s.Edit(TestSteps.FilterDemo, "<PluginTypeName>Reactivation.LocalOrg.TestPlugins.ProbePlugin,", "<PluginTypeName>Reactivation.LocalOrg.TestPlugins.CounterPlugin,"),
            TestSteps.FilterDemo,
            "PluginTypeName names 'Reactivation.LocalOrg.TestPlugins.CounterPlugin'");
    }

    [TestMethod]
    public void A_step_at_stage_30_is_refused_because_only_a_Custom_API_plugin_runs_there()
    {
        AssertRefused(s => s.Edit(TestSteps.FilterDemo, "<Stage>40</Stage>", "<Stage>30</Stage>"), TestSteps.FilterDemo, "Stage 30 is not a stage");
    }

    [TestMethod]
    public void A_step_with_mode_2_is_refused()
    {
        AssertRefused(s => s.Edit(TestSteps.FilterDemo, "<Mode>0</Mode>", "<Mode>2</Mode>"), TestSteps.FilterDemo, "Mode 2");
    }

    [TestMethod]
    public void An_asynchronous_step_before_PostOperation_is_refused()
    {
        AssertRefused(
            s => s.Edit(TestSteps.AsyncDemoProbe, "<Stage>40</Stage>", "<Stage>20</Stage>"),
            TestSteps.AsyncDemoProbe,
            "asynchronous step (Mode 1) runs only at stage 40");
    }

    [TestMethod]
    public void A_pre_image_on_Create_is_refused()
    {
        AssertRefused(
            s => s.Edit(TestSteps.StageDemoPostOperation, "<ImageType>1</ImageType>", "<ImageType>0</ImageType>"),
            TestSteps.StageDemoPostOperation,
            "Create has no pre-image");
    }

    [TestMethod]
    public void A_post_image_before_PostOperation_is_refused()
    {
        AssertRefused(
            s => s.Edit(TestSteps.ImageDemoUpdate, "<Stage>40</Stage>", "<Stage>20</Stage>"),
            TestSteps.ImageDemoUpdate,
            "post-images exist only at stage 40");
    }

    [TestMethod]
    public void A_post_image_on_Delete_is_refused()
    {
        AssertRefused(
            s =>
            {
                s.Edit(TestSteps.ImageDemoDelete, "<Stage>10</Stage>", "<Stage>40</Stage>");
                s.Edit(TestSteps.ImageDemoDelete, "<ImageType>0</ImageType>", "<ImageType>1</ImageType>");
            },
            TestSteps.ImageDemoDelete,
            "Delete has no post-image");
    }

    [TestMethod]
    public void An_image_on_a_message_without_images_is_refused()
    {
        AssertRefused(
            s => s.Edit(TestSteps.ImageDemoDelete, "a1bdbb1b-ea3e-db11-86a7-000a3a5473e8", "f2bdbb1b-ea3e-db11-86a7-000a3a5473e8"),
            TestSteps.ImageDemoDelete,
            "the Retrieve message does not support entity images");
    }

    [TestMethod]
    public void An_image_taken_from_the_wrong_message_property_is_refused()
    {
        AssertRefused(
            s => s.Edit(TestSteps.StageDemoPostOperation, "<MessagePropertyName>id</MessagePropertyName>", "<MessagePropertyName>Target</MessagePropertyName>"),
            TestSteps.StageDemoPostOperation,
            "MessagePropertyName 'Target' is not valid for Create");
    }

    [TestMethod]
    public void A_step_on_an_unknown_SdkMessageId_is_refused_with_the_known_messages()
    {
        AssertRefused(
            s => s.Edit(TestSteps.FilterDemo, "20bebb1b-ea3e-db11-86a7-000a3a5473e8", "12345678-ea3e-db11-86a7-000a3a5473e8"),
            TestSteps.FilterDemo,
            "SdkMessageId 12345678-ea3e-db11-86a7-000a3a5473e8 is not a platform message");
    }

    [TestMethod]
    public void Two_plugin_types_with_the_same_id_are_refused()
    {
        AssertRefused(
            s => s.Edit(TestSteps.AssemblyData, $"PluginTypeId=\"{TestSteps.CustomApiPluginId}\"", $"PluginTypeId=\"{TestSteps.ProbePluginId}\""),
            TestSteps.AssemblyData,
            "is declared twice");
    }

    [TestMethod]
    public void A_Custom_API_naming_a_plugin_type_the_assembly_does_not_declare_is_refused()
    {
        AssertRefused(
            s => s.Edit(TestSteps.TestEchoApi, TestSteps.CustomApiPluginId, "00000000-0000-0000-0000-00000000beef"),
            TestSteps.TestEchoApi,
            "is not declared");
    }

    [TestMethod]
    public void A_Custom_API_without_a_plugin_type_is_refused()
    {
        AssertRefused(
            s => s.Edit(TestSteps.TestPingApi, $"<plugintypeexportkey>{TestSteps.CustomApiPluginId}</plugintypeexportkey>", string.Empty),
            TestSteps.TestPingApi,
            "names no plugin type");
    }

    [TestMethod]
    public void A_bound_Custom_API_without_its_table_is_refused()
    {
        AssertRefused(
            s => s.Edit(TestSteps.TestPingApi, "<boundentitylogicalname>rx_stagedemo</boundentitylogicalname>", string.Empty),
            TestSteps.TestPingApi,
            "needs <boundentitylogicalname>");
    }

    [TestMethod]
    public void A_Custom_API_parameter_of_an_unknown_type_is_refused()
    {
        const string file = "customapis/rx_TestEcho/customapirequestparameters/rx_Times/customapirequestparameter.xml";
        AssertRefused(s => s.Edit(file, "<type>7</type>", "<type>13</type>"), file, "type 13 is not a Custom API parameter type");
    }

    [TestMethod]
    public void An_optional_response_property_is_refused()
    {
        const string file = "customapis/rx_TestEcho/customapiresponseproperties/rx_Echo/customapiresponseproperty.xml";
        AssertRefused(s => s.Edit(file, "<type>10</type>", "<isoptional>1</isoptional><type>10</type>"), file, "cannot be optional");
    }

    private static void AssertRefused(Action<ScratchSolution> breakIt, string file, string problem)
    {
        using var scratch = new ScratchSolution(SolutionFolders.TestSolution);
        breakIt(scratch);

        var error = Assert.ThrowsExactly<SolutionFormatException>(() => SolutionReader.Read(scratch.Folder));

        Assert.AreEqual(file, error.FilePath);
        StringAssert.StartsWith(error.Message, file);
        Assert.Contains(problem, error.Message);
    }
}
