using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.PluginTelemetry;
using Microsoft.Xrm.Sdk.Query;
using Reactivation.LocalOrg.Registration;
using Reactivation.LocalOrg.Tests.Store;

namespace Reactivation.LocalOrg.Tests.Pipeline;

[TestClass]
public sealed class ContextTests
{
    [TestMethod]
    public void SharedVariables_set_at_PreOperation_are_seen_at_PostOperation()
    {
        var org = TestOrg.Create();
        object? seen = null;
        org.Step("Create", "contact", 20, run => run.Context.SharedVariables["rx_stagechanged"] = true);
        org.Step("Create", "contact", 40, run => seen = run.Context.SharedVariables["rx_stagechanged"]);

        org.CreateOrganizationService(null).Create(new Entity("contact"));

        Assert.IsTrue((bool?)seen);
    }

    [TestMethod]
    public void PreValidation_shared_variables_are_read_through_ParentContext_at_later_stages()
    {
        var org = TestOrg.Create();
        bool inOwnCollection = true;
        object? throughParent = null;
        org.Step("Create", "contact", 10, run => run.Context.SharedVariables["rx_validated"] = "yes");
        org.Step("Create", "contact", 40, run =>
        {
            inOwnCollection = run.Context.SharedVariables.ContainsKey("rx_validated");
            throughParent = run.Context.ParentContext?.SharedVariables["rx_validated"];
        });

        org.CreateOrganizationService(null).Create(new Entity("contact"));

        Assert.IsFalse(inOwnCollection);
        Assert.AreEqual("yes", throughParent);
    }

    [TestMethod]
    public void The_tag_parameter_appears_as_a_shared_variable()
    {
        var org = TestOrg.Create();
        object? tag = null;
        org.Step("Create", "contact", 20, run => tag = run.Context.SharedVariables["tag"]);

        org.CreateOrganizationService(null).Execute(new Microsoft.Xrm.Sdk.Messages.CreateRequest { Target = new Entity("contact"), ["tag"] = "import-2026-03" });

        Assert.AreEqual("import-2026-03", tag);
    }

    [TestMethod]
    public void A_nested_operation_has_the_calling_plugin_as_its_ParentContext_and_shares_the_CorrelationId()
    {
        var org = TestOrg.Create();
        IPluginExecutionContext? outer = null, nested = null;
        org.Step("Create", "contact", 40, run =>
        {
            outer = run.Context;
            run.Service.Create(new Entity("task"));
        });
        org.Step("Create", "task", 10, run => nested = run.Context);

        org.CreateOrganizationService(null).Create(new Entity("contact"));

        Assert.AreSame(outer, nested!.ParentContext);
        Assert.AreEqual(outer!.CorrelationId, nested.CorrelationId);
        Assert.AreNotEqual(outer.OperationId, nested.OperationId);
    }

    [TestMethod]
    public void Separate_calls_from_outside_get_separate_CorrelationIds()
    {
        var org = TestOrg.Create();
        var ids = new List<Guid>();
        org.Step("Create", "contact", 20, run => ids.Add(run.Context.CorrelationId));
        var service = org.CreateOrganizationService(null);

        service.Create(new Entity("contact"));
        service.Create(new Entity("contact"));

        Assert.AreNotEqual(ids[0], ids[1]);
    }

    [TestMethod]
    public void Depth_is_1_for_an_outside_call_and_grows_by_one_with_each_nested_call()
    {
        var org = TestOrg.Create();
        var depths = new Dictionary<string, int>();
        org.Step("Create", "contact", 40, run =>
        {
            depths["contact"] = run.Context.Depth;
            run.Service.Create(new Entity("task"));
        });
        org.Step("Create", "task", 40, run =>
        {
            depths["task"] = run.Context.Depth;
            run.Service.Create(new Entity("rx_incentive"));
        });
        org.Step("Create", "rx_incentive", 20, run => depths["rx_incentive"] = run.Context.Depth);

        org.CreateOrganizationService(null).Create(new Entity("contact"));

        Assert.AreEqual(1, depths["contact"]);
        Assert.AreEqual(2, depths["task"]);
        Assert.AreEqual(3, depths["rx_incentive"]);
    }

    [TestMethod]
    public void Depth_past_8_fails_the_operation_as_an_infinite_loop_and_rolls_everything_back()
    {
        var org = TestOrg.Create();
        var deepest = 0;
        // The classic loop: an update plugin that updates its own row, with no filtering attributes.
        org.Step("Update", "contact", 40, run =>
        {
            deepest = run.Context.Depth;
            run.Service.Update(new Entity("contact", run.Context.PrimaryEntityId) { ["rx_counter"] = run.Context.Depth });
        });
        var service = org.CreateOrganizationService(null);
        var id = service.Create(new Entity("contact") { ["rx_counter"] = 0 });

        var fault = Faults.Expect(() => service.Update(new Entity("contact", id) { ["rx_counter"] = 1 }), DataverseErrorCodes.InfiniteLoop);

        Assert.AreEqual(8, deepest);
        StringAssert.Contains(fault.Message, "infinite loop");
        Assert.AreEqual(0, service.Retrieve("contact", id, new ColumnSet("rx_counter"))["rx_counter"]);
    }

    [TestMethod]
    public void UserId_is_the_callers_and_InitiatingUserId_stays_the_original_caller_under_impersonation()
    {
        var org = TestOrg.Create();
        var caller = Guid.NewGuid();
        var serviceAccount = Guid.NewGuid();
        (Guid User, Guid Initiating)? outer = null, nested = null;
        org.Step("Create", "contact", 40, run =>
        {
            outer = (run.Context.UserId, run.Context.InitiatingUserId);
            run.Factory.CreateOrganizationService(serviceAccount).Create(new Entity("task"));
        });
        org.Step("Create", "task", 20, run => nested = (run.Context.UserId, run.Context.InitiatingUserId));
        var service = org.CreateOrganizationService(caller);

        service.Create(new Entity("contact"));

        Assert.AreEqual((caller, caller), outer);
        Assert.AreEqual((serviceAccount, caller), nested);
        var task = service.RetrieveMultiple(new QueryExpression("task") { ColumnSet = new ColumnSet("createdby", "ownerid") }).Entities.Single();
        Assert.AreEqual(serviceAccount, task.GetAttributeValue<EntityReference>("createdby").Id);
        Assert.AreEqual(serviceAccount, task.GetAttributeValue<EntityReference>("ownerid").Id);
    }

    [TestMethod]
    public void CreateOrganizationService_with_null_runs_as_the_SYSTEM_user()
    {
        var org = TestOrg.Create();
        Guid? nestedUser = null;
        org.Step("Create", "contact", 40, run => run.Factory.CreateOrganizationService(null).Create(new Entity("task")));
        org.Step("Create", "task", 20, run => nestedUser = run.Context.UserId);

        org.CreateOrganizationService(Guid.NewGuid()).Create(new Entity("contact"));

        Assert.AreEqual(org.Options.SystemUserId, nestedUser);
    }

    [TestMethod]
    public void Unsecure_and_secure_configuration_reach_the_plugins_constructor()
    {
        var org = TestOrg.Create();
        string? secure = null;
        org.Step("Create", "contact", 20, run => secure = run.Plugin.SecureConfiguration, secure: "api-key=123");

        org.CreateOrganizationService(null).Create(new Entity("contact"));

        Assert.AreEqual("api-key=123", secure);
    }

    [TestMethod]
    public void A_plugin_with_only_a_string_constructor_gets_the_unsecure_configuration()
    {
        var org = TestOrg.Create();
        var key = Guid.NewGuid().ToString();
        org.Register(new StepRegistration(Guid.NewGuid(), "unsecure only", "Create", "contact", 20, 0, 1, [], [], typeof(UnsecureOnlyPlugin).FullName!, key, "secret"));

        org.CreateOrganizationService(null).Create(new Entity("contact"));

        Assert.IsTrue(UnsecureOnlyPlugin.Seen.ContainsKey(key));
    }

    [TestMethod]
    public void Reconfiguring_a_step_after_import_builds_a_new_instance_with_the_new_configuration()
    {
        var org = TestOrg.Create();
        var stepId = Guid.NewGuid();
        var before = Guid.NewGuid().ToString();
        var after = Guid.NewGuid().ToString();
        org.Register(new StepRegistration(stepId, "unsecure only", "Create", "contact", 20, 0, 1, [], [], typeof(UnsecureOnlyPlugin).FullName!, before, null));
        var service = org.CreateOrganizationService(null);
        service.Create(new Entity("contact"));

        Assert.AreEqual(before, org.ConfigureStep(stepId, after), "the configuration it replaced");
        service.Create(new Entity("contact"));

        Assert.IsTrue(UnsecureOnlyPlugin.Seen.ContainsKey(after), "the next execution runs with the new configuration");
        Assert.AreEqual(after, org.Steps.Single(s => s.StepId == stepId).UnsecureConfiguration);
        Assert.ThrowsExactly<ArgumentException>(() => org.ConfigureStep(Guid.NewGuid(), "x"));
    }

    [TestMethod]
    public void A_plugin_with_a_parameterless_constructor_runs()
    {
        var org = TestOrg.Create();
        org.Register(new StepRegistration(Guid.NewGuid(), "parameterless", "Create", "contact", 20, 0, 1, [], [], typeof(ParameterlessPlugin).FullName!, "ignored", null));
        var service = org.CreateOrganizationService(null);

        var id = service.Create(new Entity("contact"));

        Assert.AreEqual("stage 20", service.Retrieve("contact", id, new ColumnSet("description"))["description"]);
    }

    [TestMethod]
    public void Registering_a_type_that_is_not_a_plugin_or_cannot_be_found_fails()
    {
        var org = TestOrg.Create();

        Assert.ThrowsExactly<ArgumentException>(() => org.Register(new StepRegistration(Guid.NewGuid(), "x", "Create", "contact", 20, 0, 1, [], [], typeof(NotAPlugin).FullName!, null, null)));
        var missing = Assert.ThrowsExactly<ArgumentException>(() => org.Register(new StepRegistration(Guid.NewGuid(), "y", "Create", "contact", 20, 0, 1, [], [], "Nowhere.MissingPlugin", null, null)));
        StringAssert.Contains(missing.Message, "Nowhere.MissingPlugin");
    }

    [TestMethod]
    public void One_plugin_instance_is_reused_across_executions_so_state_in_fields_carries_over()
    {
        var org = TestOrg.Create();
        var instances = new HashSet<DelegatePlugin>();
        var counts = new List<int>();
        org.Step("Create", "contact", 20, run =>
        {
            instances.Add(run.Plugin);
            counts.Add(run.Plugin.Executions);
        });
        var service = org.CreateOrganizationService(null);

        service.Create(new Entity("contact"));
        service.Create(new Entity("contact"));
        service.Create(new Entity("contact"));

        Assert.HasCount(1, instances);
        CollectionAssert.AreEqual(new[] { 1, 2, 3 }, counts);
    }

    [TestMethod]
    public void Trace_lines_are_kept_per_execution_and_formatted_only_when_there_are_arguments()
    {
        var org = TestOrg.Create();
        org.Step("Create", "contact", 20, run =>
        {
            run.Tracing.Trace("stage {0} after {1} days", "Sleeping", 120);
            run.Tracing.Trace("braces {kept} when there are no arguments");
        }, name: "Lifecycle");

        org.CreateOrganizationService(null).Create(new Entity("contact"));
        org.CreateOrganizationService(null).Create(new Entity("contact"));

        var rows = org.TraceLog.Where(t => t.StepName == "Lifecycle").ToList();
        Assert.HasCount(2, rows);
        CollectionAssert.AreEqual(new[] { "stage Sleeping after 120 days", "braces {kept} when there are no arguments" }, rows[0].Lines.ToArray());
        Assert.AreEqual("Create", rows[0].MessageName);
        Assert.AreEqual("contact", rows[0].PrimaryEntityName);
        Assert.AreEqual(20, rows[0].Stage);
        Assert.AreEqual(1, rows[0].Depth);
        Assert.AreNotEqual(rows[0].CorrelationId, rows[1].CorrelationId);
    }

    [TestMethod]
    public void The_service_provider_answers_the_documented_services_and_null_for_others()
    {
        var org = TestOrg.Create();
        var answers = new Dictionary<string, object?>();
        org.Step("Create", "contact", 20, run =>
        {
            answers["context"] = run.Services.GetService(typeof(IPluginExecutionContext));
            answers["context4"] = run.Services.GetService(typeof(IPluginExecutionContext4));
            answers["factory"] = run.Services.GetService(typeof(IOrganizationServiceFactory));
            answers["tracing"] = run.Services.GetService(typeof(ITracingService));
            answers["logger"] = run.Services.GetService(typeof(ILogger));
            answers["unknown"] = run.Services.GetService(typeof(IDisposable));
        });

        org.CreateOrganizationService(null).Create(new Entity("contact"));

        Assert.IsInstanceOfType<IPluginExecutionContext>(answers["context"]);
        Assert.AreSame(answers["context"], answers["context4"]);
        Assert.IsInstanceOfType<IOrganizationServiceFactory>(answers["factory"]);
        Assert.IsInstanceOfType<ITracingService>(answers["tracing"]);
        Assert.IsInstanceOfType<ILogger>(answers["logger"]);
        Assert.IsNull(answers["unknown"]);
    }

    [TestMethod]
    public void OperationCreatedOn_follows_the_organisations_clock_so_simulated_time_reaches_plugins()
    {
        var simulated = new DateTime(1997, 6, 30, 8, 0, 0, DateTimeKind.Utc);
        var org = TestOrg.Create(() => simulated);
        var seen = new List<DateTime>();
        org.Step("Create", "contact", 20, run => seen.Add(run.Context.OperationCreatedOn));
        var service = org.CreateOrganizationService(null);

        service.Create(new Entity("contact"));
        simulated = simulated.AddDays(91);
        service.Create(new Entity("contact"));

        CollectionAssert.AreEqual(new[] { new DateTime(1997, 6, 30, 8, 0, 0), new DateTime(1997, 9, 29, 8, 0, 0) }, seen);
    }

    [TestMethod]
    public void The_context_describes_the_step_message_and_organisation()
    {
        var org = TestOrg.Create();
        IPluginExecutionContext? context = null;
        var step = org.Step("Create", "contact", 20, run => context = run.Context);

        org.CreateOrganizationService(null).Create(new Entity("contact"));

        Assert.AreEqual("Create", context!.MessageName);
        Assert.AreEqual("contact", context.PrimaryEntityName);
        Assert.AreEqual(0, context.Mode);
        Assert.AreEqual(2, context.IsolationMode);
        Assert.AreEqual(step.StepId, context.OwningExtension!.Id);
        Assert.AreEqual("sdkmessageprocessingstep", context.OwningExtension.LogicalName);
        Assert.AreEqual(org.Options.OrganizationId, context.OrganizationId);
        Assert.AreEqual(org.Options.BusinessUnitId, context.BusinessUnitId);
        Assert.IsInstanceOfType<Entity>(context.InputParameters["Target"]);
    }

    [TestMethod]
    public void The_request_log_attributes_each_round_trip_to_the_caller_or_to_the_plugin_step_and_depth()
    {
        var org = TestOrg.Create();
        org.Step("Create", "contact", 40, run => run.Service.Create(new Entity("task")), name: "Follow-up writer");
        var service = org.CreateOrganizationService(null);
        service.Create(new Entity("account"));
        org.ClearLogs();

        service.Create(new Entity("contact"));

        var log = org.RequestLog;
        Assert.HasCount(2, log);
        Assert.AreEqual(new RequestRecord(log[0].Sequence, "Create", "contact", RequestOrigin.Caller, null, 0, org.Options.SystemUserId), log[0]);
        Assert.AreEqual(RequestOrigin.Plugin, log[1].Origin);
        Assert.AreEqual("Follow-up writer", log[1].StepName);
        Assert.AreEqual("task", log[1].EntityName);
        Assert.AreEqual(1, log[1].Depth);
        Assert.AreEqual(1, log.Count(r => r.Origin == RequestOrigin.Plugin));
    }

    [TestMethod]
    public void The_callers_Target_object_is_not_changed_by_the_pipeline()
    {
        var org = TestOrg.Create();
        org.Step("Create", "contact", 20, run => run.Target["description"] = "stamped");
        var target = new Entity("contact") { ["lastname"] = "Sun" };

        org.CreateOrganizationService(null).Create(target);

        Assert.AreEqual(Guid.Empty, target.Id);
        Assert.IsFalse(target.Contains("description"));
    }
}
