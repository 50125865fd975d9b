using Reactivation.Core.Attempts;

namespace Reactivation.Core.Tests.Attempts;

/// <summary>Every move of a reactivation attempt, and every move it refuses, with the reason it gives.</summary>
[TestClass]
public sealed class ReactivationAttemptTests
{
    private static readonly Guid Id = new("4beeba9f-1e23-4000-8166-4e87e48340fa");
    private static readonly DateTime Start = new(2026, 3, 10, 11, 30, 0, DateTimeKind.Utc);
    private static readonly DateTime Deadline = new(2026, 3, 13, 23, 59, 0, DateTimeKind.Utc);

    private static ReactivationAttempt Open(AttemptStep? step = AttemptStep.Activate, DateTime? respondedOn = null, DateTime? signalled = null) =>
        ReactivationAttempt.CarriedByContact(Id, Start, step, Deadline, respondedOn, signalled)!;

    private static ReactivationAttempt Closed(AttemptOutcome outcome) => ReactivationAttempt.FromRow(Id, outcome, AttemptStep.Activate, Start, Deadline, null);

    [TestMethod]
    public void An_attempt_starts_open_at_its_offers_step_or_suppressed_when_everything_was_blocked()
    {
        var open = ReactivationAttempt.Start(Id, AttemptStep.Wake, Start, Deadline, suppressed: false).Attempt!;
        Assert.AreEqual(AttemptOutcome.Open, open.Outcome);
        Assert.AreEqual(AttemptStep.Wake, open.Step);
        Assert.AreEqual(Start, open.StartedOn);
        Assert.AreEqual(Deadline, open.PendingDeadline);
        Assert.IsFalse(open.IsClosed);

        var suppressed = ReactivationAttempt.Start(Id, AttemptStep.Activate, Start, Deadline, suppressed: true).Attempt!;
        Assert.AreEqual(AttemptOutcome.Suppressed, suppressed.Outcome);
        Assert.IsFalse(suppressed.IsOpen);
        Assert.IsFalse(suppressed.IsClosed, "suppressed is not an ending: a later response still counts");
        Assert.IsNull(suppressed.PendingDeadline, "nothing was sent, so nothing is followed up");

        var followUp = ReactivationAttempt.Start(Id, AttemptStep.FollowUp, Start, Deadline, suppressed: false);
        Assert.IsFalse(followUp.IsMade);
        Assert.IsNull(followUp.Attempt);
        Assert.AreEqual("an attempt starts at Activate or Wake; FollowUp follows a deadline", followUp.Refusal);
    }

    [TestMethod]
    public void A_contact_without_an_open_attempt_carries_none()
    {
        Assert.IsNull(ReactivationAttempt.CarriedByContact(null, Start, AttemptStep.Activate, Deadline, null, null));
        Assert.AreEqual(AttemptOutcome.Open, ReactivationAttempt.FromRow(Id, null, null, null, null, null).Outcome, "an unset outcome reads as Open");
    }

    [TestMethod]
    public void Each_follow_up_of_an_open_attempt_counts_one_rung_up_with_a_new_deadline()
    {
        var later = Deadline.AddDays(3);
        var followedUp = Open().FollowUp(later);

        Assert.IsTrue(followedUp.IsMade);
        Assert.AreEqual((AttemptStep.FollowUp, 1), (followedUp.Attempt!.Step, followedUp.Attempt.FollowUps));
        Assert.AreEqual(later, followedUp.Attempt.Deadline);
        Assert.AreEqual(AttemptOutcome.Open, followedUp.Attempt.Outcome);
        var again = followedUp.Attempt.FollowUp(later.AddDays(3)).Attempt!;
        Assert.AreEqual((2, later.AddDays(3)), (again.FollowUps, again.Deadline), "the escalation, not the attempt, says when the rungs end");
        Assert.AreEqual(2, again.SignalDeadline(later.AddDays(4)).Attempt!.FollowUps, "a deadline signal keeps the count");
        Assert.AreEqual("the attempt is Converted, not Open: it cannot be followed up", Closed(AttemptOutcome.Converted).FollowUp(later).Refusal);
        Assert.AreEqual("the attempt is Suppressed, not Open: it cannot be followed up", Closed(AttemptOutcome.Suppressed).FollowUp(later).Refusal);
    }

    [TestMethod]
    public void Only_a_response_to_Activate_since_the_start_brings_the_wake_step()
    {
        var later = Deadline.AddDays(2);
        var woken = Open(respondedOn: Start.AddHours(5)).Wake(later);
        Assert.IsTrue(woken.IsMade);
        Assert.AreEqual(AttemptStep.Wake, woken.Attempt!.Step);
        Assert.AreEqual(later, woken.Attempt.Deadline);

        Assert.AreEqual("the customer has not responded to the attempt since it started", Open().Wake(later).Refusal);
        Assert.AreEqual("the customer has not responded to the attempt since it started", Open(respondedOn: Start.AddDays(-1)).Wake(later).Refusal, "a response to an earlier attempt does not count");
        Assert.AreEqual("the attempt is at Wake, not Activate: only a response to Activate brings the wake step", Open(AttemptStep.Wake, Start.AddHours(1)).Wake(later).Refusal);
        Assert.AreEqual("the attempt is at no step, not Activate: only a response to Activate brings the wake step", Open(null, Start.AddHours(1)).Wake(later).Refusal);
        Assert.AreEqual("the attempt is Declined, not Open: it cannot be woken", Closed(AttemptOutcome.Declined).Wake(later).Refusal);
    }

    [TestMethod]
    public void A_purchase_after_the_start_converts_an_open_attempt()
    {
        var converted = Open().Convert(Start.AddDays(1));
        Assert.IsTrue(converted.IsMade);
        Assert.AreEqual(AttemptOutcome.Converted, converted.Attempt!.Outcome);
        Assert.IsTrue(converted.Attempt.IsClosed);
        Assert.IsNull(converted.Attempt.PendingDeadline);
        Assert.IsTrue(Open().Convert(Start).IsMade, "a purchase at the start instant counts");

        Assert.AreEqual("the attempt started after the purchase", Open().Convert(Start.AddMinutes(-1)).Refusal);
        Assert.AreEqual("the attempt is NoResponse, not Open: it cannot be converted", Closed(AttemptOutcome.NoResponse).Convert(Start.AddDays(1)).Refusal);
    }

    [TestMethod]
    public void The_product_closes_an_open_attempt_NoResponse_and_nothing_else()
    {
        var closed = Open().Close(ClosingReason.ReplacedByNewAttempt);
        Assert.AreEqual(AttemptOutcome.NoResponse, closed.Attempt!.Outcome);
        Assert.AreEqual("the attempt is OptedOut, not Open: it cannot be closed (NoFollowUpOffer)", Closed(AttemptOutcome.OptedOut).Close(ClosingReason.NoFollowUpOffer).Refusal);
    }

    [TestMethod]
    public void Each_closing_reason_says_why_in_the_closing_reason_column()
    {
        Assert.AreEqual("NoResponse: replaced by a new attempt", ClosingReasons.Describe(ClosingReason.ReplacedByNewAttempt));
        Assert.AreEqual("NoResponse: the customer is no longer dormant", ClosingReasons.Describe(ClosingReason.NoLongerDormant));
        Assert.AreEqual("NoResponse: no response after the last follow-up of its escalation", ClosingReasons.Describe(ClosingReason.NoResponseAfterFollowUp));
        Assert.AreEqual("NoResponse: no follow-up offer applies", ClosingReasons.Describe(ClosingReason.NoFollowUpOffer));
        Assert.AreEqual("NoResponse: every follow-up action was blocked", ClosingReasons.Describe(ClosingReason.FollowUpBlocked));
        Assert.AreEqual("NoResponse: a care touch, made once and not followed up", ClosingReasons.Describe(ClosingReason.CareTouchMade));
        Assert.AreEqual("NoResponse: its deadline passed as the customer changed stage", ClosingReasons.Describe(ClosingReason.DeadlinePassedAsStageChanged));
        Assert.AreEqual("Responded: the customer answered; the offer that followed ran its course without a purchase, and an answer is not followed up", ClosingReasons.Describe(ClosingReason.AnsweredWithoutPurchase));
    }

    [TestMethod]
    public void Only_an_answered_attempt_closes_Responded_and_that_is_final()
    {
        var answered = Open(AttemptStep.Wake, respondedOn: Start.AddHours(5)).Close(ClosingReason.AnsweredWithoutPurchase);
        Assert.AreEqual((AttemptOutcome.Responded, true), (answered.Attempt!.Outcome, answered.Attempt.IsClosed));
        Assert.AreEqual("the attempt is Responded, not Open: it cannot be converted", answered.Attempt.Convert(Start.AddDays(20)).Refusal);

        Assert.AreEqual("the customer has not answered the attempt: it cannot close as Responded", Open().Close(ClosingReason.AnsweredWithoutPurchase).Refusal);
        Assert.AreEqual(AttemptOutcome.NoResponse, Open(respondedOn: Start.AddHours(5)).Close(ClosingReason.ReplacedByNewAttempt).Attempt!.Outcome, "other reasons close NoResponse");
    }

    [TestMethod]
    public void A_closed_attempt_keeps_how_it_ended_and_an_open_one_takes_the_outcome_a_response_gives()
    {
        Assert.AreEqual(AttemptOutcome.OptedOut, Open().Settle(AttemptOutcome.OptedOut).Attempt!.Outcome);
        Assert.AreEqual(AttemptOutcome.Declined, Closed(AttemptOutcome.Suppressed).Settle(AttemptOutcome.Declined).Attempt!.Outcome);
        Assert.IsTrue(Closed(AttemptOutcome.Converted).Settle(AttemptOutcome.Converted).IsMade, "the same outcome again changes nothing");
        Assert.AreEqual("the attempt is closed (Converted): outcome OptedOut not applied", Closed(AttemptOutcome.Converted).Settle(AttemptOutcome.OptedOut).Refusal);
        Assert.AreEqual("the attempt is closed (Declined): outcome Open not applied", Closed(AttemptOutcome.Declined).Settle(AttemptOutcome.Open).Refusal);
    }

    [TestMethod]
    public void The_first_response_date_stays()
    {
        var first = Start.AddHours(2);
        var answered = Open().Respond(first).Attempt!;
        Assert.AreEqual(first, answered.RespondedOn);
        Assert.IsTrue(answered.Responded);
        Assert.AreEqual(first, answered.Respond(first.AddDays(1)).Attempt!.RespondedOn);
    }

    [TestMethod]
    public void A_deadline_that_has_come_is_signalled_once()
    {
        var signalled = Open().SignalDeadline(Deadline);
        Assert.IsTrue(signalled.IsMade);
        Assert.AreEqual(Deadline, signalled.Attempt!.FollowUpSignalledOn);
        Assert.IsNull(signalled.Attempt.PendingDeadline, "a signal at or after the deadline answers it");

        Assert.AreEqual("the deadline has not come", Open().SignalDeadline(Deadline.AddMinutes(-1)).Refusal);
        Assert.AreEqual("no deadline is pending", signalled.Attempt.SignalDeadline(Deadline.AddDays(1)).Refusal);
        Assert.IsTrue(Open(signalled: Deadline.AddDays(-1)).SignalDeadline(Deadline.AddDays(1)).IsMade, "a signal before the deadline is for an earlier one: this one is still pending");
        Assert.AreEqual("the attempt is Converted", Closed(AttemptOutcome.Converted).SignalDeadline(Deadline).Refusal);
    }

    [TestMethod]
    public void A_response_answers_declines_or_opts_out_as_its_outcome_says()
    {
        var reached = AttemptResponse.FromActivity(ResponseOutcome.Reached);
        Assert.AreEqual(("Reached", true, false, (AttemptOutcome?)null), (reached.Word, reached.Answers, reached.OptsOut, reached.Closes));
        var interested = AttemptResponse.FromActivity(ResponseOutcome.Interested);
        Assert.AreEqual(("Interested", true, (AttemptOutcome?)null), (interested.Word, interested.Answers, interested.Closes));
        var declined = AttemptResponse.FromActivity(ResponseOutcome.NotInterested);
        Assert.AreEqual(("NotInterested", ResponseKind.Declined, (AttemptOutcome?)AttemptOutcome.Declined), (declined.Word, declined.Kind, declined.Closes));
        var wrong = AttemptResponse.FromActivity(ResponseOutcome.WrongNumber);
        Assert.AreEqual(("WrongNumber", false, (AttemptOutcome?)null), (wrong.Word, wrong.Answers, wrong.Closes));
        var optedOut = AttemptResponse.FromActivity(ResponseOutcome.OptedOut);
        Assert.AreEqual(("OptedOut", true, true, (AttemptOutcome?)AttemptOutcome.OptedOut), (optedOut.Word, optedOut.Answers, optedOut.OptsOut, optedOut.Closes));
        Assert.AreEqual("Reached", AttemptResponse.FromActivity(null).Word, "an outcome the product does not know reads as Reached");

        Assert.AreEqual("Replied", AttemptResponse.FromReply(null).Word);
        Assert.AreEqual("Replied", AttemptResponse.FromReply(ResponseOutcome.WrongNumber).Word, "a reply is a response whatever else it says");
        Assert.IsTrue(AttemptResponse.FromReply(ResponseOutcome.WrongNumber).Answers);
        Assert.AreEqual(AttemptOutcome.OptedOut, AttemptResponse.FromReply(ResponseOutcome.OptedOut).Closes);
        Assert.AreEqual("NotInterested", AttemptResponse.FromReply(ResponseOutcome.NotInterested).Word);
    }

    [TestMethod]
    public void Step_lines_are_appended_once_and_never_past_the_column()
    {
        var line = StepLines.Line(Start, "Replied", "WeChat");
        Assert.AreEqual("202603101130 Replied WeChat", line);
        Assert.AreEqual(line, StepLines.Append(null, line, 100, out _));
        Assert.AreEqual("202603101130 Activate WeChat\n" + line, StepLines.Append("202603101130 Activate WeChat", line, 100, out _));
        Assert.IsNull(StepLines.Append("202603101130 Activate WeChat\r\n" + line, line, 100, out var full));
        Assert.IsFalse(full, "already there");
        Assert.IsNull(StepLines.Append("202603101130 Activate WeChat", line, 40, out full));
        Assert.IsTrue(full);
    }
}
