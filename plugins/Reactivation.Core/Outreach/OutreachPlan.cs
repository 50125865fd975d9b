using System;
using System.Collections.Generic;
using Reactivation.Core.Attempts;
using Reactivation.Core.Decisions;

namespace Reactivation.Core.Outreach
{
    /// <summary>The actions an offer asks for, in the order they are planned (a cap may leave room for one touch: the rep's call first).</summary>
    public enum TouchKind
    {
        PhoneCall,
        Message,
        Task,
    }

    /// <summary>What the contact policy said about one channel tried for an action.</summary>
    public enum ChannelVerdict
    {
        /// <summary>The action goes out on this channel (allowed, capped with room left, or deferred to a send window).</summary>
        Chosen,
        /// <summary>A Block verdict (or a reached cap) refuses the channel.</summary>
        Blocked,
        /// <summary>Deferred, but no send window opens within seven days.</summary>
        NoSendWindow,
    }

    /// <summary>The reason code a channel gets when every send window is more than seven days away.</summary>
    public static class OutreachReasonCodes
    {
        public const string NoSendWindow = "NoSendWindow";
    }

    /// <summary>One channel tried for an action, with the contact-policy decision for it.</summary>
    public sealed class ChannelTrial
    {
        internal ChannelTrial(string channel, ChannelVerdict verdict, ContactPolicyDecision policy, DateTime? atUtc = null, bool later = false)
        {
            Channel = channel;
            Verdict = verdict;
            Policy = policy;
            AtUtc = atUtc;
            Later = later;
        }

        public string Channel { get; }

        public ChannelVerdict Verdict { get; }

        public ContactPolicyDecision Policy { get; }

        /// <summary>For the chosen channel: the send-after instant (a message) or the due instant (a call or task).</summary>
        public DateTime? AtUtc { get; }

        /// <summary>A message held for a send window: it goes out after the decision's instant.</summary>
        public bool Later { get; }

        /// <summary>A call or a task: its instant is when it is due, not when it is sent.</summary>
        public bool IsDue => Channel == ContactChannels.Phone || Channel == ContactChannels.Task;

        /// <summary>The reason codes that refused the channel (NoSendWindow for a deferral without a window).</summary>
        public IReadOnlyList<string> ReasonCodes => Verdict == ChannelVerdict.NoSendWindow ? new[] { OutreachReasonCodes.NoSendWindow } : Policy.ReasonCodes;
    }

    /// <summary>Who works an action or owns the attempt: a configured team, or the contact's owner.</summary>
    public sealed class TouchOwner
    {
        private TouchOwner(Guid? teamId, string? teamName)
        {
            TeamId = teamId;
            TeamName = teamName;
        }

        public static TouchOwner ContactOwner { get; } = new TouchOwner(null, null);

        /// <summary>The team's id; null for the contact's owner.</summary>
        public Guid? TeamId { get; }

        public string? TeamName { get; }

        internal static TouchOwner Team(Guid id, string name) => new TouchOwner(id, name);
    }

    /// <summary>One action of the offer as planned: the channel chosen (or none), when, who works it, and the texts of its record.</summary>
    public sealed class PlannedTouch
    {
        private readonly List<ChannelTrial> _trials = new List<ChannelTrial>();

        internal PlannedTouch(TouchKind kind, string nativeChannel, ActivityAction? activity, MessageAction? message, string attemptKey, string stepKey)
        {
            Kind = kind;
            NativeChannel = nativeChannel;
            Activity = activity;
            Message = message;
            Key = OutreachKeys.Action(attemptKey, stepKey, kind.ToString());
            Reference = OutreachKeys.TouchReference(Key);
        }

        public TouchKind Kind { get; }

        /// <summary>The channel the offer names (Phone for a call, Task for a task, the message's own).</summary>
        public string NativeChannel { get; }

        public ActivityAction? Activity { get; }

        public MessageAction? Message { get; }

        /// <summary>The action's key: a message's alternate key, a call's or task's name-based id.</summary>
        public string Key { get; }

        /// <summary>The mark its touch carries in the T1 ledger.</summary>
        public string Reference { get; }

        /// <summary>The channel chosen; null when every channel tried was refused.</summary>
        public string? Channel { get; internal set; }

        /// <summary>When it happens: a message's send-after, a call's or task's due instant (the touch is recorded then).</summary>
        public DateTime AtUtc { get; internal set; }

        /// <summary>An earlier execution made it (the ledger holds its touch): it stands as it was and is not written again.</summary>
        public bool MadeEarlier { get; internal set; }

        /// <summary>Who works it (set for the actions written now).</summary>
        public TouchOwner Owner { get; internal set; } = TouchOwner.ContactOwner;

        /// <summary>The channels tried, in order, with what the policy said.</summary>
        public IReadOnlyList<ChannelTrial> Trials => _trials;

        /// <summary>
        /// On Phone or Task it becomes a phonecall or task row (a call or task on its own channel, or a message no message
        /// channel could carry, which the rep then says on the phone); anything else (a message, or a call's or task's
        /// fallback) an outbox message.
        /// </summary>
        public bool IsActivityRecord => Channel is { } channel && !ContactChannels.IsMessage(channel);

        /// <summary>The channels the planner tries for it, in order (<see cref="OutreachPlanner.Candidates"/>).</summary>
        internal List<string> Candidates { get; set; } = new List<string>();

        /// <summary>The record's subject, in the contact's language.</summary>
        public string Subject { get; internal set; } = "";

        /// <summary>The call's or task's description, or the message's text, with the offer line.</summary>
        public string Text { get; internal set; } = "";

        /// <summary>A call's or task's line for the rep: why this customer is on their list (<see cref="RepWording.WhyThisCustomer"/>); empty for a message.</summary>
        public string WhyThisCustomer { get; internal set; } = "";

        /// <summary>For a call or task due inside the customer's call window: that window (the rep reads it under the script).</summary>
        public CallWindow? CallWindow { get; internal set; }

        /// <summary>A message's template name.</summary>
        public string Template { get; internal set; } = "";

        /// <summary>The team the policy verdict of the chosen channel names (Assign), if any.</summary>
        internal string? PolicyTeam { get; set; }

        internal void Tried(ChannelTrial trial) => _trials.Add(trial);
    }

    /// <summary>The incentive that goes with the attempt.</summary>
    public sealed class IncentiveGrant
    {
        internal IncentiveGrant(IncentiveAction action, string code, DateTime validUntilUtc, bool issuedAtStart, bool issues)
        {
            Action = action;
            Code = code;
            ValidUntilUtc = validUntilUtc;
            IssuedAtStart = issuedAtStart;
            Issues = issues;
        }

        public IncentiveAction Action { get; }

        public string Code { get; }

        public DateTime ValidUntilUtc { get; }

        /// <summary>A follow-up of the attempt's own offer: the incentive issued at its start is named again, never issued twice.</summary>
        public bool IssuedAtStart { get; }

        /// <summary>The incentive row is written now (once issued it is never written again: a second write could undo a redemption).</summary>
        public bool Issues { get; }
    }

    /// <summary>
    /// What one outreach decision plans for an attempt or its next step: the actions (each with the channels tried, the
    /// one chosen, when and by whom), the incentive, the deadline, the new touch ledger, and why actions were refused as
    /// reason codes. Pure data: the plugins turn it into rows (<see cref="PlanExplanation"/> renders its explanation).
    /// </summary>
    public sealed class OutreachPlan
    {
        internal OutreachPlan(string attemptKey, Guid attemptId, AttemptStep step, bool isContinuation, OfferDecision offer, string language, string label)
        {
            AttemptKey = attemptKey;
            AttemptId = attemptId;
            Step = step;
            IsContinuation = isContinuation;
            Offer = offer;
            Language = language;
            Label = label;
        }

        /// <summary>&lt;contactid&gt;|&lt;rule&gt;|&lt;period&gt; for a new attempt; the open attempt's id and the step for a next step.</summary>
        public string AttemptKey { get; }

        /// <summary>A new attempt's name-based id (from its key), or the open attempt's.</summary>
        public Guid AttemptId { get; }

        public AttemptStep Step { get; }

        /// <summary>The next step of the open attempt (Wake, FollowUp), not a new attempt.</summary>
        public bool IsContinuation { get; }

        public OfferDecision Offer { get; }

        /// <summary>The language of the texts: "en" or "zh-CN".</summary>
        public string Language { get; }

        /// <summary>The offer's label in that language.</summary>
        public string Label { get; }

        public IReadOnlyList<PlannedTouch> Touches { get; internal set; } = Array.Empty<PlannedTouch>();

        public IncentiveGrant? Incentive { get; internal set; }

        /// <summary>When the attempt is followed up (or closed) if the customer does not respond.</summary>
        public DateTime DeadlineUtc { get; internal set; }

        /// <summary>The end of a new attempt's attribution window: its offer rule's AttributionDays from now (Core's AttributionRules).</summary>
        public DateTime AttributionUntilUtc { get; internal set; }

        /// <summary>Why its touches are made: the offer rule's Purpose (Care, Offer or Campaign); the policy was asked with it.</summary>
        public string Purpose => Offer.Offer.Purpose;

        /// <summary>The offer asked for actions and the policy refused every one.</summary>
        public bool Suppressed { get; internal set; }

        /// <summary>A follow-up past the top rung of every action's escalation: no channel is left to try, the attempt ends.</summary>
        public bool EscalationEnded { get; internal set; }

        /// <summary>
        /// For a suppressed plan: the organisation-local start of the first day its block lifts (<see cref="BlockLift"/>),
        /// when the outreach step tries again; null when no day within the horizon lifts it (no consent on any channel
        /// the plan may use, a stage the policy contacts only in a campaign).
        /// </summary>
        public DateTime? RetryOnUtc { get; internal set; }

        /// <summary>That day, organisation-local.</summary>
        public DateTime? RetryOnLocal { get; internal set; }

        /// <summary>The customer is held out of this stage stint's outreach: nothing is written but the attempt.</summary>
        public bool HeldOut { get; internal set; }

        /// <summary>Some actions were made by an earlier execution: the attempt exists already.</summary>
        public bool ResumesEarlier { get; internal set; }

        /// <summary>An Activate step is normal priority, a Wake or FollowUp step high.</summary>
        public bool HighPriority => Step != AttemptStep.Activate;

        /// <summary>Who owns the attempt: the team an Assign verdict names, else who works its first action, else the contact's owner.</summary>
        public TouchOwner AttemptOwner { get; internal set; } = TouchOwner.ContactOwner;

        /// <summary>The team an Assign verdict named, configured or not (the trace says which).</summary>
        public string? AssignedTeam { get; internal set; }

        /// <summary>The new T1 ledger; null when no touch was planned.</summary>
        public string? NewTouchLedger { get; internal set; }

        /// <summary>The lines of the touches made (<c>&lt;instant&gt; &lt;step&gt; &lt;channel&gt;</c>).</summary>
        public string StepLines { get; internal set; } = "";

        /// <summary>Why channels were refused, as data (one entry per refused channel and reason code).</summary>
        public IReadOnlyList<BlockReason> BlockReasons { get; internal set; } = Array.Empty<BlockReason>();

        /// <summary>Teams a verdict or an offer names that the step's configuration does not: the contact's owner works instead.</summary>
        public IReadOnlyList<string> UnconfiguredTeams { get; internal set; } = Array.Empty<string>();

        /// <summary>The facts the plan saw: the stage, since when (organisation-local date), the dormancy reason.</summary>
        public string Stage { get; internal set; } = "";

        public DateTime StageSinceLocal { get; internal set; }

        public string DormancyReason { get; internal set; } = "";

        /// <summary>
        /// For the second and later follow-ups: the lines of the rungs before (each ending in a line break), recovered
        /// from the touch ledger; empty otherwise.
        /// </summary>
        public string EarlierRungLines { get; internal set; } = "";

        /// <summary>
        /// A later step's record of what it did: its lines (a follow-up's after those of the rungs before it) and the rule
        /// that decided this step.
        /// </summary>
        public string LaterStepText => EarlierRungLines + StepLines + "\nby " + Offer.RuleName + " (" + Offer.OfferName + ")";

        /// <summary>
        /// What the rules across customers decided about this plan's touches (Core/Joins, run by the daily evaluation on its
        /// page): which rule, which code, which counts — never a friend's name or amount. Empty outside the daily run.
        /// </summary>
        public IReadOnlyList<Joins.JoinDecision> JoinDecisions { get; internal set; } = Array.Empty<Joins.JoinDecision>();

        /// <summary>The touches that go out now (made now, not by an earlier execution).</summary>
        public IEnumerable<PlannedTouch> Written
        {
            get
            {
                foreach (var touch in Touches)
                {
                    if (touch.Channel is not null && !touch.MadeEarlier) yield return touch;
                }
            }
        }
    }
}
