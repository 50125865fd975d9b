using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;
using Reactivation.Core.Ledgers;
using Reactivation.LocalOrg;
using static Reactivation.Plugins.Tests.Choices.ResponseOutcome;

namespace Reactivation.Plugins.Tests;

/// <summary>
/// A rep completes the call the outreach step gave them, with what they learned: the product's solution/ in the
/// local organisation, a contact going Silent with no known reason (the default offers: a call to ask why, at
/// Activate), then the phone call completed as a rep does in the app.
/// </summary>
[TestClass]
public sealed class ActivityResponseTests() : ProductOrganizationTest(new DateTime(2026, 3, 10, 11, 30, 0, DateTimeKind.Utc))
{
    /// <summary>The response step reads which attempt the contact carries (a newer one may have replaced the call's), then writes each once.</summary>
    private static readonly string[] ContactThenAttempt = ["Retrieve contact", "Update contact", "Update rx_reactivationattempt"];
    private static readonly string[] AttemptOnly = ["Update rx_reactivationattempt"];

    [TestMethod]
    public void The_call_to_ask_why_belongs_to_its_attempt_and_Interested_brings_the_wake_offer()
    {
        var (contactId, attemptId, callId) = SilentCustomerWithCall();
        Assert.AreEqual(attemptId, Row("phonecall", callId).GetAttributeValue<EntityReference>("rx_attemptid").Id, "the rep's call names its attempt");
        Now = Now.AddDays(1);

        Complete(callId, Interested);

        var attempt = Row("rx_reactivationattempt", attemptId);
        StringAssert.EndsWith(attempt.GetAttributeValue<string>("rx_steps"), "\n202603111130 Interested Phone");
        Assert.AreEqual(Now, attempt.GetAttributeValue<DateTime>("rx_respondedon"));
        Assert.AreEqual(Choices.AttemptStep.Wake, attempt.GetAttributeValue<OptionSetValue>("rx_currentstep").Value, "answered at Activate: the wake step follows");
        var voucher = Service.All("rx_outreachmessage").Single();
        StringAssert.Contains(voucher.GetAttributeValue<string>("rx_renderedtext"), "Thank you for your reply!");
        Assert.AreEqual(Now, Row("contact", contactId).GetAttributeValue<DateTime>("rx_attemptrespondedon"));
        Assert.IsLessThanOrEqualTo(2, Org.TraceLog.Max(t => t.Depth));
    }

    [TestMethod]
    public void The_reason_the_customer_gave_on_the_ask_why_call_reaches_the_contact_and_the_same_attempt_wakes()
    {
        var (contactId, attemptId, callId) = SilentCustomerWithCall();
        Now = Now.AddDays(1);
        Org.ClearLogs();

        Service.Update(new Entity("phonecall", callId)
        {
            ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(2), ["rx_responseoutcome"] = new OptionSetValue(Reached),
            ["rx_dormancyreason"] = new OptionSetValue(CompetitorReason),
        });

        var contact = Row("contact", contactId);
        Assert.AreEqual(CompetitorReason, contact.GetAttributeValue<OptionSetValue>("rx_dormancyreason").Value, "the reason the rep heard is the contact's reason now");
        CollectionAssert.AreEqual(ContactThenAttempt, ResponseStepRequests(), "still one read of the contact's open attempt, one Update of the contact, one of the attempt");
        var attempts = Service.All("rx_reactivationattempt");
        Assert.HasCount(1, attempts, "the answer moves the ask-why attempt on; no new attempt replaces it");
        var attempt = attempts.Single();
        Assert.AreEqual(attemptId, attempt.Id);
        Assert.AreEqual(Choices.AttemptOutcome.Open, attempt.GetAttributeValue<OptionSetValue>("rx_outcome").Value, "reached: not closed as no response");
        Assert.AreEqual(Choices.AttemptStep.Wake, attempt.GetAttributeValue<OptionSetValue>("rx_currentstep").Value, "reached at Activate: the wake step follows");
        Assert.AreEqual(Now, attempt.GetAttributeValue<DateTime>("rx_respondedon"));
        Assert.AreEqual(attemptId, contact.GetAttributeValue<EntityReference>("rx_openattemptid").Id);
        Assert.IsEmpty(Service.All("rx_outreachmessage"), "not the thank-you voucher for an answer: she said why");
        var winBack = Service.All("phonecall").Single(c => c.Id != callId);
        Assert.AreEqual("Win-back price: 20% off for 14 days", winBack.GetAttributeValue<string>("subject"), "the offer for the reason she gave follows on the same attempt");
        Assert.AreEqual(attemptId, winBack.GetAttributeValue<EntityReference>("rx_attemptid").Id);
        var discount = Service.All("rx_incentive").Single();
        Assert.AreEqual(20m, discount.GetAttributeValue<decimal>("rx_value"));
        StringAssert.Contains(attempt.GetAttributeValue<string>("rx_wakestep"), "by CompetitorWinBackPrice (WinBackPrice)");
    }

    [TestMethod]
    public void A_reason_noted_on_a_wrong_number_is_not_the_customers_and_stays_off_the_contact()
    {
        var (contactId, attemptId, callId) = SilentCustomerWithCall();
        Org.ClearLogs();

        Service.Update(new Entity("phonecall", callId)
        {
            ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(2), ["rx_responseoutcome"] = new OptionSetValue(WrongNumber),
            ["rx_dormancyreason"] = new OptionSetValue(CompetitorReason),
        });

        Assert.IsNull(Row("contact", contactId).GetAttributeValue<OptionSetValue>("rx_dormancyreason"), "the person who answered is not the customer");
        CollectionAssert.AreEqual(AttemptOnly, ResponseStepRequests(), "only the attempt records the wrong number");
        Assert.AreEqual(Choices.AttemptOutcome.Open, Row("rx_reactivationattempt", attemptId).GetAttributeValue<OptionSetValue>("rx_outcome").Value);
    }

    [TestMethod]
    public void Not_interested_closes_the_attempt_Declined_and_the_contact_carries_no_open_attempt()
    {
        var (contactId, attemptId, callId) = SilentCustomerWithCall();
        var deadline = Row("contact", contactId).GetAttributeValue<DateTime>("rx_attemptdeadline");
        Assert.AreEqual(deadline, Row("contact", contactId).GetAttributeValue<DateTime>("rx_nextevaluationon"), "due at the attempt's deadline");
        Now = Now.AddHours(2);
        Org.ClearLogs();

        Complete(callId, NotInterested);

        var attempt = Row("rx_reactivationattempt", attemptId);
        Assert.AreEqual(Choices.AttemptOutcome.Declined, attempt.GetAttributeValue<OptionSetValue>("rx_outcome").Value);
        StringAssert.EndsWith(attempt.GetAttributeValue<string>("rx_steps"), "\n202603101330 NotInterested Phone");
        var contact = Row("contact", contactId);
        Assert.IsNull(contact.GetAttributeValue<EntityReference>("rx_openattemptid"));
        Assert.IsNull(contact.GetAttributeValue<DateTime?>("rx_attemptdeadline"));
        CollectionAssert.AreEqual(ContactThenAttempt, ResponseStepRequests(), "one read of the contact's open attempt, one Update of the contact, one of the attempt");
    }

    [TestMethod]
    public void An_old_attempts_call_completed_after_a_newer_attempt_replaced_it_leaves_the_newer_one_as_it_is()
    {
        var (contactId, askWhyId, callId) = SilentCustomerWithCall();
        // She rates her last visit 2: the apology attempt replaces the ask-why one, whose call is still on the rep's list.
        Service.Update(new Entity("contact", contactId) { ["rx_satisfaction"] = 2 });
        var apology = Service.All("rx_reactivationattempt").Single(a => a.GetAttributeValue<string>("rx_offer") == "ApologyFreeTrial");
        Assert.AreEqual(apology.Id, Row("contact", contactId).GetAttributeValue<EntityReference>("rx_openattemptid").Id);
        Now = Now.AddHours(2);

        Complete(callId, NotInterested);

        var contact = Row("contact", contactId);
        Assert.AreEqual(apology.Id, contact.GetAttributeValue<EntityReference>("rx_openattemptid")?.Id, "the contact still carries the apology attempt");
        Assert.IsNull(contact.GetAttributeValue<DateTime?>("rx_attemptrespondedon"), "an answer on the old call is not an answer to the apology");
        Assert.AreEqual(Choices.AttemptOutcome.Open, Row("rx_reactivationattempt", apology.Id).GetAttributeValue<OptionSetValue>("rx_outcome").Value);
        Assert.AreEqual(Choices.AttemptOutcome.NoResponse, Row("rx_reactivationattempt", askWhyId).GetAttributeValue<OptionSetValue>("rx_outcome").Value, "replaced, it keeps how it ended");
    }

    [TestMethod]
    public void A_wrong_number_is_recorded_and_the_attempt_waits_for_its_deadline()
    {
        var (contactId, attemptId, callId) = SilentCustomerWithCall();
        Org.ClearLogs();

        Complete(callId, WrongNumber);

        var attempt = Row("rx_reactivationattempt", attemptId);
        Assert.AreEqual(Choices.AttemptOutcome.Open, attempt.GetAttributeValue<OptionSetValue>("rx_outcome").Value);
        StringAssert.EndsWith(attempt.GetAttributeValue<string>("rx_steps"), "\n202603101130 WrongNumber Phone");
        Assert.IsNull(attempt.GetAttributeValue<DateTime?>("rx_respondedon"), "nobody was reached: not a response");
        Assert.AreEqual(attemptId, Row("contact", contactId).GetAttributeValue<EntityReference>("rx_openattemptid").Id);
        CollectionAssert.AreEqual(AttemptOnly, ResponseStepRequests());
    }

    [TestMethod]
    public void Opted_out_on_the_phone_sets_do_not_phone_and_closes_the_attempt_OptedOut()
    {
        var (contactId, attemptId, callId) = SilentCustomerWithCall();

        Complete(callId, OptedOut);

        Assert.IsTrue(Row("contact", contactId).GetAttributeValue<bool>("donotphone"));
        Assert.AreEqual(Choices.AttemptOutcome.OptedOut, Row("rx_reactivationattempt", attemptId).GetAttributeValue<OptionSetValue>("rx_outcome").Value);
        Assert.IsNull(Row("contact", contactId).GetAttributeValue<EntityReference>("rx_openattemptid"));
    }

    [TestMethod]
    public void Completing_without_an_outcome_or_completing_again_makes_no_request()
    {
        var (_, attemptId, callId) = SilentCustomerWithCall();
        Org.ClearLogs();

        Service.Update(new Entity("phonecall", callId) { ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(2) });
        Assert.IsEmpty(ResponseStepRequests(), "completed without an outcome: nothing to record");

        Service.Update(new Entity("phonecall", callId) { ["rx_responseoutcome"] = new OptionSetValue(Reached) });
        var steps = Row("rx_reactivationattempt", attemptId).GetAttributeValue<string>("rx_steps");
        Org.ClearLogs();
        Service.Update(new Entity("phonecall", callId) { ["rx_responseoutcome"] = new OptionSetValue(Reached), ["description"] = "called back twice" });

        Assert.IsEmpty(ResponseStepRequests(), "the same outcome again (a replay or an edit): no request");
        Assert.AreEqual(steps, Row("rx_reactivationattempt", attemptId).GetAttributeValue<string>("rx_steps"), "no second line");
    }

    [TestMethod]
    public void After_a_rep_records_an_opt_out_the_closed_attempt_gets_none_of_its_remaining_actions()
    {
        // Sleeping with an unused package: the reminder is a call and an SMS, but one touch per 14 days lets
        // only the call through; the SMS waits for the cap window.
        var id = Service.Create(new Entity("contact")
        {
            ["lastname"] = "Zhao", ["rx_purchaseledger"] = Ledger(10), ["rx_remainingsessions"] = 4,
            ["rx_dormancyreason"] = new OptionSetValue(101770001),
        });
        Service.Update(new Entity("contact", id) { ["rx_purchaseledger"] = Ledger(95) });
        var attempt = Service.All("rx_reactivationattempt").Single();
        var call = Service.All("phonecall").Single();
        Assert.IsEmpty(Service.All("rx_outreachmessage"), "the SMS is capped for now");

        Complete(call.Id, OptedOut);
        Now = Now.AddDays(20);
        Service.Update(new Entity("contact", id) { ["rx_satisfaction"] = 3 });

        Assert.IsEmpty(Service.All("rx_outreachmessage"), "the attempt is closed: its capped SMS is not sent later");
        Assert.AreEqual(Choices.AttemptOutcome.OptedOut, Row("rx_reactivationattempt", attempt.Id).GetAttributeValue<OptionSetValue>("rx_outcome").Value);
        Assert.HasCount(1, Service.All("rx_reactivationattempt"));
        StringAssert.Contains(string.Join("\n", Org.TraceLog.SelectMany(t => t.Lines)), "was made earlier and is closed");
    }

    /// <summary>A customer whose last purchase was 46 days ago, no reason known: Silent, and the rep's call to ask why.</summary>
    /// <summary>rx_dormancyreason's Competitor (solution/OptionSets/rx_dormancyreason.xml).</summary>
    private const int CompetitorReason = 101770004;

    private (Guid Contact, Guid Attempt, Guid Call) SilentCustomerWithCall()
    {
        var id = Service.Create(new Entity("contact") { ["lastname"] = "Wang", ["rx_purchaseledger"] = Ledger(10) });
        Service.Update(new Entity("contact", id) { ["rx_purchaseledger"] = Ledger(46) });
        var attempt = Service.All("rx_reactivationattempt").Single();
        var call = Service.All("phonecall").Single();
        StringAssert.Contains(call.GetAttributeValue<string>("subject"), "why", "the default offer for an unknown reason: a call to ask why");
        return (id, attempt.Id, call.Id);
    }

    private void Complete(Guid callId, int outcome) =>
        Service.Update(new Entity("phonecall", callId)
        {
            ["statecode"] = new OptionSetValue(1), ["statuscode"] = new OptionSetValue(2), ["rx_responseoutcome"] = new OptionSetValue(outcome),
        });

    private string[] ResponseStepRequests() =>
        Org.RequestLog.Where(r => r.Origin == RequestOrigin.Plugin && (r.StepName ?? "").Contains("ActivityResponsePlugin", StringComparison.Ordinal))
            .Select(r => r.RequestName + " " + r.EntityName).ToArray();

    private string Ledger(int daysAgo) =>
        "P1;" + LedgerInstant.Write(Now.AddDays(-400)) + "=50.00#0000000a;" + LedgerInstant.Write(Now.AddDays(-daysAgo)) + "=88.00#0000000b";

    private Entity Row(string table, Guid id) => Service.Retrieve(table, id, new ColumnSet(true));
}
