using System.ServiceModel;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Reactivation.LocalOrg.Solution;
using Reactivation.LocalOrg.TestPlugins;

namespace Reactivation.LocalOrg.Tests.Solution;

/// <summary>
/// The pipeline rules, driven end to end through the test solution folder: every step here was
/// loaded from SdkMessageProcessingSteps/*.xml and customapis/, none registered in code.
/// </summary>
[TestClass]
public sealed class SolutionDrivenPipelineTests
{
    private const string ConfigDemoSecure = "secret=42";

    [TestMethod]
    public void A_step_loaded_from_the_solution_fires_on_create()
    {
        var org = NewOrganization();

        Service(org).Create(new Entity("rx_stagedemo") { ["rx_name"] = "demo" });

        var probe = Probes(org, "stagedemo-prevalidation").Single();
        Assert.AreEqual("Create", probe["message"]);
        Assert.AreEqual("rx_stagedemo", probe["entity"]);
        Assert.AreEqual("10", probe["stage"]);
        Assert.AreEqual("1", probe["depth"]);
    }

    [TestMethod]
    public void PreValidation_runs_before_the_transaction_and_PreOperation_and_PostOperation_inside_it()
    {
        var org = NewOrganization();

        Service(org).Create(new Entity("rx_stagedemo"));

        Assert.AreEqual("False", Probes(org, "stagedemo-prevalidation").Single()["intransaction"]);
        Assert.AreEqual("True", Probes(org, "stagedemo-preoperation").Single()["intransaction"]);
        Assert.AreEqual("True", Probes(org, "stagedemo-postoperation").Single()["intransaction"]);
        var order = org.TraceLog.Where(r => r.PrimaryEntityName == "rx_stagedemo").Select(r => r.Stage).ToList();
        CollectionAssert.AreEqual(new List<int> { 10, 20, 20, 40 }, order);
    }

    [TestMethod]
    public void A_PreOperation_change_to_the_Target_is_saved_with_the_record_and_seen_by_the_next_step()
    {
        var org = NewOrganization();

        var id = Service(org).Create(new Entity("rx_stagedemo"));

        var saved = Service(org).Retrieve("rx_stagedemo", id, new ColumnSet("rx_stamp"));
        Assert.AreEqual("set-at-preoperation", saved.GetAttributeValue<string>("rx_stamp"));
        Assert.AreEqual("set-at-preoperation", Probes(org, "stagedemo-preoperation").Single()["target.rx_stamp"], "Rank 2 runs after rank 1 and sees its change.");
    }

    [TestMethod]
    public void A_shared_variable_set_at_PreValidation_is_seen_at_PreOperation_through_the_parent_context()
    {
        var org = NewOrganization();

        Service(org).Create(new Entity("rx_stagedemo"));

        var preOperation = Probes(org, "stagedemo-preoperation").Single();
        Assert.AreEqual("True", preOperation["parent"]);
        Assert.Contains("fromprevalidation", preOperation["parentshared"]);
    }

    [TestMethod]
    public void The_Create_post_image_registered_on_id_carries_the_saved_record()
    {
        var org = NewOrganization();

        Service(org).Create(new Entity("rx_stagedemo") { ["rx_name"] = "demo" });

        var columns = Probes(org, "stagedemo-postoperation").Single()["post[PostImage]"].Split(',');
        CollectionAssert.IsSubsetOf(new List<string> { "rx_name", "rx_stamp" }, columns);
    }

    [TestMethod]
    public void A_PostOperation_step_creates_a_related_record_in_the_same_operation()
    {
        var org = NewOrganization();

        var parentId = Service(org).Create(new Entity("rx_rollbackparent"));

        var child = Service(org).RetrieveMultiple(new QueryExpression("rx_rollbackchild") { ColumnSet = new ColumnSet("rx_parentid") }).Entities.Single();
        Assert.AreEqual(parentId, child.GetAttributeValue<EntityReference>("rx_parentid").Id);
        var nested = org.RequestLog.Single(r => r.RequestName == "Create" && r.EntityName == "rx_rollbackchild");
        Assert.AreEqual(RequestOrigin.Plugin, nested.Origin);
    }

    [TestMethod]
    public void A_sync_PostOperation_failure_rolls_back_the_create_including_a_nested_create_by_another_plugin()
    {
        var org = NewOrganization();

        Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(
            () => Service(org).Create(new Entity("rx_rollbackparent") { ["rx_fail"] = true }));

        Assert.IsEmpty(Service(org).RetrieveMultiple(new QueryExpression("rx_rollbackparent")).Entities);
        Assert.IsEmpty(Service(org).RetrieveMultiple(new QueryExpression("rx_rollbackchild")).Entities);
        Assert.IsTrue(org.TraceLog.Any(r => r.PrimaryEntityName == "rx_rollbackparent" && r.Stage == 40), "Trace rows survive the rollback.");
    }

    [TestMethod]
    public void The_plugin_exception_message_reaches_the_caller_unwrapped()
    {
        var org = NewOrganization();

        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(
            () => Service(org).Create(new Entity("rx_rollbackparent") { ["rx_fail"] = true }));

        Assert.AreEqual("The parent was refused after its child was created.", fault.Message);
        Assert.AreEqual("The parent was refused after its child was created.", fault.Detail.Message);
        Assert.AreEqual(DataverseErrorCodes.IsvAborted, fault.Detail.ErrorCode);
    }

    [TestMethod]
    public void Any_other_plugin_exception_reaches_the_caller_as_an_unexpected_error_from_ISV_code()
    {
        var org = NewOrganization();

        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(
            () => Service(org).Create(new Entity("rx_rollbackparent") { ["rx_failunexpectedly"] = true }));

        Assert.AreEqual("An unexpected error occurred from ISV code.", fault.Message);
        Assert.DoesNotContain("Internal detail", fault.Message);
        Assert.IsEmpty(Service(org).RetrieveMultiple(new QueryExpression("rx_rollbackparent")).Entities);
    }

    [TestMethod]
    public void An_Update_step_with_filtering_attributes_fires_only_when_a_listed_column_is_in_the_Target()
    {
        var org = NewOrganization();
        var id = Service(org).Create(new Entity("rx_filterdemo"));

        Service(org).Update(new Entity("rx_filterdemo", id) { ["rx_other"] = 1 });
        Assert.IsEmpty(Probes(org, "filterdemo"), "rx_other is not a filtering attribute.");

        Service(org).Update(new Entity("rx_filterdemo", id) { ["rx_alsowatched"] = 1, ["rx_other"] = 2 });
        Assert.HasCount(1, Probes(org, "filterdemo"));
    }

    [TestMethod]
    public void Filtering_attributes_do_not_stop_the_step_when_the_Create_carries_no_listed_column()
    {
        // The filterdemo step is on Update; a Create of the same table runs no Update step at all.
        var org = NewOrganization();

        Service(org).Create(new Entity("rx_filterdemo") { ["rx_watched"] = 1 });

        Assert.IsEmpty(Probes(org, "filterdemo"));
    }

    [TestMethod]
    public void Pre_and_post_images_contain_exactly_the_registered_attribute_lists()
    {
        var org = NewOrganization();
        var id = Service(org).Create(new Entity("rx_imagedemo") { ["rx_a"] = 1, ["rx_b"] = 2, ["rx_c"] = 3 });

        Service(org).Update(new Entity("rx_imagedemo", id) { ["rx_c"] = 4 });

        var probe = Probes(org, "imagedemo-update").Single();
        Assert.AreEqual("rx_a,rx_b", probe["pre[PreImage]"]);
        Assert.AreEqual("rx_a", probe["post[PostImage]"]);
        Assert.Contains("rx_c", probe["target"]);
    }

    [TestMethod]
    public void A_Delete_PreValidation_step_gets_its_pre_image()
    {
        var org = NewOrganization();
        var id = Service(org).Create(new Entity("rx_imagedemo") { ["rx_a"] = 1, ["rx_b"] = 2 });

        Service(org).Delete("rx_imagedemo", id);

        var probe = Probes(org, "imagedemo-delete").Single();
        Assert.AreEqual("rx_a", probe["pre[PreImage]"]);
        Assert.AreEqual("Delete", probe["message"]);
    }

    [TestMethod]
    public void Unsecure_configuration_from_the_solution_and_secure_configuration_from_the_host_reach_the_plugin_constructor()
    {
        var org = NewOrganization(new Dictionary<Guid, string> { [TestSteps.ConfigDemoStepId] = ConfigDemoSecure });

        Service(org).Create(new Entity("rx_configdemo"));

        var probe = Probes(org, "configdemo").Single();
        Assert.AreEqual("label=configdemo", probe["unsecure"]);
        Assert.AreEqual(ConfigDemoSecure, probe["secure"]);
    }

    [TestMethod]
    public void Without_a_secure_configuration_from_the_host_the_plugin_gets_none()
    {
        var org = NewOrganization();

        Service(org).Create(new Entity("rx_configdemo"));

        Assert.AreEqual("-", Probes(org, "configdemo").Single()["secure"]);
    }

    [TestMethod]
    public void Secure_configuration_for_a_step_the_solution_lacks_is_refused()
    {
        var org = new LocalOrganization(Options());

        var error = Assert.ThrowsExactly<ArgumentException>(
            () => org.LoadSolution(SolutionFolders.TestSolution, new Dictionary<Guid, string> { [Guid.Empty] = "x" }));

        Assert.Contains(Guid.Empty.ToString(), error.Message);
        Assert.IsEmpty(org.Steps);
    }

    [TestMethod]
    public void The_plugin_instance_is_reused_across_executions()
    {
        var org = NewOrganization();

        Service(org).Create(new Entity("rx_counterdemo"));
        Service(org).Create(new Entity("rx_counterdemo"));

        var lines = org.TraceLog.SelectMany(r => r.Lines).Where(l => l.StartsWith("counter[counterdemo]=", StringComparison.Ordinal)).ToList();
        CollectionAssert.AreEqual(new List<string> { "counter[counterdemo]=1", "counter[counterdemo]=2" }, lines);
    }

    [TestMethod]
    public void A_plugin_that_keeps_updating_its_own_record_is_stopped_past_depth_8_and_rolled_back()
    {
        var org = NewOrganization();
        var id = Service(org).Create(new Entity("rx_recursiondemo"));

        var fault = Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(
            () => Service(org).Update(new Entity("rx_recursiondemo", id) { ["rx_name"] = "go" }));

        Assert.Contains("infinite loop", fault.Message);
        var depths = org.TraceLog.Where(r => r.PrimaryEntityName == "rx_recursiondemo").Select(r => r.Depth).Distinct().Order().ToList();
        CollectionAssert.AreEqual(Enumerable.Range(1, 8).ToList(), depths, "The step ran at depths 1 to 8, and the ninth level was refused.");
        var saved = Service(org).Retrieve("rx_recursiondemo", id, new ColumnSet("rx_name", "rx_depthseen"));
        Assert.IsFalse(saved.Contains("rx_name"));
        Assert.IsFalse(saved.Contains("rx_depthseen"));
    }

    [TestMethod]
    public void An_async_step_runs_only_when_the_async_service_is_pumped_outside_the_transaction()
    {
        var org = NewOrganization();

        Service(org).Create(new Entity("rx_asyncdemo"));
        Assert.IsEmpty(Probes(org, "asyncdemo"));
        Assert.IsTrue(org.AsyncOperations.All(o => o.Status == AsyncOperationStatus.Waiting));
        Assert.HasCount(2, org.AsyncOperations);

        org.PumpAsyncOperations();

        var probe = Probes(org, "asyncdemo").Single();
        Assert.AreEqual("1", probe["mode"]);
        Assert.AreEqual("40", probe["stage"]);
        Assert.AreEqual("False", probe["intransaction"]);
    }

    [TestMethod]
    public void An_async_step_failure_is_recorded_on_its_system_job_and_does_not_roll_back_the_create()
    {
        var org = NewOrganization();

        var id = Service(org).Create(new Entity("rx_asyncdemo"));
        org.PumpAsyncOperations();

        var failed = org.AsyncOperations.Single(o => o.Status == AsyncOperationStatus.Failed);
        Assert.AreEqual("The async step failed on purpose.", failed.Message);
        Assert.AreEqual(id, failed.PrimaryEntityId);
        Assert.AreEqual(AsyncOperationStatus.Succeeded, org.AsyncOperations.Single(o => o != failed).Status);
        Assert.AreEqual(id, Service(org).Retrieve("rx_asyncdemo", id, new ColumnSet(false)).Id);
    }

    [TestMethod]
    public void A_Custom_API_declared_in_customapis_runs_its_plugin_at_stage_30_with_its_input_parameters()
    {
        var org = NewOrganization();
        var request = new OrganizationRequest("rx_TestEcho")
        {
            ["rx_Text"] = "ab",
            ["rx_Times"] = 3,
        };

        var response = Service(org).Execute(request);

        Assert.AreEqual("ababab", response.Results["rx_Echo"]);
        Assert.AreEqual(30, response.Results["rx_Stage"]);
        Assert.AreEqual(30, org.TraceLog.Single(r => r.MessageName == "rx_TestEcho").Stage);
    }

    [TestMethod]
    public void A_Custom_API_call_without_a_required_parameter_is_refused_before_its_plugin_runs()
    {
        var org = NewOrganization();

        Assert.ThrowsExactly<FaultException<OrganizationServiceFault>>(
            () => Service(org).Execute(new OrganizationRequest("rx_TestEcho") { ["rx_Times"] = 2 }));

        Assert.IsFalse(org.TraceLog.Any(r => r.MessageName == "rx_TestEcho"));
    }

    [TestMethod]
    public void Loading_registers_every_step_and_Custom_API_of_the_solution()
    {
        var org = NewOrganization();

        Assert.HasCount(15, org.Steps);
        Assert.HasCount(2, org.CustomApis);
    }

    [TestMethod]
    public void The_product_solution_loads_its_steps_and_Custom_APIs()
    {
        var org = new LocalOrganization(new LocalOrganizationOptions { PluginAssemblies = [typeof(Reactivation.Plugins.Pipeline.PluginBase).Assembly] });

        var solution = org.LoadSolution(SolutionFolders.ProductSolution);

        Assert.AreEqual("Reactivation", solution.UniqueName);
        var lifecycle = org.Steps.Where(s => s.PluginTypeName == "Reactivation.Plugins.Lifecycle.ContactLifecyclePlugin").ToList();
        CollectionAssert.AreEquivalent(new[] { "Create", "Update" }, lifecycle.Select(s => s.MessageName).ToArray());
        Assert.IsTrue(lifecycle.All(s => s.Stage == 20 && s.PrimaryEntity == "contact" && s.Mode == 0));
        var orders = org.Steps.Where(s => s.PluginTypeName == "Reactivation.Plugins.Orders.OrderPurchasePlugin").ToList();
        CollectionAssert.AreEquivalent(new[] { "Create", "Update" }, orders.Select(s => s.MessageName).ToArray());
        Assert.IsTrue(orders.All(s => s.Stage == 40 && s.PrimaryEntity == "salesorder" && s.Mode == 0));
        var outreach = org.Steps.Single(s => s.PluginTypeName == "Reactivation.Plugins.Outreach.ContactOutreachPlugin");
        Assert.IsTrue(outreach is { MessageName: "Update", PrimaryEntity: "contact", Stage: 40, Mode: 0 });
        var rulesets = org.Steps.Where(s => s.PrimaryEntity == "rx_ruleset").ToList();
        Assert.IsTrue(rulesets.Where(s => s.PluginTypeName == "Reactivation.Plugins.Rulesets.RulesetValidationPlugin").All(s => s.Stage == 10 && s.Mode == 0));
        Assert.IsTrue(rulesets.Where(s => s.PluginTypeName == "Reactivation.Plugins.Rulesets.RulesetActivationPlugin").All(s => s.Stage == 40 && s.Mode == 0));
        Assert.HasCount(4, rulesets);
        var responses = org.Steps.Where(s => s.PluginTypeName.StartsWith("Reactivation.Plugins.Responses.", StringComparison.Ordinal)).ToList();
        CollectionAssert.AreEquivalent(new[] { "rx_outreachmessage 40", "rx_reactivationattempt 20", "task 40", "phonecall 40" }, responses.Select(s => s.PrimaryEntity + " " + s.Stage).ToArray());
        var campaigns = org.Steps.Where(s => s.PrimaryEntity == "rx_campaign").ToList();
        Assert.IsTrue(campaigns.All(s => s.PluginTypeName == "Reactivation.Plugins.Campaigns.CampaignValidationPlugin" && s.Stage == 10 && s.Mode == 0));
        CollectionAssert.AreEquivalent(new[] { "Create", "Update" }, campaigns.Select(s => s.MessageName).ToArray());
        Assert.HasCount(15, org.Steps);
        CollectionAssert.AreEquivalent(new[] { "rx_EvaluateDueContacts", "rx_ExplainContact", "rx_InitialiseContacts", "rx_ReactivationReport" }, org.CustomApis.Select(c => c.UniqueName).ToArray());
    }

    [TestMethod]
    public void A_step_whose_plugin_assembly_the_host_did_not_give_is_refused_naming_the_step_and_the_type()
    {
        var org = new LocalOrganization(new LocalOrganizationOptions { PluginAssemblies = [typeof(Reactivation.Plugins.Pipeline.PluginBase).Assembly] });

        var error = Assert.ThrowsExactly<SolutionFormatException>(() => org.LoadSolution(SolutionFolders.TestSolution));

        StringAssert.StartsWith(error.Message, "SdkMessageProcessingSteps/");
        Assert.Contains("Reactivation.LocalOrg.TestPlugins.", error.Message);
        Assert.Contains("not among the plugin assemblies", error.Message);
        Assert.IsEmpty(org.Steps, "Nothing is registered when the solution cannot be loaded.");
    }

    [TestMethod]
    public void A_step_naming_a_type_missing_from_the_plugin_assembly_is_refused_naming_the_step_and_the_type()
    {
        using var scratch = new ScratchSolution(SolutionFolders.TestSolution);
        scratch.Edit(TestSteps.AssemblyData, "TestPlugins.CounterPlugin", "TestPlugins.RetiredPlugin");
        scratch.Edit("SdkMessageProcessingSteps/{b0b58e1a-c6f3-5f5e-b0ed-edbf8c4c25db}.xml", "TestPlugins.CounterPlugin", "TestPlugins.RetiredPlugin");
        var org = new LocalOrganization(Options());

        var error = Assert.ThrowsExactly<SolutionFormatException>(() => org.LoadSolution(scratch.Folder));

        Assert.AreEqual("SdkMessageProcessingSteps/{b0b58e1a-c6f3-5f5e-b0ed-edbf8c4c25db}.xml", error.FilePath);
        Assert.Contains("step 'Reactivation.LocalOrg.TestPlugins.RetiredPlugin: Create of rx_counterdemo'", error.Message);
        Assert.Contains("'Reactivation.LocalOrg.TestPlugins.RetiredPlugin'", error.Message);
        Assert.IsEmpty(org.Steps);
    }

    [TestMethod]
    public void An_image_the_local_organisation_cannot_produce_is_refused_naming_the_step_file()
    {
        using var scratch = new ScratchSolution(SolutionFolders.TestSolution);
        scratch.Edit(TestSteps.ImageDemoDelete, "a1bdbb1b-ea3e-db11-86a7-000a3a5473e8", "8cbdbb1b-ea3e-db11-86a7-000a3a5473e8");
        var org = new LocalOrganization(Options());

        var error = Assert.ThrowsExactly<SolutionFormatException>(() => org.LoadSolution(scratch.Folder));

        Assert.AreEqual(TestSteps.ImageDemoDelete, error.FilePath);
        Assert.Contains("Assign", error.Message);
    }

    private static LocalOrganizationOptions Options() => new() { PluginAssemblies = [typeof(ProbePlugin).Assembly] };

    private static LocalOrganization NewOrganization(IReadOnlyDictionary<Guid, string>? secureConfigurations = null)
    {
        var org = new LocalOrganization(Options());
        org.LoadSolution(SolutionFolders.TestSolution, secureConfigurations);
        return org;
    }

    private static IOrganizationService Service(LocalOrganization org) => org.CreateOrganizationService(null);

    /// <summary>The ProbePlugin lines with this label, each as its key=value pairs.</summary>
    private static List<Dictionary<string, string>> Probes(LocalOrganization org, string label) =>
        org.TraceLog
            .SelectMany(r => r.Lines)
            .Where(l => l.StartsWith($"probe[{label}] ", StringComparison.Ordinal))
            .Select(l => l.Split(' ').Skip(1).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal))
            .ToList();
}
