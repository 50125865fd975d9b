using System;
using System.Collections.Generic;
using Reactivation.Core.Attempts;
using Reactivation.Core.Facts;
using Reactivation.Core.Outreach;
using Reactivation.Core.Rules;

namespace Reactivation.Core.Decisions
{
    /// <summary>What one event asks a decision for.</summary>
    public sealed class DecisionRequest
    {
        private readonly Func<RulesetKind, Ruleset>? _source;
        private Ruleset? _lifecycle;
        private Ruleset? _contactPolicy;
        private Ruleset? _offers;

        private DecisionRequest(CustomerRecord? customer, CustomerFacts? facts, Ruleset? lifecycle, Ruleset? contactPolicy, Ruleset? offers, Func<RulesetKind, Ruleset>? source = null)
        {
            Customer = customer;
            Facts = facts;
            _lifecycle = lifecycle ?? (source is null ? throw new ArgumentNullException(nameof(lifecycle)) : (Ruleset?)null);
            _contactPolicy = contactPolicy;
            _offers = offers;
            _source = source;
        }

        public CustomerRecord? Customer { get; }

        /// <summary>Facts stated outright (a facts file): no ledgers, so no next change and no cap is counted.</summary>
        public CustomerFacts? Facts { get; }

        public Ruleset Lifecycle => _lifecycle ??= _source!(RulesetKind.Lifecycle);

        public Ruleset? ContactPolicy => _contactPolicy ??= _source?.Invoke(RulesetKind.ContactPolicy);

        public Ruleset? Offers => _offers ??= _source?.Invoke(RulesetKind.Offers);

        /// <summary>The contact policy per channel and the offer, as an admin asks for them.</summary>
        public bool Explains { get; private set; }

        public OutreachEvent? Outreach { get; private set; }

        /// <summary>See <see cref="WithDeadlineSignalled"/>.</summary>
        public bool DeadlineSignalled { get; private set; }

        public OutreachSettings? OutreachSettings { get; private set; }

        /// <summary>The lifecycle step of the same operation scanned for the next stage change already.</summary>
        public bool StageChangeKnown { get; private set; }

        public DateTime? KnownStageChangeOn { get; private set; }

        /// <summary>The day the lifecycle step of the same operation found the octant changes.</summary>
        public DateTime? KnownOctantChangeOn { get; private set; }

        /// <summary>No outreach step follows the event (a contact's Create, its initialisation): a contact that needs outreach is left due.</summary>
        public OutreachSettings? Unattended { get; private set; }

        /// <summary>The daily evaluation: a passed deadline or an outreach due that has come is signalled to the outreach step.</summary>
        public bool Signals { get; private set; }

        /// <summary>Where outreach starts, when the next-change scan also asks the offers and the contact policy (<see cref="WithOutreachScan"/>).</summary>
        public OutreachSettings? OutreachScan { get; private set; }

        /// <summary>The lifecycle verdict: the stage to stamp and the next evaluation date (the lifecycle step, the daily evaluation).</summary>
        public static DecisionRequest ForLifecycle(CustomerRecord customer, Ruleset lifecycle) =>
            new DecisionRequest(customer ?? throw new ArgumentNullException(nameof(customer)), null, lifecycle, null, null);

        /// <summary>
        /// The lifecycle verdict of the daily evaluation, which also signals what has come for the outreach step — one signal
        /// per evaluation: the open attempt's passed deadline first (its follow-up), else an outreach due that has come; a due
        /// left unsignalled keeps the contact due, so the next run signals it.
        /// </summary>
        public static DecisionRequest ForDailyEvaluation(CustomerRecord customer, Ruleset lifecycle) =>
            new DecisionRequest(customer ?? throw new ArgumentNullException(nameof(customer)), null, lifecycle, null, null) { Signals = true };

        /// <summary>The verdict with the contact policy per channel (caps counted) and the offer (rx_ExplainContact).</summary>
        public static DecisionRequest ForExplanation(CustomerRecord customer, Ruleset lifecycle, Ruleset contactPolicy, Ruleset offers) =>
            new DecisionRequest(customer ?? throw new ArgumentNullException(nameof(customer)), null, lifecycle, contactPolicy, offers) { Explains = true };

        /// <summary>The same for facts stated outright (reactivation explain --facts); either other ruleset may be absent.</summary>
        public static DecisionRequest ForExplanation(CustomerFacts facts, Ruleset lifecycle, Ruleset? contactPolicy, Ruleset? offers) =>
            new DecisionRequest(null, facts ?? throw new ArgumentNullException(nameof(facts)), lifecycle, contactPolicy, offers) { Explains = true };

        /// <summary>
        /// What an outreach event does to the attempt, with its plan and the next evaluation that follows. The rulesets are
        /// asked of <paramref name="rulesets"/> only when the event needs them: an event that moves no attempt reads none.
        /// </summary>
        public static DecisionRequest ForOutreach(CustomerRecord customer, Func<RulesetKind, Ruleset> rulesets, OutreachEvent change, OutreachSettings settings) =>
            new DecisionRequest(customer ?? throw new ArgumentNullException(nameof(customer)), null, null, null, null, rulesets ?? throw new ArgumentNullException(nameof(rulesets)))
            {
                Outreach = change,
                OutreachSettings = settings ?? throw new ArgumentNullException(nameof(settings)),
            };

        /// <summary>
        /// No outreach step acts on this event's stage (a contact's Create, its initialisation): a contact the verdict leaves in a
        /// stage that starts outreach, without an attempt of its stage stint, becomes due now (<see cref="Outreach.OutreachDue.ForUnattended"/>),
        /// so the next daily evaluation brings it to the outreach step.
        /// </summary>
        public DecisionRequest WithoutOutreachStep(OutreachSettings settings)
        {
            Unattended = settings ?? throw new ArgumentNullException(nameof(settings));
            return this;
        }

        /// <summary>
        /// The next evaluation follows what the outreach step would decide, not only the stage: for a contact the verdict leaves
        /// in a stage that starts outreach, the scan also asks the offers and the contact policy day by day
        /// (<see cref="NextChangeFinder.FindWithOutreach"/>), and the first day on which they decide an offer the outreach step
        /// can act on (another offer, or the same one under other policy verdicts) leaves the contact due that day
        /// (organisation-local start), so the daily evaluation that morning brings it to the outreach step. A contact in any
        /// other stage is scanned for its stage alone.
        /// </summary>
        public DecisionRequest WithOutreachScan(Ruleset contactPolicy, Ruleset offers, OutreachSettings settings)
        {
            _contactPolicy = contactPolicy ?? throw new ArgumentNullException(nameof(contactPolicy));
            _offers = offers ?? throw new ArgumentNullException(nameof(offers));
            OutreachScan = settings ?? throw new ArgumentNullException(nameof(settings));
            return this;
        }

        /// <summary>
        /// The open attempt's deadline was signalled in the same update as the contact change the event is (the daily run
        /// writes the signal and the new stage together): the open attempt the change leaves on the contact is closed.
        /// </summary>
        public DecisionRequest WithDeadlineSignalled()
        {
            DeadlineSignalled = true;
            return this;
        }

        /// <summary>The daily evaluation's join verdict for this event (<see cref="Joins.JoinVerdict"/>): its facts and what it decided about the plan.</summary>
        public Joins.JoinVerdict? Join { get; private set; }

        /// <summary>
        /// The outreach event the daily evaluation signalled carries that page's join verdict: its referral facts are the
        /// customer's facts, and the plan is altered as it decided (blocked, reassigned, moved, the social-proof line).
        /// </summary>
        public DecisionRequest WithJoinVerdict(Joins.JoinVerdict? verdict)
        {
            Join = verdict;
            return this;
        }

        /// <summary>
        /// The next stage change the lifecycle step of the same operation found (null: none within the horizon), and the day
        /// it found the octant changes (null: it does not).
        /// </summary>
        public DecisionRequest WithKnownStageChange(DateTime? nextStageChangeOn, DateTime? octantChangesOn = null)
        {
            StageChangeKnown = true;
            KnownStageChangeOn = nextStageChangeOn;
            KnownOctantChangeOn = octantChangesOn;
            return this;
        }
    }

    /// <summary>
    /// The one decision an event makes: the facts built once from the record (each ledger read once by the caller), the
    /// rulesets evaluated on them, the next-change scan run at most once, and for an outreach event the attempt's course
    /// and plan. Every plugin, rx_ExplainContact and the CLI's explain decide through here.
    /// </summary>
    public static class ContactDecisions
    {
        /// <summary>
        /// The facts an outreach event's write changes (touches, the attempt) and those its facts read differently (the
        /// customer's hour, the purpose): a lifecycle ruleset reading none of them has the same next stage change before
        /// and after the write.
        /// </summary>
        private static readonly HashSet<string> OutreachFacts = new HashSet<string>(StringComparer.Ordinal)
        {
            "TouchesLast1Day", "TouchesLast7Days", "TouchesLast30Days", "TouchesLast90Days", "DaysSinceLastTouch",
            "ChannelTouchesLast1Day", "ChannelTouchesLast7Days", "ChannelTouchesLast30Days", "ChannelTouchesLast90Days", "DaysSinceLastChannelTouch",
            "HasOpenAttempt", "DaysSinceAttemptStarted", "AttemptStep", "Responded", "ReasonJustGiven",
            "LocalHour", "LocalWeekday", "Purpose", "Channel",
        };

        public static ContactDecision Decide(DecisionRequest request)
        {
            if (request is null) throw new ArgumentNullException(nameof(request));
            if (request.Facts is { } stated) return DecideOn(stated, request);
            var customer = request.Customer!;
            // The business's octant split points come with its lifecycle ruleset: every fact built for the decision places the customer.
            customer.Facts.OctantSplits = request.Lifecycle.Octants;
            if (request.Outreach is { } change) return DecideOutreach(request, customer, change);

            var input = customer.Facts;
            var open = customer.OpenAttempt;
            var due = customer.OutreachDue;
            var signalsDeadline = false;
            var signalsDue = false;
            if (request.Signals)
            {
                // Deciding with the signal in place moves the next evaluation past what it signals.
                if (open?.SignalDeadline(input.UtcNow) is { IsMade: true } deadline)
                {
                    open = deadline.Attempt;
                    signalsDeadline = true;
                }
                else if (due.Signal(input.UtcNow) is { } signalled)
                {
                    due = signalled;
                    signalsDue = true;
                }
            }

            DescribeAttempt(input, open);
            if (request.Explains)
            {
                input.CustomerTimeZone = customer.Customer.Zone;
                input.Purpose = "";
            }

            var builder = new CustomerFactsBuilder(input);
            var facts = builder.Build();
            var decision = new ContactDecision(facts) { CurrentStage = customer.Stage, SignalsDeadline = signalsDeadline, SignalsOutreachDue = signalsDue };
            var stage = Lifecycle(decision, request.Lifecycle, facts);
            decision.Octant = facts.Octant;
            decision.OctantChanged = !string.Equals(facts.Octant, customer.Octant, StringComparison.Ordinal);
            decision.OctantChangesOn = OctantChange(builder, customer.Organisation);
            Scan(decision, request, builder, customer.Organisation, stage ?? customer.Stage);
            if (request.Unattended is { } settings)
            {
                due = due.ForUnattended(stage ?? customer.Stage, decision.NewStage is not null ? input.UtcNow : input.StageSinceUtc, open, settings, input.UtcNow);
            }

            // The day the outreach step would decide another offer: due then (an earlier pending due stands, the scan runs again).
            if (decision.NextChange is { ChangesOutreach: true }) due = due.AtLatest(decision.NextStageChangeOn!.Value);

            Due(decision, customer, due);
            Evaluation(decision, customer, open);
            if (request.Explains)
            {
                // The offer first: the policy is asked for its touches, with its Purpose (Offer when none applies).
                decision.Offer = OfferEvaluator.Evaluate(request.Offers!, facts);
                input.Purpose = decision.Offer?.Offer.Purpose ?? TouchPurposes.Offer;
                var policies = new List<ContactPolicyDecision>();
                foreach (var channel in ContactChannels.All)
                {
                    var channelFacts = builder.BuildForChannel(channel, 0);
                    DecisionMaker.ApplyStage(channelFacts, stage);
                    policies.Add(ContactPolicyEvaluator.Evaluate(request.ContactPolicy!, channelFacts, (list, days) => builder.CountTouches(list, days)));
                }

                decision.ContactPolicy = policies;
            }

            return decision;
        }

        /// <summary>Facts stated outright: stage, the policy per channel (caps listed, not counted), the offer.</summary>
        private static ContactDecision DecideOn(CustomerFacts facts, DecisionRequest request)
        {
            var decision = new ContactDecision(facts) { CurrentStage = Enum.TryParse<LifecycleStage>(facts.Stage, false, out var held) ? held : (LifecycleStage?)null };
            Lifecycle(decision, request.Lifecycle, facts);
            if (request.ContactPolicy is { } policy)
            {
                var channel = facts.Channel;
                var policies = new List<ContactPolicyDecision>();
                foreach (var name in ContactChannels.All)
                {
                    facts.Channel = name;
                    policies.Add(ContactPolicyEvaluator.Evaluate(policy, facts));
                }

                facts.Channel = channel;
                decision.ContactPolicy = policies;
            }

            if (request.Offers is { } offers) decision.Offer = OfferEvaluator.Evaluate(offers, facts);
            return decision;
        }

        private static ContactDecision DecideOutreach(DecisionRequest request, CustomerRecord customer, OutreachEvent change)
        {
            var input = customer.Facts;
            input.Purpose = "";
            input.CustomerTimeZone = customer.Customer.Zone;
            request.Join?.Friends.ApplyTo(input);
            CustomerFactsBuilder? builder = null;
            CustomerFacts? facts = null;
            OfferDecision? offer = null;
            var utcNow = input.UtcNow;

            OutreachPlan? Plan(ReactivationAttempt? attempt, AttemptStep? step, out bool alreadyMade)
            {
                // A new attempt's offers are chosen as if there were none open; a next step's see the open attempt. The
                // purpose is the offer's to give.
                input.Purpose = "";
                DescribeAttempt(input, attempt);
                builder = new CustomerFactsBuilder(input);
                facts = builder.Build();
                offer = OfferEvaluator.Evaluate(request.Offers!, facts);
                alreadyMade = false;
                if (offer is null) return null;
                // The contact policy is asked for the offer's touches, with the purpose the offer rule gives them.
                input.Purpose = offer.Offer.Purpose;
                var context = new OutreachContext(customer.ContactId, utcNow, customer.Organisation, customer.Customer, customer.Language, customer.Touches)
                {
                    StageSinceUtc = input.StageSinceUtc,
                    AttemptStartedUtc = customer.OpenAttempt?.StartedOn,
                    Teams = request.OutreachSettings!.Teams,
                    HoldoutPercent = request.OutreachSettings.HoldoutPercent,
                };
                return OutreachPlanner.Plan(builder, facts, offer, request.ContactPolicy!, context, attempt, step, out alreadyMade);
            }

            var settings = request.OutreachSettings!;
            var offersCare = (change == OutreachEvent.ContactChanged || change == OutreachEvent.OutreachDue) && !settings.StartsOutreach(customer.Stage) && request.Offers!.HasCareOffers;
            var course = OutreachCourse.Decide(change, customer, settings, utcNow, Plan, offersCare, request.DeadlineSignalled, request.Join);
            var decision = new ContactDecision(facts) { CurrentStage = customer.Stage, Offer = offer, Outreach = course };
            var due = course.ClearsOutreachDue ? customer.OutreachDue.Cleared() : customer.OutreachDue;
            Due(decision, customer, course.RetryOn is { } retry ? new OutreachDue(retry, due.SignalledOn) : due);
            if (!course.WritesContact) return decision;

            // The next evaluation follows from the write (a new deadline moves it). The stage cannot change from it unless
            // the lifecycle rules read what the write changes: then they are asked on the contact as written.
            if (ReadsOutreachFacts(request.Lifecycle))
            {
                var after = input.WithTouches(Written(customer, course.Plan));
                after.Purpose = "";
                after.CustomerTimeZone = null;
                DescribeAttempt(after, course.OnContact);
                builder = new CustomerFactsBuilder(after);
                Scan(decision, request.Lifecycle, builder, customer.Organisation);
            }
            else if (request.StageChangeKnown)
            {
                decision.NextStageChangeOn = request.KnownStageChangeOn;
            }
            else
            {
                if (builder is null)
                {
                    DescribeAttempt(input, customer.OpenAttempt);
                    builder = new CustomerFactsBuilder(input);
                }

                Scan(decision, request.Lifecycle, builder, customer.Organisation);
            }

            // The octant's next change keeps its place in the next evaluation: the lifecycle step's, or from the facts built here.
            decision.OctantChangesOn = builder is not null ? OctantChange(builder, customer.Organisation) : request.KnownOctantChangeOn;
            Evaluation(decision, customer, course.OnContact);
            return decision;
        }

        private static LifecycleStage? Lifecycle(ContactDecision decision, Ruleset lifecycle, CustomerFacts facts)
        {
            var verdict = LifecycleEvaluator.Evaluate(lifecycle, facts);
            DecisionMaker.ApplyStage(facts, verdict.Stage);
            decision.Lifecycle = verdict;
            decision.NewStage = verdict.Stage.HasValue && verdict.Stage != decision.CurrentStage ? verdict.Stage : null;
            return verdict.Stage;
        }

        /// <summary>
        /// The scan of <see cref="DecisionRequest.WithOutreachScan"/> for a contact in a stage that starts outreach, or in any
        /// stage when the offers have a care rule; else the stage's alone.
        /// </summary>
        private static void Scan(ContactDecision decision, DecisionRequest request, CustomerFactsBuilder builder, FixedOffsetZone organisation, LifecycleStage? stage)
        {
            var winsBack = request.OutreachScan is { } settings && settings.StartsOutreach(stage);
            if (request.OutreachScan is null || (!winsBack && !(stage.HasValue && request.Offers!.HasCareOffers)))
            {
                Scan(decision, request.Lifecycle, builder, organisation);
                return;
            }

            // Outside the stages that start win-back outreach, the offers are scanned for the day a care touch is due.
            DecisionWork.NextChangeScan();
            Found(decision, NextChangeFinder.FindWithOutreach(request.Lifecycle, builder, request.Offers!, request.ContactPolicy!, caresOnly: !winsBack), organisation);
        }

        private static void Scan(ContactDecision decision, Ruleset lifecycle, CustomerFactsBuilder builder, FixedOffsetZone organisation)
        {
            DecisionWork.NextChangeScan();
            Found(decision, NextChangeFinder.Find(lifecycle, builder), organisation);
        }

        private static void Found(ContactDecision decision, NextChangeResult? next, FixedOffsetZone organisation)
        {
            decision.NextChange = next;
            decision.NextStageChangeOn = next is null ? (DateTime?)null : organisation.StartOfDay(next.Date);
        }

        private static void Due(ContactDecision decision, CustomerRecord customer, OutreachDue due)
        {
            decision.OutreachDue = due;
            decision.OutreachDueChanged = due.DueOn != customer.OutreachDue.DueOn;
        }

        /// <summary>
        /// The next evaluation: the next change the scan found (of the stage, or of what the outreach step would decide), or the
        /// pending deadline of the attempt the contact carries, or the pending outreach due (<see cref="ContactDecision.OutreachDue"/>,
        /// decided before), whichever comes first.
        /// </summary>
        private static void Evaluation(ContactDecision decision, CustomerRecord customer, ReactivationAttempt? onContact)
        {
            // A due still to come (an offer's day) is spent only on its day: an event before it, such as a new attempt started
            // now, leaves it for that morning's evaluation to signal.
            if (customer.OutreachDue.Pending is { } coming && coming > customer.Facts.UtcNow && !(decision.OutreachDue.Pending is { } kept && kept <= coming))
            {
                decision.OutreachDue = customer.OutreachDue;
                decision.OutreachDueChanged = false;
            }

            var next = decision.NextStageChangeOn;
            if (decision.OctantChangesOn is { } octant && (next is null || octant < next.Value)) next = octant;
            if (onContact?.PendingDeadline is { } deadline && (next is null || deadline < next.Value)) next = deadline;
            if (decision.OutreachDue.Pending is { } due && (next is null || due < next.Value)) next = due;
            decision.NextEvaluationOn = next;
            decision.NextEvaluationChanged = customer.NextEvaluationOn != next;
        }

        private static DateTime? OctantChange(CustomerFactsBuilder builder, FixedOffsetZone organisation) =>
            builder.DaysUntilOctantChanges() is { } days ? organisation.StartOfDay(builder.Today.AddDays(days)) : (DateTime?)null;

        private static void DescribeAttempt(CustomerFactsInput input, ReactivationAttempt? attempt)
        {
            input.HasOpenAttempt = attempt is not null && attempt.IsOpen;
            input.AttemptStartedUtc = input.HasOpenAttempt ? attempt!.StartedOn : null;
            input.AttemptStep = input.HasOpenAttempt ? attempt!.Step?.ToString() ?? "" : "";
            input.Responded = input.HasOpenAttempt && attempt!.Responded;
        }

        private static List<Touch> Written(CustomerRecord customer, OutreachPlan? plan)
        {
            var touches = new List<Touch>(customer.Touches.Touches);
            if (plan is not null)
            {
                foreach (var touch in plan.Written) touches.Add(new Touch(touch.AtUtc, touch.Channel!));
            }

            return touches;
        }

        private static bool ReadsOutreachFacts(Ruleset lifecycle)
        {
            foreach (var rule in lifecycle.Rules)
            {
                foreach (var fact in rule.ReferencedFacts)
                {
                    if (OutreachFacts.Contains(fact)) return true;
                }
            }

            return false;
        }
    }
}
