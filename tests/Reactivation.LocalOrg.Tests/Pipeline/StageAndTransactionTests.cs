using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Reactivation.LocalOrg.Tests.Store;

namespace Reactivation.LocalOrg.Tests.Pipeline;

[TestClass]
public sealed class StageAndTransactionTests
{
    [TestMethod]
    public void Stages_run_in_the_order_PreValidation_PreOperation_PostOperation()
    {
        var org = TestOrg.Create();
        var seen = new List<int>();
        org.Step("Create", "contact", 40, run => seen.Add(run.Context.Stage));
        org.Step("Create", "contact", 10, run => seen.Add(run.Context.Stage));
        org.Step("Create", "contact", 20, run => seen.Add(run.Context.Stage));

        org.CreateOrganizationService(null).Create(new Entity("contact"));

        CollectionAssert.AreEqual(new[] { 10, 20, 40 }, seen);
    }

    [TestMethod]
    public void Steps_in_a_stage_run_by_rank_lowest_first()
    {
        var org = TestOrg.Create();
        var seen = new List<string>();
        org.Step("Create", "contact", 20, _ => seen.Add("rank 5"), rank: 5);
        org.Step("Create", "contact", 20, _ => seen.Add("rank 1"), rank: 1);
        org.Step("Create", "contact", 20, _ => seen.Add("rank 3"), rank: 3);

        org.CreateOrganizationService(null).Create(new Entity("contact"));

        CollectionAssert.AreEqual(new[] { "rank 1", "rank 3", "rank 5" }, seen);
    }

    [TestMethod]
    public void Steps_fire_only_for_their_message_and_table()
    {
        var org = TestOrg.Create();
        var fired = new List<string>();
        org.Step("Create", "account", 20, _ => fired.Add("account create"));
        org.Step("Update", "contact", 20, _ => fired.Add("contact update"));
        org.Step("Create", "", 20, _ => fired.Add("any table create"));

        org.CreateOrganizationService(null).Create(new Entity("contact"));

        CollectionAssert.AreEqual(new[] { "any table create" }, fired);
    }

    [TestMethod]
    public void PreValidation_is_outside_the_transaction_and_PreOperation_and_PostOperation_are_inside()
    {
        var org = TestOrg.Create();
        var inTransaction = new Dictionary<int, bool>();
        foreach (var stage in new[] { 10, 20, 40 })
        {
            org.Step("Create", "contact", stage, run => inTransaction[run.Context.Stage] = run.Context.IsInTransaction);
        }

        org.CreateOrganizationService(null).Create(new Entity("contact"));

        Assert.IsFalse(inTransaction[10]);
        Assert.IsTrue(inTransaction[20]);
        Assert.IsTrue(inTransaction[40]);
    }

    [TestMethod]
    public void PreValidation_of_a_nested_operation_is_inside_the_callers_transaction()
    {
        var org = TestOrg.Create();
        bool? nestedPreValidationInTransaction = null;
        org.Step("Create", "task", 10, run => nestedPreValidationInTransaction = run.Context.IsInTransaction);
        org.Step("Create", "contact", 40, run => run.Service.Create(new Entity("task") { ["subject"] = "call" }));

        org.CreateOrganizationService(null).Create(new Entity("contact"));

        Assert.IsTrue(nestedPreValidationInTransaction);
    }

    [TestMethod]
    public void PreOperation_changes_to_the_Target_are_saved()
    {
        var org = TestOrg.Create();
        org.Step("Create", "contact", 20, run => run.Target["rx_lifecyclestage"] = new OptionSetValue(3));
        var service = org.CreateOrganizationService(null);

        var id = service.Create(new Entity("contact") { ["lastname"] = "Lin" });

        var stored = service.Retrieve("contact", id, new ColumnSet("rx_lifecyclestage", "lastname"));
        Assert.AreEqual(3, stored.GetAttributeValue<OptionSetValue>("rx_lifecyclestage").Value);
        Assert.AreEqual("Lin", stored["lastname"]);
    }

    [TestMethod]
    public void A_later_PreOperation_step_sees_the_changes_an_earlier_one_made_to_the_Target()
    {
        var org = TestOrg.Create();
        string? seenByRank2 = null;
        org.Step("Update", "contact", 20, run => run.Target["description"] = "set by rank 1", rank: 1);
        org.Step("Update", "contact", 20, run => seenByRank2 = run.Target.GetAttributeValue<string>("description"), rank: 2);
        var service = org.CreateOrganizationService(null);
        var id = service.Create(new Entity("contact"));

        service.Update(new Entity("contact", id) { ["lastname"] = "Wu" });

        Assert.AreEqual("set by rank 1", seenByRank2);
    }

    [TestMethod]
    public void The_new_id_is_on_the_Target_at_PreOperation_and_is_the_id_Create_returns()
    {
        var org = TestOrg.Create();
        Guid targetId = Guid.Empty, primaryEntityId = Guid.Empty, preValidationId = Guid.Empty;
        object? idColumn = null;
        org.Step("Create", "contact", 10, run => preValidationId = run.Context.PrimaryEntityId);
        org.Step("Create", "contact", 20, run =>
        {
            targetId = run.Target.Id;
            primaryEntityId = run.Context.PrimaryEntityId;
            idColumn = run.Target["contactid"];
        });

        var id = org.CreateOrganizationService(null).Create(new Entity("contact"));

        Assert.AreNotEqual(Guid.Empty, id);
        Assert.AreEqual(id, targetId);
        Assert.AreEqual(id, primaryEntityId);
        Assert.AreEqual(id, idColumn);
        Assert.AreEqual(id, preValidationId);
    }

    [TestMethod]
    public void At_PostOperation_the_created_row_is_stored_and_OutputParameters_hold_its_id()
    {
        var org = TestOrg.Create();
        object? outputId = null;
        string? readBack = null;
        org.Step("Create", "contact", 40, run =>
        {
            outputId = run.Context.OutputParameters["id"];
            readBack = run.Service.Retrieve("contact", run.Context.PrimaryEntityId, new ColumnSet("lastname")).GetAttributeValue<string>("lastname");
        });

        var id = org.CreateOrganizationService(null).Create(new Entity("contact") { ["lastname"] = "Zhao" });

        Assert.AreEqual(id, outputId);
        Assert.AreEqual("Zhao", readBack);
    }

    [TestMethod]
    public void OutputParameters_are_empty_before_the_main_operation()
    {
        var org = TestOrg.Create();
        var counts = new List<int>();
        org.Step("Create", "contact", 10, run => counts.Add(run.Context.OutputParameters.Count));
        org.Step("Create", "contact", 20, run => counts.Add(run.Context.OutputParameters.Count));

        org.CreateOrganizationService(null).Create(new Entity("contact"));

        CollectionAssert.AreEqual(new[] { 0, 0 }, counts);
    }

    [TestMethod]
    public void A_sync_PostOperation_failure_rolls_back_the_create()
    {
        var org = TestOrg.Create();
        Guid created = Guid.Empty;
        org.Step("Create", "contact", 40, run =>
        {
            created = run.Context.PrimaryEntityId;
            throw new InvalidPluginExecutionException("Stage check failed.");
        });
        var service = org.CreateOrganizationService(null);

        Faults.Expect(() => service.Create(new Entity("contact")), DataverseErrorCodes.IsvAborted);

        Faults.Expect(() => service.Retrieve("contact", created, new ColumnSet(true)), DataverseErrorCodes.ObjectDoesNotExist);
        Assert.IsEmpty(service.RetrieveMultiple(new QueryExpression("contact")).Entities);
    }

    [TestMethod]
    public void A_sync_failure_rolls_back_the_writes_of_nested_operations_too()
    {
        var org = TestOrg.Create();
        org.Step("Create", "contact", 20, run => run.Service.Create(new Entity("task") { ["subject"] = "welcome call" }));
        org.Step("Create", "task", 40, run => run.Service.Create(new Entity("rx_incentive") { ["rx_name"] = "voucher" }));
        org.Step("Create", "contact", 40, _ => throw new InvalidPluginExecutionException("No."));
        var service = org.CreateOrganizationService(null);

        Faults.Expect(() => service.Create(new Entity("contact")), DataverseErrorCodes.IsvAborted);

        Assert.IsEmpty(service.RetrieveMultiple(new QueryExpression("task")).Entities);
        Assert.IsEmpty(service.RetrieveMultiple(new QueryExpression("rx_incentive")).Entities);
        Assert.IsEmpty(service.RetrieveMultiple(new QueryExpression("contact")).Entities);
    }

    [TestMethod]
    public void A_PreOperation_failure_rolls_back_an_update_and_leaves_the_row_as_it_was()
    {
        var org = TestOrg.Create();
        var service = org.CreateOrganizationService(null);
        var id = service.Create(new Entity("contact") { ["lastname"] = "Before" });
        org.Step("Update", "contact", 20, run =>
        {
            run.Service.Create(new Entity("task"));
            throw new InvalidPluginExecutionException("Refused.");
        });

        Faults.Expect(() => service.Update(new Entity("contact", id) { ["lastname"] = "After" }), DataverseErrorCodes.IsvAborted);

        Assert.AreEqual("Before", service.Retrieve("contact", id, new ColumnSet("lastname"))["lastname"]);
        Assert.IsEmpty(service.RetrieveMultiple(new QueryExpression("task")).Entities);
    }

    [TestMethod]
    public void Writes_made_in_PreValidation_of_a_top_level_call_are_not_rolled_back_by_a_later_failure()
    {
        var org = TestOrg.Create();
        org.Step("Create", "contact", 10, run => run.Service.Create(new Entity("rx_auditnote") { ["rx_text"] = "attempt" }));
        org.Step("Create", "contact", 40, _ => throw new InvalidPluginExecutionException("Rejected."));
        var service = org.CreateOrganizationService(null);

        Faults.Expect(() => service.Create(new Entity("contact")), DataverseErrorCodes.IsvAborted);

        Assert.HasCount(1, service.RetrieveMultiple(new QueryExpression("rx_auditnote")).Entities);
        Assert.IsEmpty(service.RetrieveMultiple(new QueryExpression("contact")).Entities);
    }

    [TestMethod]
    public void The_plugins_message_reaches_the_caller_unwrapped_with_IsvAborted_and_the_trace()
    {
        var org = TestOrg.Create();
        org.Step("Create", "contact", 20, run =>
        {
            run.Tracing.Trace("checking consent");
            throw new InvalidPluginExecutionException("This customer opted out of phone contact.");
        });

        var fault = Faults.Expect(() => org.CreateOrganizationService(null).Create(new Entity("contact")), DataverseErrorCodes.IsvAborted);

        Assert.AreEqual("This customer opted out of phone contact.", fault.Message);
        StringAssert.Contains(fault.TraceText, "checking consent");
    }

    [TestMethod]
    public void An_error_code_the_plugin_chose_is_kept()
    {
        var org = TestOrg.Create();
        org.Step("Create", "contact", 20, _ => throw new InvalidPluginExecutionException(OperationStatus.Failed, -2147220970, "custom code"));

        var fault = Faults.Expect(() => org.CreateOrganizationService(null).Create(new Entity("contact")), -2147220970);

        Assert.AreEqual("custom code", fault.Message);
    }

    [TestMethod]
    public void Any_other_exception_reaches_the_caller_as_the_ISV_code_message_with_details_in_the_trace_log()
    {
        var org = TestOrg.Create();
        org.Step("Create", "contact", 40, _ => throw new KeyNotFoundException("The given key 'rx_stage' was not present."), name: "Broken step");
        var service = org.CreateOrganizationService(null);

        var fault = Faults.Expect(() => service.Create(new Entity("contact")), DataverseErrorCodes.IsvUnexpected);

        Assert.AreEqual("An unexpected error occurred from ISV code.", fault.Message);
        var trace = org.TraceLog.Single(t => t.StepName == "Broken step");
        StringAssert.Contains(trace.ExceptionDetails, "KeyNotFoundException");
        Assert.IsEmpty(service.RetrieveMultiple(new QueryExpression("contact")).Entities);
    }

    [TestMethod]
    public void A_nested_failure_the_plugin_lets_escape_fails_the_outer_operation_with_the_nested_message()
    {
        var org = TestOrg.Create();
        org.Step("Create", "task", 20, _ => throw new InvalidPluginExecutionException("Tasks need a due date."));
        org.Step("Create", "contact", 40, run => run.Service.Create(new Entity("task")));
        var service = org.CreateOrganizationService(null);

        var fault = Faults.Expect(() => service.Create(new Entity("contact")), DataverseErrorCodes.IsvAborted);

        Assert.AreEqual("Tasks need a due date.", fault.Message);
        Assert.IsEmpty(service.RetrieveMultiple(new QueryExpression("contact")).Entities);
    }

    [TestMethod]
    public void A_nested_failure_the_plugin_swallows_still_fails_the_operation_because_the_transaction_is_gone()
    {
        var org = TestOrg.Create();
        org.Step("Create", "contact", 40, run =>
        {
            try
            {
                run.Service.Retrieve("account", Guid.NewGuid(), new ColumnSet(true));
            }
            catch (System.ServiceModel.FaultException<OrganizationServiceFault>)
            {
                run.Tracing.Trace("account missing, carrying on");
            }
        });
        var service = org.CreateOrganizationService(null);

        var fault = Faults.Expect(() => service.Create(new Entity("contact")), DataverseErrorCodes.NoActiveTransaction);

        StringAssert.StartsWith(fault.Message, "There is no active transaction.");
        Assert.IsEmpty(service.RetrieveMultiple(new QueryExpression("contact")).Entities);
    }

    [TestMethod]
    public void A_failed_call_in_a_top_level_PreValidation_step_can_be_caught_because_there_is_no_transaction_yet()
    {
        var org = TestOrg.Create();
        org.Step("Create", "contact", 10, run =>
        {
            try
            {
                run.Service.Retrieve("account", Guid.NewGuid(), new ColumnSet(true));
            }
            catch (System.ServiceModel.FaultException<OrganizationServiceFault>)
            {
                run.Target["description"] = "no account";
            }
        });
        var service = org.CreateOrganizationService(null);

        var id = service.Create(new Entity("contact"));

        Assert.AreEqual("no account", service.Retrieve("contact", id, new ColumnSet("description"))["description"]);
    }

    [TestMethod]
    public void Trace_rows_survive_a_rollback()
    {
        var org = TestOrg.Create();
        org.Step("Create", "contact", 20, run => run.Tracing.Trace("stage computed: {0}", "Silent"), name: "Lifecycle");
        org.Step("Create", "contact", 40, _ => throw new InvalidPluginExecutionException("fail"), name: "Guard");

        Faults.Expect(() => org.CreateOrganizationService(null).Create(new Entity("contact")), DataverseErrorCodes.IsvAborted);

        var lifecycle = org.TraceLog.Single(t => t.StepName == "Lifecycle");
        CollectionAssert.AreEqual(new[] { "stage computed: Silent" }, lifecycle.Lines.ToArray());
        Assert.IsNull(lifecycle.ExceptionDetails);
        Assert.IsNotNull(org.TraceLog.Single(t => t.StepName == "Guard").ExceptionDetails);
    }

    [TestMethod]
    public void A_Create_without_a_LogicalName_fails_before_any_step_runs()
    {
        var org = TestOrg.Create();
        var ran = false;
        org.Step("Create", "", 10, _ => ran = true);

        Faults.Expect(() => org.CreateOrganizationService(null).Create(new Entity()), DataverseErrorCodes.InvalidArgument);
        Faults.Expect(() => org.CreateOrganizationService(null).Execute(new OrganizationRequest("Create")), DataverseErrorCodes.InvalidArgument);

        Assert.IsFalse(ran);
    }

    [TestMethod]
    public void An_unknown_message_fails_as_not_supported()
    {
        var org = TestOrg.Create();

        var fault = Faults.Expect(() => org.CreateOrganizationService(null).Execute(new OrganizationRequest("rx_DoesNotExist")), DataverseErrorCodes.NotSupported);

        StringAssert.Contains(fault.Message, "rx_DoesNotExist");
    }

    [TestMethod]
    public void Retrieve_PostOperation_sees_BusinessEntity_and_its_changes_reach_the_caller()
    {
        var org = TestOrg.Create();
        var service = org.CreateOrganizationService(null);
        var id = service.Create(new Entity("contact") { ["lastname"] = "Qian" });
        org.Step("Retrieve", "contact", 40, run => ((Entity)run.Context.OutputParameters["BusinessEntity"]!)["rx_masked"] = true);

        var entity = service.Retrieve("contact", id, new ColumnSet("lastname"));

        Assert.IsTrue(entity.GetAttributeValue<bool>("rx_masked"));
    }

    [TestMethod]
    public void RetrieveMultiple_PostOperation_sees_BusinessEntityCollection()
    {
        var org = TestOrg.Create();
        var service = org.CreateOrganizationService(null);
        service.Create(new Entity("contact"));
        service.Create(new Entity("contact"));
        int? count = null;
        org.Step("RetrieveMultiple", "contact", 40, run => count = ((EntityCollection)run.Context.OutputParameters["BusinessEntityCollection"]!).Entities.Count);

        service.RetrieveMultiple(new QueryExpression("contact"));

        Assert.AreEqual(2, count);
    }

    [TestMethod]
    public void Upsert_raises_the_Create_steps_then_the_Update_steps_as_child_operations()
    {
        var org = TestOrg.Create();
        org.DefineAlternateKey("contact", "rx_externalkey", "rx_externalid");
        var seen = new List<string>();
        org.Step("Create", "contact", 20, run => seen.Add("Create, parent " + run.Context.ParentContext?.ParentContext?.MessageName));
        org.Step("Update", "contact", 20, run => seen.Add("Update, parent " + run.Context.ParentContext?.ParentContext?.MessageName));
        var service = org.CreateOrganizationService(null);

        service.Execute(new Microsoft.Xrm.Sdk.Messages.UpsertRequest { Target = new Entity("contact", "rx_externalid", "C-1") { ["lastname"] = "A" } });
        service.Execute(new Microsoft.Xrm.Sdk.Messages.UpsertRequest { Target = new Entity("contact", "rx_externalid", "C-1") { ["lastname"] = "B" } });

        CollectionAssert.AreEqual(new[] { "Create, parent Upsert", "Update, parent Upsert" }, seen);
    }

    [TestMethod]
    public void A_failed_item_of_an_ExecuteMultiple_sent_by_a_plugin_still_ends_the_transaction()
    {
        var org = TestOrg.Create();
        var service = org.CreateOrganizationService(null);
        var taken = service.Create(new Entity("task"));
        org.Step("Create", "contact", 40, run => run.Service.Execute(new Microsoft.Xrm.Sdk.Messages.ExecuteMultipleRequest
        {
            Requests = [new Microsoft.Xrm.Sdk.Messages.CreateRequest { Target = new Entity("task", taken) }],
            Settings = new Microsoft.Xrm.Sdk.ExecuteMultipleSettings { ContinueOnError = true },
        }));

        Faults.Expect(() => service.Create(new Entity("contact")), DataverseErrorCodes.NoActiveTransaction);

        Assert.IsEmpty(service.RetrieveMultiple(new QueryExpression("contact")).Entities);
    }

    [TestMethod]
    public void Associate_is_a_logged_request_that_fails_as_not_supported()
    {
        var org = TestOrg.Create();
        var service = org.CreateOrganizationService(null);

        Faults.Expect(() => service.Associate("contact", Guid.NewGuid(), new Relationship("rx_contact_incentive"), []), DataverseErrorCodes.NotSupported);

        Assert.AreEqual("Associate", org.RequestLog.Single().RequestName);
    }
}
