using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Reactivation.LocalOrg.Registration;
using Reactivation.LocalOrg.Tests.Store;

namespace Reactivation.LocalOrg.Tests.Pipeline;

[TestClass]
public sealed class AsyncTests
{
    [TestMethod]
    public void Async_steps_are_queued_and_run_only_when_the_host_pumps_them()
    {
        var org = TestOrg.Create();
        var runs = new List<(int Mode, bool InTransaction, int Stage)>();
        org.Step("Create", "contact", 40, run => runs.Add((run.Context.Mode, run.Context.IsInTransaction, run.Context.Stage)), mode: 1, name: "Async scorer");

        org.CreateOrganizationService(null).Create(new Entity("contact"));

        Assert.IsEmpty(runs);
        Assert.AreEqual(AsyncOperationStatus.Waiting, org.AsyncOperations.Single().Status);

        Assert.AreEqual(1, org.PumpAsyncOperations());

        Assert.AreEqual((1, false, 40), runs.Single());
        Assert.AreEqual(AsyncOperationStatus.Succeeded, org.AsyncOperations.Single().Status);
        Assert.AreEqual(0, org.PumpAsyncOperations());
    }

    [TestMethod]
    public void An_async_failure_is_recorded_and_rolls_back_only_its_own_writes_not_the_operation()
    {
        var org = TestOrg.Create();
        org.Step("Create", "contact", 40, run =>
        {
            run.Service.Create(new Entity("task") { ["subject"] = "written by async" });
            throw new InvalidPluginExecutionException("Scoring service unavailable.");
        }, mode: 1, name: "Async scorer");
        var service = org.CreateOrganizationService(null);

        var id = service.Create(new Entity("contact"));
        org.PumpAsyncOperations();

        var job = org.AsyncOperations.Single();
        Assert.AreEqual(AsyncOperationStatus.Failed, job.Status);
        Assert.AreEqual("Scoring service unavailable.", job.Message);
        Assert.AreEqual("Async scorer", job.StepName);
        Assert.AreEqual(id, job.PrimaryEntityId);
        Assert.IsNotNull(service.Retrieve("contact", id, new ColumnSet(false)));
        Assert.IsEmpty(service.RetrieveMultiple(new QueryExpression("task")).Entities);
    }

    [TestMethod]
    public void Async_steps_see_images_as_they_were_when_the_operation_ran()
    {
        var org = TestOrg.Create();
        string? postImageName = null;
        org.Step("Update", "contact", 40, run => postImageName = run.Context.PostEntityImages["PostImage"].GetAttributeValue<string>("lastname"), mode: 1, images: [TestOrg.PostImage("PostImage", "lastname")]);
        var service = org.CreateOrganizationService(null);
        var id = service.Create(new Entity("contact") { ["lastname"] = "First" });

        service.Update(new Entity("contact", id) { ["lastname"] = "Second" });
        service.Update(new Entity("contact", id) { ["lastname"] = "Third" });
        var ran = org.PumpAsyncOperations();

        Assert.AreEqual(2, ran);
        Assert.AreEqual("Third", postImageName, "the second job ran last and saw its own snapshot");
    }

    [TestMethod]
    public void Async_steps_queued_by_async_steps_run_in_the_same_pump()
    {
        var org = TestOrg.Create();
        org.Step("Create", "contact", 40, run => run.Service.Create(new Entity("task")), mode: 1);
        var taskJobRan = false;
        org.Step("Create", "task", 40, _ => taskJobRan = true, mode: 1);

        org.CreateOrganizationService(null).Create(new Entity("contact"));

        Assert.AreEqual(2, org.PumpAsyncOperations());
        Assert.IsTrue(taskJobRan);
    }

    [TestMethod]
    public void No_async_job_is_queued_when_the_operation_rolls_back()
    {
        var org = TestOrg.Create();
        org.Step("Create", "contact", 40, _ => { }, mode: 1);
        org.Step("Create", "contact", 40, _ => throw new InvalidPluginExecutionException("no"));

        Faults.Expect(() => org.CreateOrganizationService(null).Create(new Entity("contact")), DataverseErrorCodes.IsvAborted);

        Assert.IsEmpty(org.AsyncOperations);
        Assert.AreEqual(0, org.PumpAsyncOperations());
    }

    [TestMethod]
    public void Async_steps_honour_filtering_attributes()
    {
        var org = TestOrg.Create();
        org.Step("Update", "contact", 40, _ => { }, mode: 1, filteringAttributes: ["rx_lastpurchaseon"]);
        var service = org.CreateOrganizationService(null);
        var id = service.Create(new Entity("contact"));

        service.Update(new Entity("contact", id) { ["telephone1"] = "1" });
        service.Update(new Entity("contact", id) { ["rx_lastpurchaseon"] = TestOrg.Now });

        Assert.HasCount(1, org.AsyncOperations);
    }
}

[TestClass]
public sealed class CustomApiTests
{
    private static (LocalOrganization Org, string Key) WithEvaluateApi(Action<PluginRun> behaviour)
    {
        var org = TestOrg.Create();
        var key = DelegatePlugin.Add(behaviour);
        org.Register(new CustomApiRegistration(
            "rx_EvaluateDueContacts",
            typeof(CustomApiPlugin).FullName!,
            BindingType: 0,
            BoundEntityLogicalName: null,
            IsFunction: false,
            IsPrivate: false,
            RequestParameters: [new CustomApiParameter("rx_PageSize", 7, IsOptional: false), new CustomApiParameter("rx_AsOf", 1, IsOptional: true), new CustomApiParameter("rx_Key", 10, IsOptional: true)],
            ResponseProperties: [new CustomApiParameter("rx_Evaluated", 7, IsOptional: false), new CustomApiParameter("rx_MoreDue", 0, IsOptional: false)]));
        return (org, key);
    }

    [TestMethod]
    public void A_Custom_API_plugin_runs_at_stage_30_with_the_request_parameters_and_returns_its_output()
    {
        IPluginExecutionContext? seen = null;
        var (org, key) = WithEvaluateApi(run =>
        {
            seen = run.Context;
            run.Context.OutputParameters["rx_Evaluated"] = (int)run.Context.InputParameters["rx_PageSize"]! - 1;
            run.Context.OutputParameters["rx_MoreDue"] = true;
        });
        var request = new OrganizationRequest("rx_EvaluateDueContacts") { ["rx_PageSize"] = 250, ["rx_Key"] = key };

        var response = org.CreateOrganizationService(null).Execute(request);

        Assert.AreEqual(30, seen!.Stage);
        Assert.AreEqual("rx_EvaluateDueContacts", seen.MessageName);
        Assert.IsTrue(seen.IsInTransaction);
        Assert.AreEqual(250, seen.InputParameters["rx_PageSize"]);
        Assert.AreEqual(249, response["rx_Evaluated"]);
        Assert.IsTrue((bool?)response["rx_MoreDue"]);
        Assert.AreEqual("rx_EvaluateDueContacts", response.ResponseName);
    }

    [TestMethod]
    public void A_missing_required_Custom_API_parameter_fails_naming_it()
    {
        var ran = false;
        var (org, key) = WithEvaluateApi(_ => ran = true);

        var fault = Faults.Expect(() => org.CreateOrganizationService(null).Execute(new OrganizationRequest("rx_EvaluateDueContacts") { ["rx_Key"] = key }), DataverseErrorCodes.InvalidArgument);

        StringAssert.Contains(fault.Message, "rx_PageSize");
        Assert.IsFalse(ran);
    }

    [TestMethod]
    public void A_Custom_API_parameter_of_the_wrong_type_fails()
    {
        var (org, key) = WithEvaluateApi(_ => { });

        var fault = Faults.Expect(() => org.CreateOrganizationService(null).Execute(new OrganizationRequest("rx_EvaluateDueContacts") { ["rx_PageSize"] = "250", ["rx_Key"] = key }), DataverseErrorCodes.InvalidArgument);

        StringAssert.Contains(fault.Message, "rx_PageSize");
    }

    [TestMethod]
    public void Steps_registered_on_the_Custom_API_message_run_around_its_plugin()
    {
        var order = new List<string>();
        var (org, key) = WithEvaluateApi(_ => order.Add("main 30"));
        org.Step("rx_EvaluateDueContacts", "", 20, _ => order.Add("pre 20"));
        org.Step("rx_EvaluateDueContacts", "", 40, run => order.Add("post 40 sees " + run.Context.OutputParameters.Count));
        org.Step("rx_EvaluateDueContacts", "", 10, _ => order.Add("validate 10"));

        org.CreateOrganizationService(null).Execute(new OrganizationRequest("rx_EvaluateDueContacts") { ["rx_PageSize"] = 1, ["rx_Key"] = key });

        CollectionAssert.AreEqual(new[] { "validate 10", "pre 20", "main 30", "post 40 sees 0" }, order);
    }

    [TestMethod]
    public void A_Custom_API_plugin_failure_rolls_back_its_writes()
    {
        var (org, key) = WithEvaluateApi(run =>
        {
            run.Service.Create(new Entity("task"));
            throw new InvalidPluginExecutionException("Evaluation failed.");
        });
        var service = org.CreateOrganizationService(null);

        var fault = Faults.Expect(() => service.Execute(new OrganizationRequest("rx_EvaluateDueContacts") { ["rx_PageSize"] = 1, ["rx_Key"] = key }), DataverseErrorCodes.IsvAborted);

        Assert.AreEqual("Evaluation failed.", fault.Message);
        Assert.IsEmpty(service.RetrieveMultiple(new QueryExpression("task")).Entities);
    }
}

/// <summary>
/// A Custom API's plugin has no step and so no configuration: it finds its behaviour through the
/// "rx_Key" request parameter the tests send.
/// </summary>
public sealed class CustomApiPlugin : IPlugin
{
    public void Execute(IServiceProvider serviceProvider)
    {
        var context = (IPluginExecutionContext)serviceProvider.GetService(typeof(IPluginExecutionContext))!;
        var key = (string)context.InputParameters["rx_Key"]!;
        new DelegatePlugin(key, string.Empty).Execute(serviceProvider);
    }
}
