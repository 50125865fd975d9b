using Reactivation.Core.Attempts;
using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;
using Reactivation.Core.Ledgers;
using static Reactivation.Core.Tests.TestSupport;

namespace Reactivation.Core.Tests;

/// <summary>The one decision an event makes: the lifecycle verdict, the next evaluation, and an explanation per channel.</summary>
[TestClass]
public sealed class ContactDecisionsTests
{
    private static readonly Guid Contact = new("4beeba9f-1e23-4000-8166-4e87e48340fa");
    private static readonly FixedOffsetZone China = new(TimeSpan.FromHours(8));

    [TestMethod]
    public void A_customer_46_days_on_turns_Silent_and_is_evaluated_again_at_local_midnight_the_day_they_turn_Sleeping()
    {
        var customer = Record(LifecycleStage.Active, China, 46);

        DecisionWork.Reset();
        var decision = ContactDecisions.Decide(DecisionRequest.ForLifecycle(customer, Lifecycle));

        Assert.AreEqual(LifecycleStage.Silent, decision.NewStage);
        Assert.AreEqual("Silent", decision.Lifecycle!.RuleName);
        Assert.AreEqual(45, decision.NextChange!.DaysAhead, "day 91 after the purchase");
        Assert.AreEqual(new DateTime(2025, 7, 29, 16, 0, 0, DateTimeKind.Utc), decision.NextEvaluationOn, "30 July 00:00 at UTC+8");
        Assert.IsTrue(decision.NextEvaluationChanged);
        Assert.IsTrue(decision.ChangesRow);
        Assert.AreEqual((1, 1), (DecisionWork.FactsBuilt, DecisionWork.NextChangeScans));
    }

    [TestMethod]
    public void An_open_attempts_deadline_before_the_next_stage_change_is_the_next_evaluation_until_it_is_signalled()
    {
        var deadline = Now.AddDays(2);
        var customer = Record(LifecycleStage.Silent, FixedOffsetZone.Utc, 46);
        customer.OpenAttempt = ReactivationAttempt.CarriedByContact(Guid.NewGuid(), Now.AddDays(-1), AttemptStep.Activate, deadline, null, null);
        customer.NextEvaluationOn = deadline;

        var decision = ContactDecisions.Decide(DecisionRequest.ForLifecycle(customer, Lifecycle));
        Assert.IsNull(decision.NewStage, "still Silent");
        Assert.AreEqual(deadline, decision.NextEvaluationOn);
        Assert.IsFalse(decision.ChangesRow, "the row holds that date already");

        customer.OpenAttempt = customer.OpenAttempt!.SignalDeadline(deadline).Attempt;
        Assert.AreEqual(new DateTime(2025, 7, 30, 0, 0, 0, DateTimeKind.Utc), ContactDecisions.Decide(DecisionRequest.ForLifecycle(customer, Lifecycle)).NextEvaluationOn, "signalled: the stage change is next");
    }

    [TestMethod]
    public void An_explanation_gives_the_policy_for_every_channel_with_caps_counted_and_the_offer_on_the_decided_stage()
    {
        var customer = Record(LifecycleStage.Sleeping, FixedOffsetZone.Utc, 200, touchedDaysAgo: 3);
        customer.Facts.DormancyReason = "Competitor";
        customer.Facts.ConsentPhone = true;

        var decision = ContactDecisions.Decide(DecisionRequest.ForExplanation(customer, Lifecycle, Policy, Offers));

        Assert.AreEqual(LifecycleStage.Lost, decision.NewStage);
        CollectionAssert.AreEqual(ContactChannels.All.ToArray(), decision.ContactPolicy.Select(p => p.Channel).ToArray());
        Assert.AreEqual("LostOutsideCampaign", decision.ContactPolicy[0].ReasonCodes.Single(), "the policy sees the decided stage");
        Assert.AreEqual("WinBackPrice", decision.Offer!.OfferName);
    }

    [TestMethod]
    public void The_decision_maker_feeds_the_decided_stage_to_policy_and_offers()
    {
        var customer = Record(LifecycleStage.Sleeping, FixedOffsetZone.Utc, 200);
        customer.Facts.DormancyReason = "Competitor";
        customer.Facts.ConsentPhone = true;

        var decision = ContactDecisions.Decide(DecisionRequest.ForExplanation(customer, Lifecycle, Policy, Offers));

        Assert.AreEqual(LifecycleStage.Lost, decision.Lifecycle!.Stage);
        Assert.AreEqual("Lost", decision.Facts!.Stage);
        Assert.AreEqual(0, decision.Facts.DaysInStage);
        Assert.AreEqual("LostOutsideCampaign", decision.ContactPolicy.Single(p => p.Channel == "Phone").ReasonCodes.Single());
        Assert.AreEqual("WinBackPrice", decision.Offer!.OfferName);
        Assert.IsNull(decision.NextChange);
    }

    [TestMethod]
    public void Facts_stated_outright_are_explained_without_a_scan_and_with_caps_listed_not_counted()
    {
        var facts = new CustomerFacts { Stage = "Sleeping", DaysSinceLastPurchase = 120, PurchaseCount = 2, ConsentSms = true, TouchesLast30Days = 9 };

        var decision = ContactDecisions.Decide(DecisionRequest.ForExplanation(facts, Lifecycle, Policy, null));

        Assert.AreEqual(LifecycleStage.Sleeping, decision.CurrentStage);
        Assert.IsNull(decision.NewStage);
        Assert.IsNull(decision.NextChange);
        var sms = decision.ContactPolicy.Single(p => p.Channel == "Sms");
        Assert.AreEqual(PolicyOutcome.Defer, sms.Outcome, "caps apply but are not reached without a ledger; the send window defers");
        Assert.IsTrue(sms.Caps.All(c => !c.CapReached));
        Assert.AreEqual("", facts.Channel, "the stated facts are left as they were");
        Assert.IsNull(decision.Offer);
    }

    private static CustomerRecord Record(LifecycleStage stage, FixedOffsetZone zone, int boughtDaysAgo, int? touchedDaysAgo = null)
    {
        var input = InputWithPurchasesDaysAgo(boughtDaysAgo);
        input.OrganisationTimeZone = zone.Zone;
        input.Stage = stage.ToString();
        var touches = TouchLedger.Parse(touchedDaysAgo is { } days ? "T1;" + LedgerInstant.Write(Now.AddDays(-days)) + "=Sms" : null);
        foreach (var touch in touches.Touches) input.Touches.Add(touch);
        return new CustomerRecord(Contact, input, touches, zone) { Stage = stage };
    }
}
