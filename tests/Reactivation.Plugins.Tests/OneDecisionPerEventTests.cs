using Microsoft.Xrm.Sdk;
using Reactivation.Core.Decisions;
using Reactivation.Core.Ledgers;

namespace Reactivation.Plugins.Tests;

/// <summary>
/// Each event decides once: every step that decides builds the contact's facts once and reads each of its ledgers
/// once, and an update scans for the next stage change once — the outreach step takes the lifecycle step's scan of the
/// same operation. Counted by Core (<see cref="DecisionWork"/>, per thread: the local organisation runs synchronous
/// steps on the caller's thread), not timed.
/// </summary>
[TestClass]
public sealed class OneDecisionPerEventTests() : ProductOrganizationTest(new DateTime(2026, 3, 10, 11, 30, 0, DateTimeKind.Utc))
{
    [TestMethod]
    public void A_contact_update_that_turns_the_customer_Silent_and_starts_an_attempt_builds_the_facts_once_per_step_reads_each_ledger_once_per_step_and_scans_once()
    {
        var id = Service.CreateCustomer(lastPurchase: Now.AddDays(-10));

        Org.ClearLogs();
        DecisionWork.Reset();
        Service.Update(new Entity("contact", id) { ["rx_purchaseledger"] = CustomerRows.OneOrderLedger(Now.AddDays(-46)) });

        Assert.AreEqual(Silent, Service.Retrieve("contact", id, new Microsoft.Xrm.Sdk.Query.ColumnSet("rx_lifecyclestage")).GetAttributeValue<OptionSetValue>("rx_lifecyclestage").Value);
        Assert.HasCount(1, Service.All("rx_reactivationattempt"), "the outreach step started the attempt");
        Assert.AreEqual(2, DecidingSteps(), "the lifecycle step and the outreach step decided");
        Assert.AreEqual(2, DecisionWork.FactsBuilt, "facts built once in each of the two steps (five times before)");
        Assert.AreEqual(2, DecisionWork.PurchaseLedgersRead, "the purchase ledger read once in each step (three times before)");
        Assert.AreEqual(2, DecisionWork.TouchLedgersRead, "the touch ledger read once in each step (four times before)");
        Assert.AreEqual(1, DecisionWork.NextChangeScans, "the outreach step takes the lifecycle step's scan (twice before)");
    }

    [TestMethod]
    public void A_rep_edit_that_changes_no_stage_builds_the_facts_once_reads_each_ledger_once_and_scans_once()
    {
        var id = Service.CreateCustomer(lastPurchase: Now.AddDays(-10));

        Org.ClearLogs();
        DecisionWork.Reset();
        Service.Update(new Entity("contact", id) { ["rx_tier"] = "Gold" });

        Assert.AreEqual(1, DecidingSteps());
        Assert.AreEqual((1, 1, 1, 1), (DecisionWork.FactsBuilt, DecisionWork.PurchaseLedgersRead, DecisionWork.TouchLedgersRead, DecisionWork.NextChangeScans));
    }

    [TestMethod]
    public void Explaining_a_contact_builds_its_facts_once_and_reads_each_ledger_once()
    {
        var id = Service.CreateCustomer(lastPurchase: Now.AddDays(-10));
        Now = Now.AddDays(40);

        Org.ClearLogs();
        DecisionWork.Reset();
        Service.Execute(new OrganizationRequest("rx_ExplainContact") { ["ContactId"] = id });

        Assert.AreEqual((1, 1, 1, 1), (DecisionWork.FactsBuilt, DecisionWork.PurchaseLedgersRead, DecisionWork.TouchLedgersRead, DecisionWork.NextChangeScans),
            "one decision for stage, policy per channel and offer (before: facts built four times, each ledger read twice, two scans)");
    }

    [TestMethod]
    public void The_daily_evaluation_decides_each_due_contact_once_and_its_outreach_decides_once_more()
    {
        Service.CreateCustomer(lastPurchase: Now.AddDays(-10));
        Now = Now.AddDays(36);

        Org.ClearLogs();
        DecisionWork.Reset();
        ProductOrganization.EvaluateDueContacts(Service, 250);

        Assert.HasCount(1, Service.All("rx_reactivationattempt"), "the customer turned Silent and the outreach step started the attempt");
        Assert.AreEqual((2, 2, 2), (DecisionWork.FactsBuilt, DecisionWork.PurchaseLedgersRead, DecisionWork.TouchLedgersRead), "the evaluation's decision and the outreach step's (before: facts built five times)");
        Assert.AreEqual(2, DecisionWork.NextChangeScans, "the evaluation's, and the outreach step's after its write (no lifecycle step ran in that update)");
    }

    private static readonly int Silent = Schema.ContactColumns.Stages.ValueOf(LifecycleStage.Silent);

    private int DecidingSteps() => Org.TraceLog.Count(t => t.StepName.Contains("ContactLifecyclePlugin", StringComparison.Ordinal) || (t.StepName.Contains("ContactOutreachPlugin", StringComparison.Ordinal) && t.Lines.Any(l => l.StartsWith("Offer ", StringComparison.Ordinal))));
}
