using System;

namespace Reactivation.Core.Attempts
{
    /// <summary>
    /// A reactivation attempt's state and every move it can make, in one place: it starts (Open, or Suppressed when
    /// the contact policy blocked everything), is woken after a response at Activate, followed up after each deadline
    /// without a response (one channel further along the escalation each time, as long as it has one), records responses, converts on a purchase after its start, and closes — NoResponse with a
    /// <see cref="ClosingReason"/>, or Declined or OptedOut by a response. Converted, NoResponse, OptedOut and Declined are
    /// final. A move the attempt cannot make is refused with the reason, never applied halfway.
    /// <para>
    /// Immutable and pure: the plugins read it from the contact's copy of its open attempt or from the attempt row,
    /// and write what a transition returns.
    /// </para>
    /// </summary>
    public sealed class ReactivationAttempt
    {
        private ReactivationAttempt(Guid id, AttemptOutcome outcome, AttemptStep? step, DateTime? startedOn, DateTime? deadline, DateTime? respondedOn, DateTime? followUpSignalledOn, int followUps = 0, string? purpose = null)
        {
            Id = id;
            Purpose = purpose ?? Decisions.TouchPurposes.Offer;
            Outcome = outcome;
            Step = step;
            FollowUps = followUps;
            StartedOn = startedOn;
            Deadline = deadline;
            RespondedOn = respondedOn;
            FollowUpSignalledOn = followUpSignalledOn;
        }

        public Guid Id { get; }

        public AttemptOutcome Outcome { get; }

        /// <summary>The step it is in; null when the row does not say.</summary>
        public AttemptStep? Step { get; }

        public DateTime? StartedOn { get; }

        /// <summary>How many follow-ups it has had: the next one goes one channel further along the escalation.</summary>
        public int FollowUps { get; }

        /// <summary>
        /// Why it was made (<see cref="Decisions.TouchPurposes"/>): a Care touch keeps in touch and is done once made — it
        /// is neither woken by an answer nor followed up; Offer and Campaign attempts win back.
        /// </summary>
        public string Purpose { get; }

        public bool IsCare => Purpose == Decisions.TouchPurposes.Care;

        /// <summary>When it is followed up (or closed) if the customer does not respond.</summary>
        public DateTime? Deadline { get; }

        /// <summary>The last response the contact recorded (the contact's copy), or the first one (the attempt row).</summary>
        public DateTime? RespondedOn { get; }

        /// <summary>When the daily evaluation signalled that its deadline had passed.</summary>
        public DateTime? FollowUpSignalledOn { get; }

        public bool IsOpen => Outcome == AttemptOutcome.Open;

        /// <summary>Converted, NoResponse, Responded, OptedOut and Declined end an attempt; Open and Suppressed do not.</summary>
        public bool IsClosed => IsFinal(Outcome);

        /// <summary>
        /// A response at or after its start answers it. The contact's response date is never cleared, so a response
        /// to an earlier attempt does not count for the next one.
        /// </summary>
        public bool Responded => IsOpen && RespondedOn.HasValue && (!StartedOn.HasValue || RespondedOn.Value >= StartedOn.Value);

        /// <summary>The deadline the daily evaluation still has to act on: set, and not yet signalled (a signal for it is at or after it).</summary>
        public DateTime? PendingDeadline =>
            IsOpen && Deadline.HasValue && !(FollowUpSignalledOn.HasValue && FollowUpSignalledOn.Value >= Deadline.Value) ? Deadline : null;

        public static bool IsFinal(AttemptOutcome outcome) =>
            outcome == AttemptOutcome.Converted || outcome == AttemptOutcome.NoResponse || outcome == AttemptOutcome.OptedOut || outcome == AttemptOutcome.Declined || outcome == AttemptOutcome.Responded;

        /// <summary>The contact's copy of its open attempt (rx_openattemptid and the columns beside it); null without one.</summary>
        public static ReactivationAttempt? CarriedByContact(Guid? id, DateTime? startedOn, AttemptStep? step, DateTime? deadline, DateTime? respondedOn, DateTime? followUpSignalledOn, int followUps = 0, string? purpose = null) =>
            id is { } attempt ? new ReactivationAttempt(attempt, AttemptOutcome.Open, step, startedOn, deadline, respondedOn, followUpSignalledOn, Math.Max(0, followUps), purpose) : null;

        /// <summary>An attempt row as it stands (an unset outcome reads as Open).</summary>
        public static ReactivationAttempt FromRow(Guid id, AttemptOutcome? outcome, AttemptStep? step, DateTime? startedOn, DateTime? deadline, DateTime? respondedOn) =>
            new ReactivationAttempt(id, outcome ?? AttemptOutcome.Open, step, startedOn, deadline, respondedOn, null);

        /// <summary>A new attempt at <paramref name="step"/> (Activate or Wake): Open, or Suppressed when none of its actions may be made.</summary>
        public static AttemptTransition Start(Guid id, AttemptStep step, DateTime startedOn, DateTime deadline, bool suppressed, string? purpose = null)
        {
            if (step == AttemptStep.FollowUp) return AttemptTransition.Refused("an attempt starts at Activate or Wake; FollowUp follows a deadline");
            return AttemptTransition.To(new ReactivationAttempt(id, suppressed ? AttemptOutcome.Suppressed : AttemptOutcome.Open, step, startedOn, deadline, null, null, 0, purpose));
        }

        /// <summary>A held-out customer's attempt: recorded with its start and measurement window, never worked.</summary>
        public static ReactivationAttempt HeldOut(Guid id, AttemptStep step, DateTime startedOn, DateTime windowEnd, string? purpose = null) =>
            new ReactivationAttempt(id, AttemptOutcome.Holdout, step, startedOn, windowEnd, null, null, 0, purpose);

        /// <summary>
        /// The deadline passed without a response: the offer again, one channel further along the escalation than the last
        /// follow-up. The escalation, not the attempt, says when there is no further channel (the attempt then closes).
        /// </summary>
        public AttemptTransition FollowUp(DateTime deadline)
        {
            if (!IsOpen) return NotOpen("followed up");
            if (IsCare) return AttemptTransition.Refused("a care touch is not followed up: it keeps in touch once");
            return AttemptTransition.To(new ReactivationAttempt(Id, Outcome, AttemptStep.FollowUp, StartedOn, deadline, RespondedOn, FollowUpSignalledOn, FollowUps + 1, Purpose));
        }

        /// <summary>The customer answered the Activate step: the wake step makes the offer.</summary>
        public AttemptTransition Wake(DateTime deadline)
        {
            if (!IsOpen) return NotOpen("woken");
            if (IsCare) return AttemptTransition.Refused("a care touch makes no offer: an answer to it is the rep's to take up");
            if (Step != AttemptStep.Activate) return AttemptTransition.Refused("the attempt is at " + (Step?.ToString() ?? "no step") + ", not Activate: only a response to Activate brings the wake step");
            if (!Responded) return AttemptTransition.Refused("the customer has not responded to the attempt since it started");
            return AttemptTransition.To(With(step: AttemptStep.Wake, deadline: deadline));
        }

        /// <summary>A response at <paramref name="at"/>: the first response date stays, because conversion is measured from it.</summary>
        public AttemptTransition Respond(DateTime at) => AttemptTransition.To(With(respondedOn: RespondedOn ?? at));

        /// <summary>
        /// The outcome a writer asks for (a response closing the attempt Declined or OptedOut, or any other): refused when
        /// the attempt is closed with another outcome — a late opt-out after a conversion does not change how it ended.
        /// </summary>
        public AttemptTransition Settle(AttemptOutcome outcome)
        {
            if (IsClosed && outcome != Outcome) return AttemptTransition.Refused("the attempt is closed (" + Outcome + "): outcome " + outcome + " not applied");
            return AttemptTransition.To(With(outcome: outcome));
        }

        /// <summary>A purchase counted at <paramref name="purchaseUtc"/> wins the customer back, if the attempt started before it.</summary>
        public AttemptTransition Convert(DateTime purchaseUtc)
        {
            if (!IsOpen) return NotOpen("converted");
            if (StartedOn.HasValue && StartedOn.Value > purchaseUtc) return AttemptTransition.Refused("the attempt started after the purchase");
            return AttemptTransition.To(With(outcome: AttemptOutcome.Converted));
        }

        /// <summary>
        /// The product ends the attempt: NoResponse, or Responded when the customer answered and the offer that followed
        /// passed its deadline without a purchase (<see cref="ClosingReason.AnsweredWithoutPurchase"/>).
        /// </summary>
        public AttemptTransition Close(ClosingReason reason)
        {
            if (!IsOpen) return NotOpen("closed (" + reason + ")");
            if (reason == ClosingReason.AnsweredWithoutPurchase)
            {
                return Responded ? AttemptTransition.To(With(outcome: AttemptOutcome.Responded)) : AttemptTransition.Refused("the customer has not answered the attempt: it cannot close as Responded");
            }

            return AttemptTransition.To(With(outcome: AttemptOutcome.NoResponse));
        }

        /// <summary>The daily evaluation at <paramref name="utcNow"/>: a pending deadline that has come is signalled, which starts the follow-up.</summary>
        public AttemptTransition SignalDeadline(DateTime utcNow)
        {
            if (PendingDeadline is not { } deadline) return AttemptTransition.Refused(IsOpen ? "no deadline is pending" : "the attempt is " + Outcome);
            if (deadline > utcNow) return AttemptTransition.Refused("the deadline has not come");
            return AttemptTransition.To(new ReactivationAttempt(Id, Outcome, Step, StartedOn, Deadline, RespondedOn, utcNow, FollowUps, Purpose));
        }

        private AttemptTransition NotOpen(string move) =>
            AttemptTransition.Refused("the attempt is " + Outcome + ", not Open: it cannot be " + move);

        private ReactivationAttempt With(AttemptOutcome? outcome = null, AttemptStep? step = null, DateTime? deadline = null, DateTime? respondedOn = null) =>
            new ReactivationAttempt(Id, outcome ?? Outcome, step ?? Step, StartedOn, deadline ?? Deadline, respondedOn ?? RespondedOn, FollowUpSignalledOn, FollowUps, Purpose);
    }

    /// <summary>The result of a move of a <see cref="ReactivationAttempt"/>: the attempt after it, or why it was refused.</summary>
    public sealed class AttemptTransition
    {
        private AttemptTransition(ReactivationAttempt? attempt, string? refusal)
        {
            Attempt = attempt;
            Refusal = refusal;
        }

        /// <summary>The attempt after the move; null when it was refused.</summary>
        public ReactivationAttempt? Attempt { get; }

        /// <summary>Why the move was refused; null when it was made.</summary>
        public string? Refusal { get; }

        public bool IsMade => Refusal is null;

        internal static AttemptTransition To(ReactivationAttempt attempt) => new AttemptTransition(attempt, null);

        internal static AttemptTransition Refused(string why) => new AttemptTransition(null, why);
    }
}
