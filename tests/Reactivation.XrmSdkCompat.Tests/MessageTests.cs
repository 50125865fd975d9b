using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;
using Microsoft.Xrm.Sdk.Query;

namespace Reactivation.XrmSdkCompat.Tests;

[TestClass]
public sealed class MessageTests
{
    public static IEnumerable<object[]> Requests =>
    [
        [new CreateRequest(), "Create"],
        [new UpdateRequest(), "Update"],
        [new UpsertRequest(), "Upsert"],
        [new DeleteRequest(), "Delete"],
        [new RetrieveRequest(), "Retrieve"],
        [new RetrieveMultipleRequest(), "RetrieveMultiple"],
        [new ExecuteMultipleRequest(), "ExecuteMultiple"],
        [new ExecuteTransactionRequest(), "ExecuteTransaction"],
    ];

    [TestMethod]
    [DynamicData(nameof(Requests))]
    public void Each_request_class_sets_its_message_name(OrganizationRequest request, string messageName)
    {
        Assert.AreEqual(messageName, request.RequestName);
        Assert.IsEmpty(request.Parameters);
    }

    [TestMethod]
    public void Request_properties_are_parameters_keyed_by_the_property_name()
    {
        var contact = new Entity("contact", Guid.NewGuid());
        var reference = contact.ToEntityReference();
        var query = new QueryExpression("contact");
        var requests = new OrganizationRequestCollection { new CreateRequest { Target = contact } };
        var settings = new ExecuteMultipleSettings { ContinueOnError = true, ReturnResponses = false };

        Assert.AreSame(contact, new CreateRequest { Target = contact }.Parameters["Target"]);
        Assert.AreSame(contact, new UpdateRequest { Target = contact }.Parameters["Target"]);
        Assert.AreSame(contact, new UpsertRequest { Target = contact }.Parameters["Target"]);
        Assert.AreSame(reference, new DeleteRequest { Target = reference }["Target"]);
        var retrieve = new RetrieveRequest { Target = reference, ColumnSet = new ColumnSet(true) };
        Assert.AreSame(reference, retrieve.Parameters["Target"]);
        Assert.IsTrue(((ColumnSet)retrieve.Parameters["ColumnSet"]!).AllColumns);
        Assert.AreSame(query, new RetrieveMultipleRequest { Query = query }.Parameters["Query"]);
        var multiple = new ExecuteMultipleRequest { Requests = requests, Settings = settings };
        Assert.AreSame(requests, multiple.Parameters["Requests"]);
        Assert.AreSame(settings, multiple.Parameters["Settings"]);
        var transaction = new ExecuteTransactionRequest { Requests = requests, ReturnResponses = true };
        Assert.AreSame(requests, transaction.Parameters["Requests"]);
        Assert.IsTrue((bool)transaction.Parameters["ReturnResponses"]!);
    }

    [TestMethod]
    public void A_generic_OrganizationRequest_reads_the_same_parameters_as_the_typed_request()
    {
        var contact = new Entity("contact");
        var generic = new OrganizationRequest("Create") { ["Target"] = contact };

        Assert.AreSame(contact, generic.Parameters["Target"]);
        Assert.AreEqual("Create", generic.RequestName);
    }

    [TestMethod]
    public void ConcurrencyBehavior_is_Default_until_the_caller_sets_it()
    {
        var update = new UpdateRequest();
        var delete = new DeleteRequest();

        Assert.AreEqual(ConcurrencyBehavior.Default, update.ConcurrencyBehavior);
        Assert.AreEqual(ConcurrencyBehavior.Default, delete.ConcurrencyBehavior);
        Assert.IsFalse(update.Parameters.Contains("ConcurrencyBehavior"));

        update.ConcurrencyBehavior = ConcurrencyBehavior.IfRowVersionMatches;
        Assert.AreEqual(ConcurrencyBehavior.IfRowVersionMatches, update.Parameters["ConcurrencyBehavior"]);
    }

    [TestMethod]
    public void Absent_request_parameters_read_as_null_or_default()
    {
        Assert.IsNull(new CreateRequest().Target);
        Assert.IsNull(new RetrieveRequest().ColumnSet);
        Assert.IsFalse(new RetrieveRequest().ReturnNotifications);
        Assert.IsNull(new ExecuteTransactionRequest().ReturnResponses);
    }

    [TestMethod]
    public void Responses_read_their_values_from_Results()
    {
        var id = Guid.NewGuid();
        var contact = new Entity("contact", id);
        var page = new EntityCollection();
        var items = new ExecuteMultipleResponseItemCollection { new ExecuteMultipleResponseItem { RequestIndex = 0 } };
        var responses = new OrganizationResponseCollection { new CreateResponse() };

        Assert.AreEqual(id, new CreateResponse { Results = { ["id"] = id } }.id);
        Assert.AreSame(contact, new RetrieveResponse { Results = { ["Entity"] = contact } }.Entity);
        Assert.AreSame(page, new RetrieveMultipleResponse { Results = { ["EntityCollection"] = page } }.EntityCollection);
        var upsert = new UpsertResponse { Results = { ["RecordCreated"] = true, ["Target"] = contact.ToEntityReference() } };
        Assert.IsTrue(upsert.RecordCreated);
        Assert.AreEqual(contact.ToEntityReference(), upsert.Target);
        var multiple = new ExecuteMultipleResponse { Results = { ["IsFaulted"] = true, ["Responses"] = items } };
        Assert.IsTrue(multiple.IsFaulted);
        Assert.AreSame(items, multiple.Responses);
        Assert.AreSame(responses, new ExecuteTransactionResponse { Results = { ["Responses"] = responses } }.Responses);
    }

    [TestMethod]
    public void Absent_response_results_read_as_default()
    {
        Assert.AreEqual(Guid.Empty, new CreateResponse().id);
        Assert.IsNull(new RetrieveResponse().Entity);
        Assert.IsFalse(new UpsertResponse().RecordCreated);
        Assert.IsNull(new UpsertResponse().ResponseName);
        Assert.ThrowsExactly<KeyNotFoundException>(() => new CreateResponse()["id"]);
    }
}
