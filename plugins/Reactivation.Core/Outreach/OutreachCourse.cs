using System;
using System.Collections.Generic;
using Reactivation.Core.Attempts;
using Reactivation.Core.Decisions;

namespace Reactivation.Core.Outreach
{
    /// <summary>The contact change that moves a reactivation attempt.</summary>
    public enum OutreachEvent
    {
        /// <summary>The stage changed, or the dormancy reason, satisfaction, a consent flag or the campaign flag really changed: a new attempt.</summary>
        ContactChanged,
        /// <summary>The daily evaluation signalled that the open attempt's deadline passed: follow it up or close it.</summary>
        DeadlinePassed,
        /// <summary>A response step recorded a response: at Activate, the wake step.</summary>
        Responded,
        /// <summary>
        /// The daily evaluation signalled that the contact's outreach due had come (<see cref="Outreach.OutreachDue"/>): a new
        /// attempt, chosen as for a contact change; whatever the step decides spends the due.
        /// </summary>
        OutreachDue,
    }

    /// <summary>What the outreach step does with the event.</summary>
    public enum OutreachMove
    {
        /// <summary>Nothing is written (<see cref="OutreachCourse.Skipped"/> says why).</summary>
        None,
        /// <summary>A new attempt (Open or Suppressed) with its rows; it may replace the open one.</summary>
        Start,
        /// <summary>The open attempt's next step (Wake or a FollowUp) with its rows.</summary>
        Continue,
        /// <summary>The open attempt closes NoResponse (<see cref="OutreachCourse.Closing"/> says why).</summary>
        Close,
    }

    /// <summary>Why an event moves no attempt.</summary>
    public enum OutreachSkip
    {
        /// <summary>The stage is not one the step's configuration starts outreach in.</summary>
        StageStartsNoOutreach,
        /// <summary>Every touch of the decided attempt is in the touch ledger already: an earlier execution made it.</summary>
        MadeEarlier,
        /// <summary>No offer rule matched.</summary>
        NoOffer,
        /// <summary>The decided attempt was made earlier and the contact no longer carries it: it was converted, declined, opted out of or closed since.</summary>
        MadeEarlierAndClosed,
        /// <summary>A deadline signal, but the contact carries no open attempt.</summary>
        NoOpenAttempt,
        /// <summary>A response, but not to an open attempt at Activate in a dormant stage: the rep takes it from here.</summary>
        NotAResponseToActivate,
        /// <summary>A response at Activate, but no offer rule gives a wake step: the attempt keeps its deadline.</summary>
        NoWakeOffer,
        /// <summary>A response at Activate, but the policy blocked every action of the wake step: the attempt keeps its deadline.</summary>
        WakeBlocked,
        /// <summary>
        /// The daily evaluation's household rule blocked every touch of the new attempt (another member of the household gets
        /// the offer that day): nothing now; the contact is due again on the retry day (<see cref="OutreachCourse.RetryOn"/>).
        /// </summary>
        HouseholdBlocked,
    }

    /// <summary>The step's configuration the course needs: where outreach starts, and the teams by name.</summary>
    public sealed class OutreachSettings
    {
        private readonly List<LifecycleStage> _stages;

        public OutreachSettings(IEnumerable<LifecycleStage> stages, IReadOnlyDictionary<string, Guid> teams)
        {
            _stages = new List<LifecycleStage>(stages);
            Teams = teams;
        }

        public IReadOnlyDictionary<string, Guid> Teams { get; }

        /// <summary>The share (percent, 0 = off) of new attempts held out (<see cref="Measurement.HoldoutGroup"/>).</summary>
        public decimal HoldoutPercent { get; set; }

        /// <summary>A change in this stage starts outreach (the dormant stages by default).</summary>
        public bool StartsOutreach(LifecycleStage? stage) => stage.HasValue && _stages.Contains(stage.Value);
    }

    /// <summary>
    /// One outreach event's course: which move the attempt makes (through <see cref="ReactivationAttempt"/>'s transitions)
    /// and the plan its rows come from. New attempts replace the open one; each deadline without a response brings a
    /// follow-up one channel further along the escalation, and past its last channel the attempt closes; a response at
    /// Activate brings the wake step.
    /// </summary>
    public sealed class OutreachCourse
    {
        private OutreachCourse(OutreachMove move)
        {
            Move = move;
        }

        public OutreachMove Move { get; }

        public OutreachSkip? Skipped { get; private set; }

        public ClosingReason? Closing { get; private set; }

        public OutreachPlan? Plan { get; private set; }

        /// <summary>The attempt the move wrote: the new one, the one moved on, or the one closed.</summary>
        public ReactivationAttempt? Attempt { get; private set; }

        /// <summary>The open attempt a new one replaces, or whose deadline passed with the change: closed (<see cref="ReplacedBecause"/>).</summary>
        public ReactivationAttempt? Replaced { get; private set; }

        /// <summary>Why <see cref="Replaced"/> closed.</summary>
        public ClosingReason ReplacedBecause { get; private set; } = ClosingReason.ReplacedByNewAttempt;

        /// <summary>The contact now carries <see cref="Attempt"/> as its open attempt (a new, not suppressed one).</summary>
        public bool Carries { get; private set; }

        /// <summary>The open attempt the contact carries after the move (null when it carries none).</summary>
        public ReactivationAttempt? OnContact { get; private set; }

        /// <summary>
        /// The contact's outreach due is spent: the step acted on a signalled due (whatever it decided, also when a stage
        /// change in the same update decided instead), or a new attempt the contact now carries is the outreach the due asked for.
        /// </summary>
        public bool ClearsOutreachDue { get; private set; }

        /// <summary>
        /// A suppressed start or a blocked wake step: when its block lifts (<see cref="OutreachPlan.RetryOnUtc"/>), the
        /// contact's next outreach due, so the daily evaluation of that morning brings it back; null otherwise.
        /// </summary>
        public DateTime? RetryOn { get; private set; }

        /// <summary>The move writes the contact: a new touch ledger, the attempt it carries or none any more, a spent outreach due or a retry.</summary>
        public bool WritesContact => Move == OutreachMove.Continue || Move == OutreachMove.Close || Carries || Replaced is not null || Plan?.NewTouchLedger is not null || ClearsOutreachDue || RetryOn.HasValue;

        /// <summary>The plan of the event: <paramref name="attempt"/> and <paramref name="step"/> null for a new attempt.</summary>
        internal delegate OutreachPlan? Planner(ReactivationAttempt? attempt, AttemptStep? step, out bool alreadyMade);

        /// <summary>
        /// Why the event moves no attempt, when that follows from the stage and the open attempt alone (before any
        /// facts are built): a caller may skip reading the rest of the contact.
        /// </summary>
        /// <param name="offersCare">The offers have a Care rule (<see cref="Rules.Ruleset.HasCareOffers"/>): a new attempt may
        /// start in any stage, as a care touch; needed only for a contact change or an outreach due outside the stages that
        /// start outreach.</param>
        /// <param name="deadlineSignalled">The open attempt's deadline was signalled in the same update as the change (the daily
        /// run writes both the morning a stage changes): that attempt is decided too, so nothing is skipped.</param>
        public static OutreachSkip? SkipBeforePlanning(OutreachEvent change, LifecycleStage? stage, ReactivationAttempt? open, OutreachSettings settings, DateTime utcNow, bool offersCare = false, bool deadlineSignalled = false)
        {
            if (settings is null) throw new ArgumentNullException(nameof(settings));
            var dormant = settings.StartsOutreach(stage);
            switch (change)
            {
                case OutreachEvent.ContactChanged:
                case OutreachEvent.OutreachDue:
                    return dormant || (offersCare && stage.HasValue) || (deadlineSignalled && open is not null) ? (OutreachSkip?)null : OutreachSkip.StageStartsNoOutreach;
                case OutreachEvent.DeadlinePassed:
                    return open is null ? OutreachSkip.NoOpenAttempt : (OutreachSkip?)null;
                default:
                    return open is null || !dormant || open.Wake(utcNow) is { IsMade: false } ? OutreachSkip.NotAResponseToActivate : (OutreachSkip?)null;
            }
        }

        /// <summary>The daily evaluation's join verdict the move carries out (see <see cref="Joins.JoinVerdict"/>); null when none applies.</summary>
        public Joins.JoinVerdict? Join { get; private set; }

        internal static OutreachCourse Decide(OutreachEvent change, CustomerRecord customer, OutreachSettings settings, DateTime utcNow, Planner plan, bool offersCare, bool deadlineSignalled, Joins.JoinVerdict? join = null)
        {
            var course = Course(change, customer, settings, utcNow, plan, offersCare);
            DateTime? joinRetry = null;
            if (join is not null && course.Plan is { } joined && (course.Move == OutreachMove.Start || course.Move == OutreachMove.Continue))
            {
                // A new attempt whose every touch the household rule blocked is not made now; any other plan is altered as decided.
                if (course.Move == OutreachMove.Start && join.BlockedUntil(joined) is { } retryDay)
                {
                    joinRetry = customer.Organisation.StartOfDay(retryDay);
                    course = new OutreachCourse(OutreachMove.None) { Skipped = OutreachSkip.HouseholdBlocked, OnContact = customer.OpenAttempt };
                }
                else
                {
                    join.ApplyTo(joined, customer.Touches, customer.Organisation, utcNow);
                }

                course.Join = join;
            }

            // The morning a stage changes can be the morning the open attempt's deadline passes (the daily run signals both in
            // one update): the change decides, and an open attempt it leaves on the contact is closed with it, not kept open
            // past its deadline with its signal spent.
            if (deadlineSignalled && customer.OpenAttempt is { } open && (change == OutreachEvent.ContactChanged || change == OutreachEvent.OutreachDue))
            {
                var why = open.IsCare ? ClosingReason.CareTouchMade
                    : open.Responded ? ClosingReason.AnsweredWithoutPurchase
                    : settings.StartsOutreach(customer.Stage) ? ClosingReason.DeadlinePassedAsStageChanged : ClosingReason.NoLongerDormant;
                if (course.Move == OutreachMove.None && course.OnContact?.Id == open.Id)
                {
                    course = Close(open, why);
                }
                else if (course.Move == OutreachMove.Start && !course.Carries && course.OnContact?.Id == open.Id && course.Attempt?.Id != open.Id)
                {
                    course.Replaced = open.Close(why).Attempt;
                    course.ReplacedBecause = why;
                    course.OnContact = null;
                }
            }

            // A due already signalled (not pending) is spent by whatever this event decides: the signal may come with a stage
            // change in the same update (a contact due Sleeping turning Lost overnight), which then decides in its place.
            var due = customer.OutreachDue;
            course.ClearsOutreachDue = due.DueOn.HasValue && (change == OutreachEvent.OutreachDue || course.Carries || due.Pending is null);
            // Nothing is dropped silently: a start the policy suppressed, or a wake step it blocked, is tried again when the block lifts.
            var blocked = course.Move == OutreachMove.Start || course.Skipped == OutreachSkip.WakeBlocked ? course.Plan : null;
            if (blocked is { Suppressed: true, RetryOnUtc: { } retry }) course.RetryOn = retry;
            if (joinRetry is not null) course.RetryOn = joinRetry;
            return course;
        }

        private static OutreachCourse Course(OutreachEvent change, CustomerRecord customer, OutreachSettings settings, DateTime utcNow, Planner plan, bool offersCare)
        {
            var open = customer.OpenAttempt;
            if (SkipBeforePlanning(change, customer.Stage, open, settings, utcNow, offersCare) is { } skip) return Skip(skip, open);
            var dormant = settings.StartsOutreach(customer.Stage);
            switch (change)
            {
                case OutreachEvent.OutreachDue when dormant && open is not null && open.Responded && open.Wake(utcNow).IsMade:
                    // The retry of a wake step the policy blocked: the customer answered, the offer follows now.
                    return Wake(open, plan);

                case OutreachEvent.ContactChanged:
                case OutreachEvent.OutreachDue:
                {
                    var planned = plan(null, null, out var alreadyMade);
                    if (planned is null) return Skip(alreadyMade ? OutreachSkip.MadeEarlier : OutreachSkip.NoOffer, open);
                    // Outside the stages that start win-back outreach only a care touch goes out.
                    if (!dormant && planned.Purpose != TouchPurposes.Care) return Skip(OutreachSkip.StageStartsNoOutreach, open);
                    if (planned.ResumesEarlier && open is null) return Skip(OutreachSkip.MadeEarlierAndClosed, open);
                    var started = planned.HeldOut
                        ? ReactivationAttempt.HeldOut(planned.AttemptId, planned.Step, utcNow, planned.DeadlineUtc, planned.Purpose)
                        : ReactivationAttempt.Start(planned.AttemptId, planned.Step, utcNow, planned.DeadlineUtc, planned.Suppressed, planned.Purpose).Attempt!;
                    var course = new OutreachCourse(OutreachMove.Start) { Plan = planned, Attempt = started, OnContact = open };
                    if (!planned.Suppressed && !planned.HeldOut && open?.Id != started.Id)
                    {
                        course.Carries = true;
                        course.Replaced = open?.Close(ClosingReason.ReplacedByNewAttempt).Attempt;
                        course.OnContact = ReactivationAttempt.CarriedByContact(started.Id, utcNow, started.Step, started.Deadline, customer.ResponseRecordedOn, customer.DeadlineSignalledOn, started.FollowUps, started.Purpose);
                    }

                    return course;
                }

                case OutreachEvent.DeadlinePassed:
                {
                    if (open!.IsCare) return Close(open, ClosingReason.CareTouchMade);
                    // The customer answered: the offer that followed stands until its deadline, and an answer is never followed up.
                    if (open.Responded) return Close(open, ClosingReason.AnsweredWithoutPurchase);
                    if (!dormant) return Close(open, ClosingReason.NoLongerDormant);
                    if (open!.FollowUp(utcNow) is { IsMade: false }) return Close(open, ClosingReason.NoResponseAfterFollowUp);
                    var planned = plan(open, AttemptStep.FollowUp, out _);
                    if (planned is null) return Close(open, ClosingReason.NoFollowUpOffer);
                    if (planned.EscalationEnded) return Close(open, ClosingReason.NoResponseAfterFollowUp);
                    if (planned.Suppressed) return Close(open, ClosingReason.FollowUpBlocked);
                    return Continue(open.FollowUp(planned.DeadlineUtc), planned);
                }

                default:
                    return Wake(open!, plan);
            }
        }

        private static OutreachCourse Wake(ReactivationAttempt open, Planner plan)
        {
            var planned = plan(open, AttemptStep.Wake, out _);
            if (planned is null) return Skip(OutreachSkip.NoWakeOffer, open);
            if (planned.Suppressed) return new OutreachCourse(OutreachMove.None) { Skipped = OutreachSkip.WakeBlocked, OnContact = open, Plan = planned };
            return Continue(open.Wake(planned.DeadlineUtc), planned);
        }

        private static OutreachCourse Skip(OutreachSkip why, ReactivationAttempt? open) => new OutreachCourse(OutreachMove.None) { Skipped = why, OnContact = open };

        private static OutreachCourse Close(ReactivationAttempt open, ClosingReason why) =>
            new OutreachCourse(OutreachMove.Close) { Closing = why, Attempt = open.Close(why).Attempt };

        private static OutreachCourse Continue(AttemptTransition moved, OutreachPlan plan) =>
            new OutreachCourse(OutreachMove.Continue) { Plan = plan, Attempt = moved.Attempt, OnContact = moved.Attempt };
    }
}
