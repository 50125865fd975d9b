using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;
using Reactivation.LocalOrg.Tests.Pipeline;

namespace Reactivation.LocalOrg.Tests.Store;

[TestClass]
public sealed class BatchTests
{
    /// <summary>Six creates; the ones at indexes 2 and 4 fail (a duplicate id), as in the ExecuteMultiple documentation.</summary>
    private static (IOrganizationService Service, OrganizationRequestCollection Requests) SixRequestsFailingAt2And4()
    {
        var org = TestOrg.Create();
        var service = org.CreateOrganizationService(null);
        var taken = service.Create(new Entity("contact"));
        var requests = new OrganizationRequestCollection();
        for (var i = 0; i < 6; i++)
        {
            requests.Add(new CreateRequest { Target = i is 2 or 4 ? new Entity("contact", taken) : new Entity("contact") { ["rx_index"] = i } });
        }

        return (service, requests);
    }

    private static ExecuteMultipleResponse Run(bool continueOnError, bool returnResponses, out IOrganizationService service)
    {
        var (s, requests) = SixRequestsFailingAt2And4();
        service = s;
        return (ExecuteMultipleResponse)s.Execute(new ExecuteMultipleRequest
        {
            Requests = requests,
            Settings = new ExecuteMultipleSettings { ContinueOnError = continueOnError, ReturnResponses = returnResponses },
        });
    }

    [TestMethod]
    public void ExecuteMultiple_with_ContinueOnError_and_ReturnResponses_returns_all_six_items()
    {
        var response = Run(continueOnError: true, returnResponses: true, out var service);

        Assert.IsTrue(response.IsFaulted);
        CollectionAssert.AreEqual(new[] { 0, 1, 2, 3, 4, 5 }, response.Responses.Select(r => r.RequestIndex).ToArray());
        CollectionAssert.AreEqual(new[] { 2, 4 }, response.Responses.Where(r => r.Fault != null).Select(r => r.RequestIndex).ToArray());
        Assert.IsInstanceOfType<CreateResponse>(response.Responses[0].Response);
        Assert.AreEqual(DataverseErrorCodes.DuplicateRecord, response.Responses[2].Fault!.ErrorCode);
        Assert.HasCount(5, service.RetrieveMultiple(new QueryExpression("contact")).Entities);
    }

    [TestMethod]
    public void ExecuteMultiple_that_stops_on_error_with_ReturnResponses_returns_three_items()
    {
        var response = Run(continueOnError: false, returnResponses: true, out var service);

        CollectionAssert.AreEqual(new[] { 0, 1, 2 }, response.Responses.Select(r => r.RequestIndex).ToArray());
        Assert.IsNotNull(response.Responses[2].Fault);
        Assert.HasCount(3, service.RetrieveMultiple(new QueryExpression("contact")).Entities, "the two before the fault stay: each request is its own transaction");
    }

    [TestMethod]
    public void ExecuteMultiple_with_ContinueOnError_without_ReturnResponses_returns_only_the_two_faults()
    {
        var response = Run(continueOnError: true, returnResponses: false, out _);

        CollectionAssert.AreEqual(new[] { 2, 4 }, response.Responses.Select(r => r.RequestIndex).ToArray());
        Assert.IsTrue(response.Responses.All(r => r.Fault != null && r.Response == null));
    }

    [TestMethod]
    public void ExecuteMultiple_that_stops_on_error_without_ReturnResponses_returns_the_one_fault()
    {
        var response = Run(continueOnError: false, returnResponses: false, out _);

        Assert.AreEqual(2, response.Responses.Single().RequestIndex);
        Assert.IsTrue(response.IsFaulted);
    }

    [TestMethod]
    public void ExecuteMultiple_over_1000_requests_fails_before_any_runs()
    {
        var org = TestOrg.Create();
        var service = org.CreateOrganizationService(null);
        var requests = new OrganizationRequestCollection();
        for (var i = 0; i < 1001; i++)
        {
            requests.Add(new CreateRequest { Target = new Entity("contact") });
        }

        var fault = Faults.Expect(
            () => service.Execute(new ExecuteMultipleRequest { Requests = requests, Settings = new ExecuteMultipleSettings() }),
            DataverseErrorCodes.ExecuteMultipleBatchSizeExceeded);

        Assert.AreEqual(1000, fault.ErrorDetails["MaxBatchSize"]);
        Assert.IsEmpty(service.RetrieveMultiple(new QueryExpression("contact")).Entities);
    }

    [TestMethod]
    public void An_ExecuteMultiple_inside_an_ExecuteMultiple_is_a_fault_for_that_item()
    {
        var org = TestOrg.Create();
        var service = org.CreateOrganizationService(null);
        var inner = new ExecuteMultipleRequest { Requests = [], Settings = new ExecuteMultipleSettings() };

        var response = (ExecuteMultipleResponse)service.Execute(new ExecuteMultipleRequest
        {
            Requests = [new CreateRequest { Target = new Entity("contact") }, inner],
            Settings = new ExecuteMultipleSettings { ContinueOnError = true, ReturnResponses = true },
        });

        Assert.IsNull(response.Responses[0].Fault);
        Assert.IsNotNull(response.Responses[1].Fault);
    }

    [TestMethod]
    public void ExecuteTransaction_rolls_back_every_request_and_reports_the_index_that_failed()
    {
        var org = TestOrg.Create();
        var service = org.CreateOrganizationService(null);
        var taken = service.Create(new Entity("account"));
        var requests = new OrganizationRequestCollection
        {
            new CreateRequest { Target = new Entity("contact") { ["lastname"] = "one" } },
            new UpdateRequest { Target = new Entity("account", taken) { ["name"] = "renamed" } },
            new CreateRequest { Target = new Entity("account", taken) },
            new CreateRequest { Target = new Entity("contact") { ["lastname"] = "never" } },
        };

        var fault = Assert.ThrowsExactly<System.ServiceModel.FaultException<OrganizationServiceFault>>(() => service.Execute(new ExecuteTransactionRequest { Requests = requests }));

        var transactionFault = (ExecuteTransactionFault)fault.Detail;
        Assert.AreEqual(2, transactionFault.FaultedRequestIndex);
        Assert.AreEqual(DataverseErrorCodes.DuplicateRecord, transactionFault.ErrorCode);
        Assert.IsEmpty(service.RetrieveMultiple(new QueryExpression("contact")).Entities);
        Assert.IsFalse(service.Retrieve("account", taken, new ColumnSet("name")).Contains("name"));
    }

    [TestMethod]
    public void ExecuteTransaction_commits_all_and_returns_the_responses_when_asked()
    {
        var org = TestOrg.Create();
        var service = org.CreateOrganizationService(null);

        var response = (ExecuteTransactionResponse)service.Execute(new ExecuteTransactionRequest
        {
            Requests = [new CreateRequest { Target = new Entity("contact") }, new CreateRequest { Target = new Entity("contact") }],
            ReturnResponses = true,
        });

        Assert.HasCount(2, response.Responses);
        Assert.AreNotEqual(Guid.Empty, ((CreateResponse)response.Responses[1]).id);
        Assert.HasCount(2, service.RetrieveMultiple(new QueryExpression("contact")).Entities);
    }

    [TestMethod]
    public void Each_request_of_a_batch_runs_through_the_pipeline()
    {
        var org = TestOrg.Create();
        var stamped = 0;
        org.Step("Create", "contact", 20, run => run.Target["rx_source"] = "batch " + ++stamped);
        var service = org.CreateOrganizationService(null);

        service.Execute(new ExecuteMultipleRequest
        {
            Requests = [new CreateRequest { Target = new Entity("contact") }, new CreateRequest { Target = new Entity("contact") }],
            Settings = new ExecuteMultipleSettings(),
        });

        Assert.HasCount(1, org.RequestLog, "a batch is one round trip");
        var sources = service.RetrieveMultiple(new QueryExpression("contact") { ColumnSet = new ColumnSet("rx_source") }).Entities.Select(e => e["rx_source"]).ToList();
        CollectionAssert.AreEquivalent(new[] { "batch 1", "batch 2" }, sources);
    }
}
