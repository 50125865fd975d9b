using Reactivation.Core.Attempts;
using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;
using Reactivation.Core.Ledgers;
using Reactivation.Core.Outreach;
using static Reactivation.Core.Tests.TestSupport;

namespace Reactivation.Core.Tests.Outreach;

/// <summary>
/// The outreach due (rx_outreachdueon): who sets it, how it moves the next evaluation, how the daily evaluation signals
/// it and how the outreach step spends it — on the shipped rulesets, Sunday 15 June 2025, 12:00 UTC.
/// </summary>
[TestClass]
public sealed class OutreachDueTests
{
    private static readonly Guid Contact = new("4beeba9f-1e23-4000-8166-4e87e48340fa");

    [TestMethod]
    public void A_due_is_pending_until_a_signal_at_or_after_it_and_a_cleared_due_keeps_the_signal_as_history()
    {
        var due = new OutreachDue(Now, null);
        Assert.AreEqual(Now, due.Pending);
        Assert.IsFalse(due.HasCome(Now.AddMinutes(-1)));
        Assert.IsNull(due.Signal(Now.AddMinutes(-1)), "not yet come: nothing to signal");

        var signalled = due.Signal(Now.AddHours(15))!;
        Assert.AreEqual(Now.AddHours(15), signalled.SignalledOn);
        Assert.IsNull(signalled.Pending, "signalled: not pending any more");
        Assert.IsNull(signalled.Signal(Now.AddDays(1)), "a replayed run signals nothing twice");

        var later = new OutreachDue(Now.AddDays(3), signalled.SignalledOn);
        Assert.AreEqual(Now.AddDays(3), later.Pending, "a later due set after the signal is pending again");

        var cleared = signalled.Cleared();
        Assert.IsNull(cleared.DueOn);
        Assert.AreEqual(signalled.SignalledOn, cleared.SignalledOn);
    }

    [TestMethod]
    public void An_unattended_event_leaves_a_dormant_contact_without_an_attempt_of_its_stint_due_now_and_anyone_else_as_it_was()
    {
        Assert.AreEqual(Now, OutreachDue.None.ForUnattended(LifecycleStage.Sleeping, Now, null, DormantStages(), Now).DueOn, "dormant, no attempt");
        Assert.IsNull(OutreachDue.None.ForUnattended(LifecycleStage.Active, Now, null, DormantStages(), Now).DueOn, "Active does not start outreach");
        Assert.IsNull(OutreachDue.None.ForUnattended(null, null, null, DormantStages(), Now).DueOn, "no stage");

        var inStint = ReactivationAttempt.CarriedByContact(Guid.NewGuid(), Now.AddDays(-2), AttemptStep.Activate, Now.AddDays(1), null, null);
        Assert.IsNull(OutreachDue.None.ForUnattended(LifecycleStage.Sleeping, Now.AddDays(-3), inStint, DormantStages(), Now).DueOn, "the attempt started in this stint");
        Assert.AreEqual(Now, OutreachDue.None.ForUnattended(LifecycleStage.Lost, Now, inStint, DormantStages(), Now).DueOn, "the stint began now: that attempt belongs to the one before");

        var earlier = new OutreachDue(Now.AddDays(-1), null);
        Assert.AreSame(earlier, earlier.ForUnattended(LifecycleStage.Sleeping, Now, null, DormantStages(), Now), "a pending due stands");
        var onlySleepingAndLost = new OutreachSettings([LifecycleStage.Sleeping, LifecycleStage.Lost], new Dictionary<string, Guid>());
        Assert.IsNull(OutreachDue.None.ForUnattended(LifecycleStage.Silent, Now, null, onlySleepingAndLost, Now).DueOn, "the step's stages decide");
    }

    [TestMethod]
    public void A_contact_decided_Sleeping_with_no_outreach_step_following_is_due_now_and_evaluated_now_instead_of_on_the_day_it_turns_Lost()
    {
        var customer = Record(100, stage: null);

        var attended = ContactDecisions.Decide(DecisionRequest.ForLifecycle(customer, Lifecycle));
        Assert.AreEqual(LifecycleStage.Sleeping, attended.NewStage);
        Assert.IsFalse(attended.OutreachDueChanged, "an update's outreach step acts on the stage change itself");
        Assert.AreEqual(new DateTime(2025, 9, 4, 0, 0, 0, DateTimeKind.Utc), attended.NextEvaluationOn, "the day it turns Lost: 181 days after the purchase");

        var unattended = ContactDecisions.Decide(DecisionRequest.ForLifecycle(Record(100, stage: null), Lifecycle).WithoutOutreachStep(DormantStages()));
        Assert.AreEqual(LifecycleStage.Sleeping, unattended.NewStage);
        Assert.IsTrue(unattended.OutreachDueChanged);
        Assert.AreEqual(Now, unattended.OutreachDue.DueOn);
        Assert.AreEqual(Now, unattended.NextEvaluationOn, "the next daily evaluation takes it up");
        Assert.IsTrue(unattended.ChangesRow);

        var active = ContactDecisions.Decide(DecisionRequest.ForLifecycle(Record(10, stage: null), Lifecycle).WithoutOutreachStep(DormantStages()));
        Assert.AreEqual(LifecycleStage.New, active.NewStage);
        Assert.IsFalse(active.OutreachDueChanged, "nothing to win back");
    }

    [TestMethod]
    public void The_daily_evaluation_signals_a_due_that_has_come_once_and_then_evaluates_on_the_next_stage_change()
    {
        var customer = Record(100, LifecycleStage.Sleeping);
        customer.OutreachDue = new OutreachDue(Now.AddHours(-15), null);
        customer.NextEvaluationOn = Now.AddHours(-15);

        var decision = ContactDecisions.Decide(DecisionRequest.ForDailyEvaluation(customer, Lifecycle));

        Assert.IsTrue(decision.SignalsOutreachDue);
        Assert.IsFalse(decision.SignalsDeadline);
        Assert.IsNull(decision.NewStage, "still Sleeping");
        Assert.AreEqual(Now, decision.OutreachDue.SignalledOn);
        Assert.IsFalse(decision.OutreachDueChanged, "the due itself stays until the outreach step spends it");
        Assert.AreEqual(new DateTime(2025, 9, 4, 0, 0, 0, DateTimeKind.Utc), decision.NextEvaluationOn, "signalled: the day it turns Lost is next");
        Assert.IsTrue(decision.ChangesRow);

        customer.OutreachDue = decision.OutreachDue;
        customer.NextEvaluationOn = decision.NextEvaluationOn;
        var replay = ContactDecisions.Decide(DecisionRequest.ForDailyEvaluation(customer, Lifecycle));
        Assert.IsFalse(replay.SignalsOutreachDue);
        Assert.IsFalse(replay.ChangesRow, "a replayed run writes nothing");
    }

    [TestMethod]
    public void With_a_passed_deadline_and_a_due_both_come_the_deadline_is_signalled_first_and_the_due_keeps_the_contact_due()
    {
        var customer = Record(50, LifecycleStage.Silent);
        customer.OpenAttempt = ReactivationAttempt.CarriedByContact(Guid.NewGuid(), Now.AddDays(-4), AttemptStep.Activate, Now.AddDays(-1), null, null);
        customer.OutreachDue = new OutreachDue(Now.AddDays(-2), null);

        var decision = ContactDecisions.Decide(DecisionRequest.ForDailyEvaluation(customer, Lifecycle));

        Assert.IsTrue(decision.SignalsDeadline);
        Assert.IsFalse(decision.SignalsOutreachDue, "one signal per evaluation: the outreach step acts on one event");
        Assert.AreEqual(Now.AddDays(-2), decision.NextEvaluationOn, "the due, still pending, keeps the contact due for the next run");
    }

    [TestMethod]
    public void A_signalled_due_starts_the_attempt_a_contact_change_would_and_the_start_spends_the_due()
    {
        var customer = Record(100, LifecycleStage.Sleeping);
        customer.OutreachDue = new OutreachDue(Now.AddHours(-15), Now);

        var decision = ContactDecisions.Decide(Request(customer, OutreachEvent.OutreachDue));
        var changed = ContactDecisions.Decide(Request(Record(100, LifecycleStage.Sleeping), OutreachEvent.ContactChanged));

        var course = decision.Outreach!;
        Assert.AreEqual(OutreachMove.Start, course.Move);
        Assert.AreEqual(changed.Outreach!.Plan!.AttemptKey, course.Plan!.AttemptKey, "the same attempt as a contact change in this stint");
        Assert.IsTrue(course.ClearsOutreachDue);
        Assert.IsTrue(decision.OutreachDueChanged);
        Assert.IsNull(decision.OutreachDue.DueOn);
        Assert.AreEqual(course.Plan.DeadlineUtc, decision.NextEvaluationOn, "the new attempt's deadline comes before Lost");
        Assert.IsFalse(changed.OutreachDueChanged, "nothing was due");
    }

    [TestMethod]
    public void A_signalled_due_of_a_contact_no_longer_dormant_is_spent_with_nothing_started()
    {
        var customer = Record(10, LifecycleStage.Active);
        customer.OutreachDue = new OutreachDue(Now.AddDays(-1), Now);

        var decision = ContactDecisions.Decide(Request(customer, OutreachEvent.OutreachDue));

        Assert.AreEqual(OutreachMove.None, decision.Outreach!.Move);
        Assert.AreEqual(OutreachSkip.StageStartsNoOutreach, decision.Outreach.Skipped);
        Assert.IsTrue(decision.Outreach.ClearsOutreachDue);
        Assert.IsTrue(decision.Outreach.WritesContact, "the due is written away");
        Assert.IsNull(decision.OutreachDue.DueOn);
        Assert.AreEqual(new DateTime(2025, 7, 21, 0, 0, 0, DateTimeKind.Utc), decision.NextEvaluationOn, "46 days after the purchase: Silent");
    }

    [TestMethod]
    public void A_contact_change_that_starts_an_attempt_spends_a_due_but_one_that_starts_nothing_leaves_it()
    {
        var due = new OutreachDue(Now.AddHours(-3), null);
        var sleeping = Record(100, LifecycleStage.Sleeping);
        sleeping.OutreachDue = due;
        var started = ContactDecisions.Decide(Request(sleeping, OutreachEvent.ContactChanged));
        Assert.IsTrue(started.Outreach!.Carries);
        Assert.IsNull(started.OutreachDue.DueOn, "the attempt is the outreach the due asked for");

        var active = Record(10, LifecycleStage.Active);
        active.OutreachDue = due;
        var nothing = ContactDecisions.Decide(Request(active, OutreachEvent.ContactChanged));
        Assert.IsFalse(nothing.Outreach!.ClearsOutreachDue, "no extra write for a change that starts nothing: the due is spent when it is signalled");
        Assert.IsFalse(nothing.Outreach.WritesContact);
    }

    [TestMethod]
    public void A_signalled_due_arriving_with_a_stage_change_is_spent_by_the_attempt_the_change_decides_even_a_suppressed_one()
    {
        var lost = Record(200, LifecycleStage.Lost);
        lost.OutreachDue = new OutreachDue(Now.AddHours(-15), Now);

        var decision = ContactDecisions.Decide(Request(lost, OutreachEvent.ContactChanged));

        Assert.AreEqual(OutreachMove.Start, decision.Outreach!.Move);
        Assert.IsTrue(decision.Outreach.Plan!.Suppressed, "Lost outside a campaign");
        Assert.IsTrue(decision.Outreach.ClearsOutreachDue, "the signal came with the change: nothing is left due");
        Assert.IsNull(decision.OutreachDue.DueOn);
    }

    private static DecisionRequest Request(CustomerRecord customer, OutreachEvent change) =>
        OutreachRequest(customer, change);

    private static CustomerRecord Record(int boughtDaysAgo, LifecycleStage? stage)
    {
        var input = InputWithPurchasesDaysAgo(boughtDaysAgo);
        input.Stage = stage?.ToString() ?? "Prospect";
        input.StageSinceUtc = stage is null ? null : Now.AddDays(-1);
        input.ConsentPhone = input.ConsentSms = input.ConsentEmail = true;
        return new CustomerRecord(Contact, input, TouchLedger.Parse(null), FixedOffsetZone.Utc) { Stage = stage };
    }
}
