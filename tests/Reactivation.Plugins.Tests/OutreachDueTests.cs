using Microsoft.Xrm.Sdk;
using Reactivation.Core.Decisions;
using Reactivation.LocalOrg;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Tests;

/// <summary>
/// The outreach due (rx_outreachdueon) through the product's solution/: a contact no outreach step saw go dormant — created
/// already dormant — is found by the next morning's rx_EvaluateDueContacts, which signals it (rx_outreachsignalledon), and
/// the outreach step starts its attempt or, with nothing to do, clears the due. Simulated clock; the records a rep sees.
/// </summary>
[TestClass]
public sealed class OutreachDueTests() : ProductOrganizationTest(new DateTime(2026, 3, 10, 15, 0, 0, DateTimeKind.Utc))
{
    private static readonly int Sleeping = ContactColumns.Stages.ValueOf(LifecycleStage.Sleeping);
    private static readonly int Reactivated = ContactColumns.Stages.ValueOf(LifecycleStage.Reactivated);
    // The second contact query is the page's referral links: a Sleeping customer's touches may carry the social-proof line
    // (PageJoins; one query per page, none for a page without a customer in a social-proof stage).
    private static readonly string[] MorningApiRequests = ["RetrieveMultiple rx_ruleset", "RetrieveMultiple rx_campaign", "RetrieveMultiple contact", "RetrieveMultiple contact", "Update contact"];
    private static readonly string[] MorningOutreachRequests = ["Upsert rx_reactivationattempt", "Upsert phonecall", "Update contact"];

    [TestMethod]
    public void A_contact_created_100_days_after_its_last_purchase_is_Sleeping_at_once_and_gets_its_attempt_the_next_morning()
    {
        var created = Now;
        Org.ClearLogs();
        var id = Service.CreateCustomer(lastPurchase: Now.AddDays(-100));

        var contact = Service.Contact(id);
        Assert.AreEqual(Sleeping, contact.GetAttributeValue<OptionSetValue>("rx_lifecyclestage").Value);
        Assert.AreEqual(created, contact.GetAttributeValue<DateTime>("rx_outreachdueon"), "no outreach step runs on a Create: the contact is left due");
        Assert.AreEqual(created, contact.GetAttributeValue<DateTime>("rx_nextevaluationon"), "so the next daily evaluation takes it up");
        Assert.IsEmpty(Service.All("rx_reactivationattempt"), "nothing yet: outreach comes with the daily run, as for anyone going dormant overnight");
        CollectionAssert.AreEqual(new[] { "RetrieveMultiple rx_ruleset" }, Requests(depth: 1), "the Create step stamps the Target: no request but its first read of the active rulesets");

        Now = new DateTime(2026, 3, 11, 2, 30, 0, DateTimeKind.Utc);
        Org.ClearLogs();
        var (evaluated, calls) = ProductOrganization.EvaluateDueContacts(Service, pageSize: 250);

        Assert.AreEqual((1, 1), (evaluated, calls));
        var attempt = Service.All("rx_reactivationattempt").Single();
        Assert.AreEqual(Sleeping, attempt.GetAttributeValue<OptionSetValue>("rx_stageatstart").Value);
        Assert.AreEqual(Choices.AttemptOutcome.Open, attempt.GetAttributeValue<OptionSetValue>("rx_outcome").Value);
        Assert.AreEqual(id.ToString("D") + "|UnknownReasonCall|20260310", attempt.GetAttributeValue<string>("rx_key"), "the attempt of the stage stint that began at the Create");
        var call = Service.All("phonecall").Single();
        Assert.AreEqual("Ask why: no purchase for 101 days", call.GetAttributeValue<string>("subject"));
        Assert.AreEqual(new EntityReference("contact", id), call.GetAttributeValue<EntityReference>("regardingobjectid"));
        contact = Service.Contact(id);
        Assert.AreEqual(attempt.Id, contact.GetAttributeValue<EntityReference>("rx_openattemptid").Id);
        Assert.IsNull(contact.GetAttributeValue<DateTime?>("rx_outreachdueon"), "spent by the start");
        Assert.AreEqual(Now, contact.GetAttributeValue<DateTime>("rx_outreachsignalledon"));
        Assert.AreEqual(attempt.GetAttributeValue<DateTime>("rx_deadline"), contact.GetAttributeValue<DateTime>("rx_nextevaluationon"), "due again at the attempt's deadline");

        CollectionAssert.AreEqual(MorningApiRequests, Requests(depth: 1), "the page query, its referral links (a Sleeping customer), one Update carrying the signal");
        CollectionAssert.AreEqual(MorningOutreachRequests, Requests(depth: 2).Where(r => !r.StartsWith("RetrieveMultiple rx_ruleset", StringComparison.Ordinal) && !r.StartsWith("RetrieveMultiple rx_campaign", StringComparison.Ordinal)).ToArray(),
            "the outreach step on the API's Update: the attempt, the rep's call, the contact (touch ledger, open attempt, due cleared)");
        Assert.IsEmpty(Org.RequestLog.Where(r => r.Origin == RequestOrigin.Plugin && r.Depth > 2), "nothing deeper");
    }

    [TestMethod]
    public void A_second_run_the_same_morning_signals_nothing_and_writes_nothing()
    {
        var id = Service.CreateCustomer(lastPurchase: Now.AddDays(-100));
        Now = Now.AddHours(12);
        ProductOrganization.EvaluateDueContacts(Service, pageSize: 250);
        var before = Service.Contact(id);
        Now = Now.AddHours(1);
        Org.ClearLogs();

        var (evaluated, _) = ProductOrganization.EvaluateDueContacts(Service, pageSize: 250);

        Assert.AreEqual(0, evaluated);
        Assert.IsEmpty(Org.RequestLog.Where(r => r.Origin == RequestOrigin.Plugin && r.RequestName != "RetrieveMultiple"));
        Assert.HasCount(1, Service.All("rx_reactivationattempt"));
        Assert.AreEqual(before.GetAttributeValue<DateTime>("modifiedon"), Service.Contact(id).GetAttributeValue<DateTime>("modifiedon"));
    }

    [TestMethod]
    public void A_contact_created_dormant_who_buys_before_the_morning_gets_no_attempt_and_the_due_is_cleared()
    {
        var id = Service.CreateCustomer(lastPurchase: Now.AddDays(-100));
        Service.Create(new Entity("salesorder")
        {
            ["customerid"] = new EntityReference("contact", id),
            ["totalamount"] = new Money(60m),
            ["rx_paidon"] = Now,
        });
        Assert.AreEqual(Reactivated, Service.Contact(id).GetAttributeValue<OptionSetValue>("rx_lifecyclestage").Value, "back after 100 days");
        Assert.AreEqual(Now, Service.Contact(id).GetAttributeValue<DateTime>("rx_nextevaluationon"), "the due still brings it to the next run");

        Now = Now.AddHours(12);
        Org.ClearLogs();
        ProductOrganization.EvaluateDueContacts(Service, pageSize: 250);

        Assert.IsEmpty(Service.All("rx_reactivationattempt"));
        var contact = Service.Contact(id);
        Assert.IsNull(contact.GetAttributeValue<DateTime?>("rx_outreachdueon"), "nothing to do: spent");
        Assert.AreEqual(new DateTime(2026, 4, 25, 0, 0, 0, DateTimeKind.Utc), contact.GetAttributeValue<DateTime>("rx_nextevaluationon"), "evaluated next when the stage can change: 46 days after the new order");
        CollectionAssert.AreEqual(new[] { "Update contact" }, Requests(depth: 2).Where(r => !r.StartsWith("RetrieveMultiple rx_ruleset", StringComparison.Ordinal) && !r.StartsWith("RetrieveMultiple rx_campaign", StringComparison.Ordinal)).ToArray(), "one Update clears the due");
    }

    [TestMethod]
    public void A_contact_created_Active_is_not_due_and_keeps_its_next_stage_change()
    {
        var id = Service.CreateCustomer(lastPurchase: Now.AddDays(-10));

        var contact = Service.Contact(id);
        Assert.IsNull(contact.GetAttributeValue<DateTime?>("rx_outreachdueon"));
        Assert.AreEqual(Now.Date.AddDays(36), contact.GetAttributeValue<DateTime>("rx_nextevaluationon"));
    }

    private string[] Requests(int depth) =>
        Org.RequestLog.Where(r => r.Origin == RequestOrigin.Plugin && r.Depth == depth).Select(r => r.RequestName + " " + r.EntityName).ToArray();
}
