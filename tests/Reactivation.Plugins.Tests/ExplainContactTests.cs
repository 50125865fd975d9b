using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Newtonsoft.Json.Linq;
using Reactivation.LocalOrg;
using Reactivation.Plugins.Mapping;

namespace Reactivation.Plugins.Tests;

/// <summary>Custom API rx_ExplainContact on the product's solution/ with a simulated clock: one read, no writes.</summary>
[TestClass]
public sealed class ExplainContactTests() : ProductOrganizationTest(new DateTime(2026, 3, 10, 11, 30, 0, DateTimeKind.Utc))
{
    private static readonly string[] SomeChannels = ["Phone", "Sms", "Email"];

    [TestMethod]
    public void The_product_solution_declares_the_API_as_a_global_function()
    {
        var api = Org.CustomApis.Single(a => a.UniqueName == "rx_ExplainContact");
        Assert.AreEqual(0, api.BindingType);
        Assert.IsTrue(api.IsFunction);
        Assert.AreEqual(12, api.RequestParameters.Single(p => p.UniqueName == "ContactId").Type);
        Assert.IsFalse(api.RequestParameters.Single(p => p.UniqueName == "ContactId").IsOptional);
        Assert.AreEqual(10, api.ResponseProperties.Single(p => p.UniqueName == "Decision").Type);
    }

    [TestMethod]
    public void A_customer_not_yet_evaluated_after_50_days_is_explained_as_turning_Silent_with_policy_and_offer_and_nothing_is_written()
    {
        var id = Service.Create(new Entity("contact")
        {
            ["lastname"] = "Zhang",
            ["firstname"] = "Wei",
            ["emailaddress1"] = "wei.zhang@example.com",
            ["telephone1"] = "+86 138 0000 1234",
            ["rx_purchaseledger"] = CustomerRows.OneOrderLedger(Now.AddDays(-10)),
        });
        Now = Now.AddDays(40);
        Org.ClearLogs();

        var json = Explain(id);

        var decision = JObject.Parse(json);
        Assert.AreEqual(id.ToString("D"), (string?)decision["contactId"]);
        Assert.AreEqual("New", (string?)decision["stage"]!["current"]);
        Assert.AreEqual("Silent", (string?)decision["stage"]!["decided"]);
        Assert.IsTrue((bool)decision["stage"]!["changes"]!);
        Assert.IsFalse(string.IsNullOrEmpty((string?)decision["stage"]!["rule"]));
        var matched = ((JArray)decision["stage"]!["explanation"]!).Single(r => (bool)r["matched"]!);
        Assert.IsGreaterThan(0, ((JObject)matched["facts"]!).Count, "the rule's facts are in the explanation");
        Assert.AreEqual("Stage", (string?)decision["nextChange"]!["what"]);
        Assert.AreEqual("Sleeping", (string?)decision["nextChange"]!["to"]);
        Assert.AreEqual(41, (int)decision["nextChange"]!["daysAhead"]!);
        var channels = ((JArray)decision["contactPolicy"]!).Select(c => (string?)c["channel"]).ToArray();
        CollectionAssert.IsSubsetOf(SomeChannels, channels);
        Assert.AreEqual("AskWhyCall", (string?)decision["offer"]!["name"]);
        Assert.DoesNotContain("Zhang", json);
        Assert.DoesNotContain("Wei", json);
        Assert.DoesNotContain("example.com", json);
        Assert.DoesNotContain("138 0000 1234", json, "the phone number, as stored");
        Assert.DoesNotContain("13800001234", json, "the phone number, digits only"); // not "138" alone: a random contact id may hold it

        Assert.AreEqual("Retrieve contact, RetrieveMultiple rx_ruleset, RetrieveMultiple rx_campaign", string.Join(", ", Org.RequestLog.Where(r => r.Origin == RequestOrigin.Plugin).Select(r => r.RequestName + " " + r.EntityName)), "one read of the contact, and the first call's read of the active rulesets");
        Assert.IsFalse(Org.RequestLog.Any(r => r.RequestName is "Create" or "Update" or "Upsert" or "Delete"), "no writes at all");
        Assert.AreEqual(101770001, Service.Retrieve("contact", id, new ColumnSet("rx_lifecyclestage")).GetAttributeValue<OptionSetValue>("rx_lifecyclestage").Value, "still New: explaining changes nothing");
        Assert.IsEmpty(Service.RetrieveMultiple(new QueryExpression("rx_reactivationattempt")).Entities);
    }

    [TestMethod]
    public void A_Lost_customer_has_no_next_change()
    {
        var id = Service.Create(new Entity("contact")
        {
            ["lastname"] = "Li",
            ["rx_purchaseledger"] = CustomerRows.OneOrderLedger(Now.AddDays(-300)),
        });

        var decision = JObject.Parse(Explain(id));

        Assert.AreEqual("Lost", (string?)decision["stage"]!["decided"]);
        Assert.IsFalse((bool)decision["stage"]!["changes"]!, "the create already stamped Lost");
        Assert.AreEqual(JTokenType.Null, decision["nextChange"]!.Type);
        // Created already Lost, it is due outreach at once (no outreach step runs on a Create): the next evaluation is then.
        Assert.AreEqual(Now, (DateTime)decision["outreachDueOn"]!);
        Assert.AreEqual(Now, (DateTime)decision["nextEvaluationOn"]!);
    }

    private string Explain(Guid id) =>
        (string)Service.Execute(new OrganizationRequest("rx_ExplainContact") { ["ContactId"] = id }).Results["Decision"]!;
}
