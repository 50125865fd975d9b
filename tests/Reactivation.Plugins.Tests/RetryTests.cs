using Microsoft.Xrm.Sdk;
using Reactivation.Core.Ledgers;

namespace Reactivation.Plugins.Tests;

/// <summary>
/// Nothing is dropped silently, through the product's solution/ with the shipped rules: an attempt the contact policy
/// suppresses stores the day its block lifts (rx_retryon, and the contact's rx_outreachdueon), the daily evaluations
/// before that day leave the contact alone, and the evaluation of that morning lets the same attempt out. Simulated
/// clock (organisation in UTC); the records a rep and a manager see.
/// </summary>
[TestClass]
public sealed class RetryTests() : ProductOrganizationTest(new DateTime(2026, 3, 10, 15, 0, 0, DateTimeKind.Utc))
{
    private static readonly DateTime RetryDay = new(2026, 3, 19, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// Mr Li last bought 100 days ago and got a text on 5 March. On the morning of 11 March he is Sleeping and due his
    /// ask-why call, but the Sleeping cap (one touch in 14 days) holds the text: the attempt is Suppressed and says it
    /// is retried on 19 March, the first day the 14-day window no longer holds 5 March. The mornings until then find
    /// nothing to do; on 19 March the rep has the call.
    /// </summary>
    [TestMethod]
    public void A_start_held_back_by_the_cap_is_retried_on_the_morning_the_cap_lets_it_out()
    {
        var id = Service.Create(new Entity("contact")
        {
            ["lastname"] = "Li",
            ["rx_purchaseledger"] = CustomerRows.OneOrderLedger(Now.AddDays(-100)),
            ["rx_touchledger"] = "T1;" + LedgerInstant.Write(new DateTime(2026, 3, 5, 10, 0, 0, DateTimeKind.Utc)) + "=Sms",
        });

        Morning(11);
        var suppressed = Service.All("rx_reactivationattempt").Single();
        Assert.AreEqual(Choices.AttemptOutcome.Suppressed, suppressed.GetAttributeValue<OptionSetValue>("rx_outcome").Value);
        Assert.AreEqual(RetryDay, suppressed.GetAttributeValue<DateTime>("rx_retryon"), "the day the text of 5 March leaves the 14-day window");
        StringAssert.Contains(suppressed.GetAttributeValue<string>("rx_blockreasons"), "PhoneCall Phone CapReached");
        StringAssert.Contains(suppressed.GetAttributeValue<string>("rx_explanation"), "Retry on 2026-03-19: the first day the contact policy lets an action out");
        Assert.IsEmpty(Service.All("phonecall"));
        var contact = Service.Contact(id);
        Assert.AreEqual(RetryDay, contact.GetAttributeValue<DateTime>("rx_outreachdueon"), "the retry is the contact's outreach due");
        Assert.AreEqual(RetryDay, contact.GetAttributeValue<DateTime>("rx_nextevaluationon"), "so the daily evaluation takes it up that morning");
        Assert.IsNull(contact.GetAttributeValue<EntityReference>("rx_openattemptid"), "a suppressed attempt is nobody's to work");

        for (var day = 12; day <= 18; day++)
        {
            Now = new DateTime(2026, 3, day, 2, 30, 0, DateTimeKind.Utc);
            var (evaluated, _) = ProductOrganization.EvaluateDueContacts(Service, pageSize: 250);
            Assert.AreEqual(0, evaluated, $"nothing is due on {day} March");
        }

        Morning(19);
        var attempt = Service.All("rx_reactivationattempt").Single();
        Assert.AreEqual(suppressed.Id, attempt.Id, "the same attempt: same rule, same stage stint");
        Assert.AreEqual(Choices.AttemptOutcome.Open, attempt.GetAttributeValue<OptionSetValue>("rx_outcome").Value);
        Assert.IsNull(attempt.GetAttributeValue<DateTime?>("rx_retryon"), "let out: no retry pending");
        Assert.AreEqual(Now, attempt.GetAttributeValue<DateTime>("rx_startedon"), "started when it went out");
        var call = Service.All("phonecall").Single();
        Assert.AreEqual("Ask why: no purchase for 109 days", call.GetAttributeValue<string>("subject"));
        Assert.AreEqual(new EntityReference("contact", id), call.GetAttributeValue<EntityReference>("regardingobjectid"));
        contact = Service.Contact(id);
        Assert.AreEqual(attempt.Id, contact.GetAttributeValue<EntityReference>("rx_openattemptid").Id, "the rep's attempt now");
        Assert.IsNull(contact.GetAttributeValue<DateTime?>("rx_outreachdueon"), "the retry is spent");
    }

    /// <summary>
    /// Ms Wang opted out of calls and every message channel: nothing lifts that block by itself. Her attempt is
    /// Suppressed with no retry date and her contact is not left due, so no morning evaluates her for nothing.
    /// </summary>
    [TestMethod]
    public void A_customer_who_opted_out_of_every_channel_gets_no_retry_date()
    {
        var id = Service.Create(new Entity("contact")
        {
            ["lastname"] = "Wang",
            ["rx_purchaseledger"] = CustomerRows.OneOrderLedger(Now.AddDays(-100)),
            ["donotphone"] = true,
            ["donotemail"] = true,
            ["rx_donotsms"] = true,
            ["rx_donotpush"] = true,
            ["rx_donotwechat"] = true,
            ["rx_donotwecom"] = true,
        });

        Morning(11);

        var attempt = Service.All("rx_reactivationattempt").Single();
        Assert.AreEqual(Choices.AttemptOutcome.Suppressed, attempt.GetAttributeValue<OptionSetValue>("rx_outcome").Value);
        Assert.IsNull(attempt.GetAttributeValue<DateTime?>("rx_retryon"));
        StringAssert.Contains(attempt.GetAttributeValue<string>("rx_explanation"), "No retry: no day in the next 190 lifts the block");
        var contact = Service.Contact(id);
        Assert.IsNull(contact.GetAttributeValue<DateTime?>("rx_outreachdueon"));
        Assert.AreNotEqual(Now.Date.AddDays(1), contact.GetAttributeValue<DateTime?>("rx_nextevaluationon")?.Date, "not due tomorrow for nothing");
    }

    /// <summary>Runs the daily evaluation at 02:30 UTC on the given day of March 2026 until it has no more pages.</summary>
    private void Morning(int day)
    {
        Now = new DateTime(2026, 3, day, 2, 30, 0, DateTimeKind.Utc);
        Org.ClearLogs();
        ProductOrganization.EvaluateDueContacts(Service, pageSize: 250);
    }
}
