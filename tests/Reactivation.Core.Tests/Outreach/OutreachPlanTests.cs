using Reactivation.Core.Attempts;
using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;
using Reactivation.Core.Ledgers;
using Reactivation.Core.Outreach;
using static Reactivation.Core.Tests.TestSupport;

namespace Reactivation.Core.Tests.Outreach;

/// <summary>
/// The outreach plan and the attempt's course as Core decides them on the shipped rulesets, without an organisation:
/// Sunday 15 June 2025, 12:00 UTC (organisation and customer), a customer whose last purchase was 46 days ago.
/// Every expectation is worked out by hand from rules/default.
/// </summary>
[TestClass]
public sealed class OutreachPlanTests
{
    private static readonly Guid Contact = new("4beeba9f-1e23-4000-8166-4e87e48340fa");
    private static readonly Guid CustomerCare = new("7e3a0c11-0000-4000-8000-0000000000c2");
    private static readonly string AskWhyKey = Contact.ToString("D") + "|UnknownReasonCall|20250615";

    [TestMethod]
    public void A_Silent_customer_with_no_known_reason_gets_the_reps_call_to_ask_why_due_in_two_days()
    {
        var course = Outreach(Customer("Unknown"), OutreachEvent.ContactChanged);

        Assert.AreEqual(OutreachMove.Start, course.Move);
        var plan = course.Plan!;
        Assert.AreEqual(AskWhyKey, plan.AttemptKey);
        Assert.AreEqual(OutreachKeys.NameBasedId(AskWhyKey), plan.AttemptId);
        Assert.AreEqual(AttemptStep.Activate, plan.Step);
        Assert.IsFalse(plan.HighPriority);
        var call = plan.Touches.Single();
        Assert.AreEqual((TouchKind.PhoneCall, "Phone", true), (call.Kind, call.Channel, call.IsActivityRecord));
        Assert.AreEqual(new DateTime(2025, 6, 17, 23, 59, 0, DateTimeKind.Utc), call.AtUtc, "DueInDays 2, end of the organisation's day");
        Assert.AreEqual("Ask why: no purchase for 46 days", call.Subject);
        StringAssert.StartsWith(call.Text, "Hello, it has been a while since your last visit.");
        Assert.IsNull(call.Owner.TeamId, "the contact's owner works it");
        Assert.AreEqual(new DateTime(2025, 6, 18, 23, 59, 0, DateTimeKind.Utc), plan.DeadlineUtc, "the Escalation's FollowUpAfterDays 3");
        Assert.IsNull(plan.Incentive);
        Assert.IsEmpty(plan.BlockReasons);
        var reference = OutreachKeys.TouchReference(AskWhyKey + "|Activate|PhoneCall");
        Assert.AreEqual("T1;202506172359=Phone#" + reference, plan.NewTouchLedger, "the touch is recorded when the call is due");
        Assert.AreEqual("202506172359 Activate Phone", plan.StepLines);
        Assert.AreEqual(
            "Stage Silent since 2025-06-15 (organisation time); reason Unknown\n" +
            "Offer AskWhyCall (Activate) by UnknownReasonCall matched\n" +
            "PhoneCall via Phone: Allow, due 2025-06-17 23:59 UTC [Escalation matched]\n" +
            "Outcome Open\n",
            PlanExplanation.Render(plan));

        Assert.AreEqual(AttemptOutcome.Open, course.Attempt!.Outcome);
        Assert.IsTrue(course.Carries, "the contact carries the new attempt");
        Assert.AreEqual(plan.DeadlineUtc, course.OnContact!.PendingDeadline);
    }

    [TestMethod]
    public void Without_phone_consent_the_call_falls_back_to_the_most_personal_message_channel_held_for_the_evening_window()
    {
        var customer = Customer("Unknown", consentPhone: false);

        var plan = Outreach(customer, OutreachEvent.ContactChanged).Plan!;

        var call = plan.Touches.Single();
        CollectionAssert.AreEqual(new[] { ChannelVerdict.Blocked, ChannelVerdict.Chosen }, call.Trials.Select(t => t.Verdict).ToArray());
        Assert.AreEqual("Email", call.Channel, "Email, Sms, Push: the Escalation read backwards");
        Assert.IsFalse(call.IsActivityRecord, "it goes out as an outbox message");
        Assert.AreEqual(new DateTime(2025, 6, 15, 19, 0, 0, DateTimeKind.Utc), call.AtUtc, "12:00 is outside 11:00-12:00; 19:00 is the next window");
        Assert.AreEqual("AskWhyCall.PhoneCall", call.Template);
        Assert.AreEqual("PhoneCall via Phone: Block by NoConsent (OptedOut)", PlanExplanation.Verdict(call, call.Trials[0]));
        Assert.AreEqual("PhoneCall via Email: Defer by MessageSendWindows, send after 2025-06-15 19:00 UTC", PlanExplanation.Verdict(call, call.Trials[1]));
        var reason = plan.BlockReasons.Single();
        Assert.AreEqual((TouchKind.PhoneCall, "Phone", "OptedOut"), (reason.Kind, reason.Channel, reason.Code));
    }

    [TestMethod]
    public void With_every_channel_refused_the_attempt_is_suppressed_and_says_why_as_codes()
    {
        var customer = Customer("Unknown", consentPhone: false, consentMessages: false);

        var course = Outreach(customer, OutreachEvent.ContactChanged);

        var plan = course.Plan!;
        Assert.IsTrue(plan.Suppressed);
        Assert.AreEqual(AttemptOutcome.Suppressed, course.Attempt!.Outcome);
        Assert.IsFalse(course.Carries, "a suppressed attempt is not the contact's open attempt");
        Assert.IsFalse(course.WritesContact, "no touch, no open attempt, no retry: the contact is not written");
        Assert.IsNull(plan.NewTouchLedger);
        Assert.IsNull(plan.RetryOnUtc, "no consent lifts by itself: no retry date");
        Assert.IsNull(course.RetryOn);
        Assert.AreEqual("PhoneCall Phone OptedOut\nPhoneCall Email OptedOut\nPhoneCall Sms OptedOut\nPhoneCall Push OptedOut", BlockReasons.Format(plan.BlockReasons, 4000));
        StringAssert.EndsWith(PlanExplanation.Render(plan),
            "Outcome Suppressed: every action was blocked — Phone: NoConsent (OptedOut); Email: NoConsent (OptedOut); Sms: NoConsent (OptedOut); Push: NoConsent (OptedOut)\n" +
            "No retry: no day in the next 190 lifts the block\n");
    }

    [TestMethod]
    public void A_Sleeping_customer_touched_five_days_ago_is_held_back_by_the_cap_on_every_channel()
    {
        var customer = Customer("Unknown", stage: LifecycleStage.Sleeping, touchedDaysAgo: 5);

        var plan = Outreach(customer, OutreachEvent.ContactChanged).Plan!;

        Assert.IsTrue(plan.Suppressed);
        Assert.IsTrue(plan.BlockReasons.All(r => r.Code == ContactPolicyDecision.CapReachedReason), "one touch in the 14-day window already");
        CollectionAssert.AreEqual(new[] { "Phone", "Email", "Sms", "Push" }, plan.BlockReasons.Select(r => r.Channel).ToArray());
    }

    [TestMethod]
    public void A_start_held_back_by_the_cap_is_retried_the_day_the_touch_leaves_the_window()
    {
        // Touched on 10 June; the 14-day window of 24 June no longer holds that day (it runs from 11 June).
        var customer = Customer("Unknown", stage: LifecycleStage.Sleeping, touchedDaysAgo: 5);

        var course = Outreach(customer, OutreachEvent.ContactChanged);

        var plan = course.Plan!;
        Assert.AreEqual(AttemptOutcome.Suppressed, course.Attempt!.Outcome);
        Assert.AreEqual(new DateTime(2025, 6, 24), plan.RetryOnLocal);
        Assert.AreEqual(new DateTime(2025, 6, 24, 0, 0, 0, DateTimeKind.Utc), plan.RetryOnUtc, "the start of the organisation's day, when that morning's evaluation finds it");
        Assert.AreEqual(plan.RetryOnUtc, course.RetryOn);
        Assert.IsTrue(course.WritesContact, "the retry is the contact's outreach due");
        StringAssert.EndsWith(PlanExplanation.Render(plan), "Retry on 2025-06-24: the first day the contact policy lets an action out\n");
    }

    [TestMethod]
    public void A_touch_13_days_ago_still_caps_the_retried_start_until_tomorrow_and_one_14_days_ago_no_longer_does()
    {
        // The daily evaluation brings the contact back (OutreachDue): with the touch 13 days back the 14-day window still
        // holds it; with it 14 days back the ask-why call goes out.
        var dayBefore = Outreach(Customer("Unknown", stage: LifecycleStage.Sleeping, touchedDaysAgo: 13), OutreachEvent.OutreachDue);
        Assert.AreEqual(AttemptOutcome.Suppressed, dayBefore.Attempt!.Outcome);
        Assert.AreEqual(new DateTime(2025, 6, 16), dayBefore.Plan!.RetryOnLocal, "13 days ago from 15 June is 2 June: out of the window on 16 June");

        var onTheDay = Outreach(Customer("Unknown", stage: LifecycleStage.Sleeping, touchedDaysAgo: 14), OutreachEvent.OutreachDue);
        Assert.AreEqual(AttemptOutcome.Open, onTheDay.Attempt!.Outcome);
        Assert.IsNull(onTheDay.Plan!.RetryOnUtc);
        Assert.IsNull(onTheDay.RetryOn);
        Assert.AreEqual(1, onTheDay.Plan.Written.Count());
    }

    [TestMethod]
    public void A_Lost_customer_outside_a_campaign_is_retried_on_the_first_day_of_the_next_campaign_for_Lost()
    {
        // Campaigns for Sleeping (running) and for Lost (from 25 June): only the one for her stage lifts LostOnlyInCampaigns.
        var sleeping = new Campaign(Guid.NewGuid(), "Summer hello", new DateTime(2025, 6, 1), new DateTime(2025, 6, 30), [LifecycleStage.Sleeping]);
        var lost = new Campaign(Guid.NewGuid(), "Summer win-back", new DateTime(2025, 6, 25), new DateTime(2025, 7, 5), [LifecycleStage.Lost]);

        var course = Outreach(Customer("Unknown", stage: LifecycleStage.Lost, campaigns: [sleeping, lost]), OutreachEvent.ContactChanged);

        Assert.AreEqual(AttemptOutcome.Suppressed, course.Attempt!.Outcome);
        Assert.IsTrue(course.Plan!.BlockReasons.All(r => r.Code == "LostOutsideCampaign"));
        Assert.AreEqual(new DateTime(2025, 6, 25), course.Plan.RetryOnLocal, "the campaign's first day");
        Assert.AreEqual(new DateTime(2025, 6, 25, 0, 0, 0, DateTimeKind.Utc), course.RetryOn);
    }

    [TestMethod]
    public void Inside_a_campaign_for_her_stage_a_Lost_customer_gets_the_reactivation_teams_call()
    {
        var lost = new Campaign(Guid.NewGuid(), "Summer win-back", new DateTime(2025, 6, 15), new DateTime(2025, 6, 15), [LifecycleStage.Lost]);
        var reactivation = new Guid("7e3a0c11-0000-4000-8000-0000000000a1");

        var course = Outreach(Customer("Unknown", stage: LifecycleStage.Lost, campaigns: lost), OutreachEvent.ContactChanged, teams: new Dictionary<string, Guid> { ["Reactivation"] = reactivation });

        Assert.AreEqual(AttemptOutcome.Open, course.Attempt!.Outcome, "its one day is today");
        var call = course.Plan!.Touches.Single();
        Assert.AreEqual(("Phone", reactivation), (call.Channel, call.Owner.TeamId), "LostByReactivationTeam: the campaign's calls are the reactivation team's");
    }

    [TestMethod]
    public void A_campaign_with_an_owner_team_gives_the_attempt_and_its_call_to_that_team_rather_than_the_policys()
    {
        var retention = new Guid("7e3a0c11-0000-4000-8000-0000000000c5");
        var reactivation = new Guid("7e3a0c11-0000-4000-8000-0000000000a1");
        var lost = new Campaign(Guid.NewGuid(), "Summer win-back", new DateTime(2025, 6, 15), new DateTime(2025, 6, 15), [LifecycleStage.Lost], ownerTeamId: retention, ownerTeamName: "Retention");

        var plan = Outreach(Customer("Unknown", stage: LifecycleStage.Lost, campaigns: lost), OutreachEvent.ContactChanged, teams: new Dictionary<string, Guid> { ["Reactivation"] = reactivation }).Plan!;

        Assert.AreEqual((retention, "Retention"), (plan.AttemptOwner.TeamId, plan.AttemptOwner.TeamName), "the campaign's team, not the Assign verdict's Reactivation");
        Assert.AreEqual("Retention", plan.AssignedTeam);
        Assert.AreEqual(("Phone", retention), (plan.Touches.Single().Channel, plan.Touches.Single().Owner.TeamId));

        var silent = Outreach(Customer("Unknown", campaigns: new Campaign(Guid.NewGuid(), "Summer hello", new DateTime(2025, 6, 1), new DateTime(2025, 6, 30), [LifecycleStage.Silent], ownerTeamId: retention)), OutreachEvent.ContactChanged).Plan!;
        Assert.AreEqual(retention, silent.Touches.Single().Owner.TeamId, "a team the step's configuration does not name works it all the same: the campaign names it by id");
        Assert.AreEqual(retention.ToString("D"), silent.AssignedTeam, "a record without the team's name traces its id");

        var outside = Outreach(Customer("Unknown", campaigns: new Campaign(Guid.NewGuid(), "Summer hello", new DateTime(2025, 6, 1), new DateTime(2025, 6, 30), [LifecycleStage.Silent], Audience("customer.Tier == \"Gold\""), retention, "Retention")), OutreachEvent.ContactChanged).Plan!;
        Assert.IsNull(outside.Touches.Single().Owner.TeamId, "a Standard customer is outside the Gold audience: the contact's owner calls, as without a campaign");
        Assert.IsNull(outside.AttemptOwner.TeamId);
    }

    [TestMethod]
    public void A_replayed_event_finds_its_touches_in_the_ledger_and_plans_nothing()
    {
        var reference = OutreachKeys.TouchReference(AskWhyKey + "|Activate|PhoneCall");
        var customer = Customer("Unknown", ledger: "T1;202506172359=Phone#" + reference);

        var course = Outreach(customer, OutreachEvent.ContactChanged);

        Assert.AreEqual(OutreachMove.None, course.Move);
        Assert.AreEqual(OutreachSkip.MadeEarlier, course.Skipped);
    }

    [TestMethod]
    public void A_dissatisfied_customer_gets_the_apology_call_for_the_customer_care_team_with_a_free_trial_code()
    {
        var course = Outreach(Customer("Dissatisfied"), OutreachEvent.ContactChanged, teams: new Dictionary<string, Guid> { ["CustomerCare"] = CustomerCare });

        var plan = course.Plan!;
        var key = Contact.ToString("D") + "|DissatisfiedApology|20250615";
        Assert.AreEqual((AttemptStep.Wake, true), (plan.Step, plan.HighPriority));
        var call = plan.Touches.Single();
        Assert.AreEqual(CustomerCare, call.Owner.TeamId);
        Assert.AreEqual(CustomerCare, plan.AttemptOwner.TeamId, "who works the first action owns the attempt");
        Assert.AreEqual(new DateTime(2025, 6, 16, 23, 59, 0, DateTimeKind.Utc), call.AtUtc);
        var incentive = plan.Incentive!;
        Assert.AreEqual(OutreachKeys.IncentiveCode(key), incentive.Code);
        Assert.AreEqual((IncentiveType.FreeTrial, 1m), (incentive.Action.Type, incentive.Action.Value));
        Assert.AreEqual(new DateTime(2025, 7, 15, 23, 59, 0, DateTimeKind.Utc), incentive.ValidUntilUtc, "30 days, end of the organisation's day");
        Assert.IsTrue(incentive.Issues);
        StringAssert.EndsWith(call.Text, "\n\nOffer: Apology and free trial (1 free trial session), code " + incentive.Code + ", valid until 2025-07-15");
        Assert.AreEqual("Why this customer: Silent; last purchase 46 days ago (1 purchase, 100 in total); reason given: Dissatisfied.", call.WhyThisCustomer);
        Assert.IsEmpty(plan.UnconfiguredTeams);

        var unconfigured = Outreach(Customer("Dissatisfied"), OutreachEvent.ContactChanged).Plan!;
        CollectionAssert.AreEqual(new[] { "CustomerCare" }, unconfigured.UnconfiguredTeams.ToArray());
        Assert.IsNull(unconfigured.Touches.Single().Owner.TeamId, "an unconfigured team falls back to the contact's owner");
    }

    [TestMethod]
    public void A_Chinese_speaking_customer_gets_the_texts_and_the_offer_line_in_Chinese()
    {
        var customer = Customer("Dissatisfied");
        customer.Language = "zh-CN";

        var call = Outreach(customer, OutreachEvent.ContactChanged).Plan!.Touches.Single();

        Assert.AreEqual("致歉，并安排其他老师免费体验", call.Subject);
        StringAssert.Contains(call.Text, "优惠：致歉并免费体验（免费体验 1 次），券码 RX-");
        Assert.AreEqual("联系原因：沉默客户；上次消费在 46 天前（共 1 次，累计 100）；客户所说原因：不满意。", call.WhyThisCustomer);
    }

    [TestMethod]
    public void A_passed_deadline_follows_an_unanswered_call_up_once_its_rung_being_the_last_then_closes_it()
    {
        var open = ReactivationAttempt.CarriedByContact(Guid.NewGuid(), Now.AddDays(-3), AttemptStep.Activate, Now.AddHours(-1), null, Now);

        var followUp = Outreach(Customer("Competitor", open: open), OutreachEvent.DeadlinePassed);
        Assert.AreEqual(OutreachMove.Continue, followUp.Move);
        Assert.AreEqual("FollowUpCall", followUp.Plan!.Offer.OfferName);
        Assert.AreEqual(AttemptStep.FollowUp, followUp.Attempt!.Step);
        Assert.AreEqual(open!.Id.ToString("D") + "|FollowUp", followUp.Plan.AttemptKey);
        Assert.AreEqual(new DateTime(2025, 6, 15, 23, 59, 0, DateTimeKind.Utc), followUp.Plan.Touches.Single().AtUtc, "the follow-up call is due today");
        Assert.AreEqual(new DateTime(2025, 6, 18, 23, 59, 0, DateTimeKind.Utc), followUp.Attempt.Deadline);

        var afterFollowUp = ReactivationAttempt.CarriedByContact(open.Id, Now.AddDays(-6), AttemptStep.FollowUp, Now.AddHours(-1), null, Now, followUps: 1);
        var closed = Outreach(Customer("Competitor", open: afterFollowUp), OutreachEvent.DeadlinePassed);
        Assert.AreEqual((OutreachMove.Close, ClosingReason.NoResponseAfterFollowUp, AttemptOutcome.NoResponse), (closed.Move, closed.Closing, closed.Attempt!.Outcome));
        Assert.IsNull(closed.OnContact, "the contact carries no open attempt any more");

        var active = Outreach(Customer("Competitor", stage: LifecycleStage.Active, open: open), OutreachEvent.DeadlinePassed);
        Assert.AreEqual((OutreachMove.Close, ClosingReason.NoLongerDormant), (active.Move, active.Closing));
        Assert.AreEqual(OutreachSkip.NoOpenAttempt, Outreach(Customer("Competitor"), OutreachEvent.DeadlinePassed).Skipped);
    }

    [TestMethod]
    public void Only_a_response_to_the_Activate_step_brings_the_wake_offer()
    {
        var answered = ReactivationAttempt.CarriedByContact(Guid.NewGuid(), Now.AddDays(-1), AttemptStep.Activate, Now.AddDays(2), Now.AddHours(-2), null);

        var wake = Outreach(Customer("HabitChanged", open: answered), OutreachEvent.Responded);
        Assert.AreEqual(OutreachMove.Continue, wake.Move);
        Assert.AreEqual(("ThankYouVoucher", AttemptStep.Wake), (wake.Plan!.Offer.OfferName, wake.Attempt!.Step));

        var unanswered = ReactivationAttempt.CarriedByContact(answered!.Id, Now.AddDays(-1), AttemptStep.Activate, Now.AddDays(2), null, null);
        Assert.AreEqual(OutreachSkip.NotAResponseToActivate, Outreach(Customer("HabitChanged", open: unanswered), OutreachEvent.Responded).Skipped);
        var atWake = ReactivationAttempt.CarriedByContact(answered.Id, Now.AddDays(-1), AttemptStep.Wake, Now.AddDays(2), Now.AddHours(-2), null);
        Assert.AreEqual(OutreachSkip.NotAResponseToActivate, Outreach(Customer("HabitChanged", open: atWake), OutreachEvent.Responded).Skipped);
        Assert.AreEqual(OutreachSkip.StageStartsNoOutreach, Outreach(Customer("HabitChanged", stage: LifecycleStage.Active), OutreachEvent.ContactChanged).Skipped);
    }

    [TestMethod]
    public void An_answered_attempt_waits_as_long_as_its_wake_offer_is_valid_and_then_closes_Responded_without_a_follow_up()
    {
        var answered = ReactivationAttempt.CarriedByContact(Guid.NewGuid(), Now.AddDays(-1), AttemptStep.Activate, Now.AddDays(2), Now.AddHours(-2), null)!;
        var wake = Outreach(Customer("HabitChanged", open: answered), OutreachEvent.Responded);
        Assert.AreEqual(wake.Plan!.Incentive!.ValidUntilUtc, wake.Attempt!.Deadline, "the thank-you voucher's 14 days, not the escalation's 3");
        Assert.AreEqual(new DateTime(2025, 6, 29, 23, 59, 0, DateTimeKind.Utc), wake.Attempt.Deadline);

        var atWake = ReactivationAttempt.CarriedByContact(answered.Id, Now.AddDays(-15), AttemptStep.Wake, Now.AddHours(-1), Now.AddDays(-14), Now)!;
        var closed = Outreach(Customer("HabitChanged", open: atWake), OutreachEvent.DeadlinePassed);
        Assert.AreEqual((OutreachMove.Close, ClosingReason.AnsweredWithoutPurchase, AttemptOutcome.Responded), (closed.Move, closed.Closing, closed.Attempt!.Outcome), "no follow-up after an answer");
        Assert.IsNull(closed.Plan, "nothing is planned");
    }

    [TestMethod]
    public void A_stage_change_that_comes_with_the_open_attempts_passed_deadline_closes_that_attempt_whatever_the_new_one_does()
    {
        // Sleeping today, the Silent attempt's deadline signalled in the same update. The Sleeping attempt is held back by
        // the stage's one touch in 14 days (a text 5 days ago), so it does not replace the open one.
        var silent = ReactivationAttempt.CarriedByContact(Guid.NewGuid(), Now.AddDays(-4), AttemptStep.Activate, Now.AddHours(-1), null, Now)!;
        var customer = Customer("HabitChanged", stage: LifecycleStage.Sleeping, touchedDaysAgo: 5, open: silent);

        var course = ContactDecisions.Decide(OutreachRequest(customer, OutreachEvent.ContactChanged).WithDeadlineSignalled()).Outreach!;

        Assert.AreEqual((OutreachMove.Start, AttemptOutcome.Suppressed, false), (course.Move, course.Attempt!.Outcome, course.Carries));
        Assert.AreEqual((silent.Id, AttemptOutcome.NoResponse, ClosingReason.DeadlinePassedAsStageChanged), (course.Replaced!.Id, course.Replaced.Outcome, course.ReplacedBecause));
        Assert.IsNull(course.OnContact, "the contact carries no attempt: the Sleeping one is retried when its block lifts");
        Assert.IsNotNull(course.RetryOn);

        var without = ContactDecisions.Decide(OutreachRequest(customer, OutreachEvent.ContactChanged)).Outreach!;
        Assert.AreEqual(silent, without.OnContact, "without the signal in the same update the open attempt waits for its own");

        var toActive = ContactDecisions.Decide(OutreachRequest(Customer("HabitChanged", stage: LifecycleStage.Active, open: silent), OutreachEvent.ContactChanged).WithDeadlineSignalled()).Outreach!;
        Assert.AreEqual((OutreachMove.Close, ClosingReason.NoLongerDormant), (toActive.Move, toActive.Closing));
    }

    [TestMethod]
    public void A_wake_step_held_back_by_the_cap_keeps_the_attempt_and_is_made_on_the_morning_the_cap_lets_it_out()
    {
        // Sleeping: one touch in 14 days. The activation's text went out 5 days ago and the customer answered it.
        var answered = ReactivationAttempt.CarriedByContact(Guid.NewGuid(), Now.AddDays(-5), AttemptStep.Activate, Now.AddDays(2), Now.AddHours(-2), null)!;

        var blocked = Outreach(Customer("HabitChanged", stage: LifecycleStage.Sleeping, touchedDaysAgo: 5, open: answered), OutreachEvent.Responded);
        Assert.AreEqual((OutreachMove.None, OutreachSkip.WakeBlocked), (blocked.Move, blocked.Skipped));
        Assert.AreEqual(answered, blocked.OnContact, "the answered attempt stays open with its deadline");
        Assert.AreEqual(new DateTime(2025, 6, 24, 0, 0, 0, DateTimeKind.Utc), blocked.RetryOn, "the day the text leaves the 14-day window");
        Assert.IsTrue(blocked.WritesContact, "the retry is the contact's outreach due");

        // That morning the daily evaluation signals the due: the wake step goes out on the attempt the customer answered.
        var retried = Outreach(Customer("HabitChanged", stage: LifecycleStage.Sleeping, touchedDaysAgo: 14, open: answered), OutreachEvent.OutreachDue);
        Assert.AreEqual(OutreachMove.Continue, retried.Move);
        Assert.AreEqual(("ThankYouVoucher", AttemptStep.Wake, answered.Id), (retried.Plan!.Offer.OfferName, retried.Attempt!.Step, retried.Attempt.Id));
        Assert.IsNull(retried.RetryOn);
        Assert.IsTrue(retried.Plan.Written.Any(), "the wake step's touches are written now");
    }

    [TestMethod]
    public void The_next_evaluation_after_a_new_attempt_is_its_deadline_and_takes_the_lifecycle_steps_scan()
    {
        var customer = Customer("Unknown");

        var decision = ContactDecisions.Decide(Request(customer, OutreachEvent.ContactChanged).WithKnownStageChange(new DateTime(2025, 7, 30, 0, 0, 0, DateTimeKind.Utc)));
        Assert.AreEqual(new DateTime(2025, 6, 18, 23, 59, 0, DateTimeKind.Utc), decision.NextEvaluationOn, "the deadline comes before Sleeping on 30 July");
        Assert.IsNull(decision.NextChange, "the known scan is taken, not run again");

        DecisionWork.Reset();
        var scanned = ContactDecisions.Decide(Request(Customer("Unknown"), OutreachEvent.ContactChanged));
        Assert.AreEqual(new DateTime(2025, 7, 30), scanned.NextChange!.Date, "91 days after the last purchase: Sleeping");
        Assert.AreEqual(new DateTime(2025, 7, 30, 0, 0, 0, DateTimeKind.Utc), scanned.NextStageChangeOn);
        Assert.AreEqual((1, 1), (DecisionWork.FactsBuilt, DecisionWork.NextChangeScans), "the scan runs on the facts the plan was built on");
    }

    private static CampaignAudience Audience(string text) => CampaignAudience.Read(text, out _)!;

    private static OutreachCourse Outreach(CustomerRecord customer, OutreachEvent change, IReadOnlyDictionary<string, Guid>? teams = null) =>
        ContactDecisions.Decide(Request(customer, change, teams)).Outreach!;

    private static DecisionRequest Request(CustomerRecord customer, OutreachEvent change, IReadOnlyDictionary<string, Guid>? teams = null) =>
        OutreachRequest(customer, change, teams: teams);

    private static CustomerRecord Customer(string reason, LifecycleStage stage = LifecycleStage.Silent, bool consentPhone = true, bool consentMessages = true, int? touchedDaysAgo = null, string? ledger = null, ReactivationAttempt? open = null, params Campaign[] campaigns)
    {
        var input = InputWithPurchasesDaysAgo(46);
        input.Campaigns = campaigns;
        input.Stage = stage.ToString();
        input.StageSinceUtc = Now;
        input.DormancyReason = reason;
        input.ConsentPhone = consentPhone;
        input.ConsentSms = input.ConsentEmail = input.ConsentWeChat = input.ConsentWeCom = input.ConsentPush = consentMessages;
        var touches = TouchLedger.Parse(ledger ?? (touchedDaysAgo is { } days ? "T1;" + LedgerInstant.Write(Now.AddDays(-days)) + "=Sms" : null));
        foreach (var touch in touches.Touches) input.Touches.Add(touch);
        return new CustomerRecord(Contact, input, touches, FixedOffsetZone.Utc)
        {
            Stage = stage,
            OpenAttempt = open,
            ResponseRecordedOn = open?.RespondedOn,
            DeadlineSignalledOn = open?.FollowUpSignalledOn,
        };
    }
}
