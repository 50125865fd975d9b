using System;
using System.Collections.Generic;
using Reactivation.Core.Facts;
using Reactivation.Core.Rules;
using Reactivation.Core.Rules.Running;

namespace Reactivation.Core.Decisions
{
    /// <summary>Lifecycle: the first enabled top-level rule that matches names the stage.</summary>
    public static class LifecycleEvaluator
    {
        public static LifecycleDecision Evaluate(Ruleset ruleset, CustomerFacts facts)
        {
            Require(ruleset, RulesetKind.Lifecycle);
            var traces = new List<RuleTrace>(1);
            var match = FirstMatch(ruleset, facts, traces);
            return new LifecycleDecision(match?.Stage, match, new Explanation(traces));
        }

        /// <summary>
        /// First-match evaluation for the decision: nothing is allocated for the matching itself; only the
        /// rules that decided (the winner, and any that failed with an error before it) get a trace.
        /// </summary>
        internal static RuleDefinition? FirstMatch(Ruleset ruleset, CustomerFacts facts, List<RuleTrace> traces) =>
            RuleRun.FirstMatch(ruleset, facts, traces)?.Rule;

        internal static void Require(Ruleset ruleset, RulesetKind kind)
        {
            if (ruleset is null) throw new ArgumentNullException(nameof(ruleset));
            if (ruleset.Kind != kind) throw new ArgumentException("Expected a " + kind + " ruleset but '" + ruleset.WorkflowName + "' is " + ruleset.Kind + ".", nameof(ruleset));
        }
    }

    /// <summary>
    /// Contact policy: every enabled rule that matches and concerns facts.Channel contributes its
    /// verdict; the most restrictive wins (Block over Defer over Cap over Allow).
    /// </summary>
    public static class ContactPolicyEvaluator
    {
        /// <param name="countTouches">When given, caps are checked: a full window blocks with reason CapReached.</param>
        public static ContactPolicyDecision Evaluate(Ruleset ruleset, CustomerFacts facts, TouchCounter? countTouches = null) =>
            Evaluate(ruleset, facts, countTouches, explain: true);

        /// <param name="explain">False: the decision carries no rule traces (a scan over days ahead that only needs the outcome).</param>
        internal static ContactPolicyDecision Evaluate(Ruleset ruleset, CustomerFacts facts, TouchCounter? countTouches, bool explain)
        {
            LifecycleEvaluator.Require(ruleset, RulesetKind.ContactPolicy);
            if (facts is null) throw new ArgumentNullException(nameof(facts));
            var verdicts = new List<PolicyVerdict>();
            var traces = new List<RuleTrace>();
            var run = new RuleRun(ruleset, facts, facts.Channel, explain ? traces : null);
            while (run.NextMatch(out var rule))
            {
                var definition = rule.Rule.Verdict!;
                var reached = false;
                if (definition.Kind == VerdictKind.Cap && countTouches is not null)
                {
                    var channels = definition.Channels;
                    reached = countTouches(channels, definition.WindowDays!.Value) >= definition.MaxTouches!.Value;
                }

                verdicts.Add(new PolicyVerdict(rule.Rule.Name, definition, reached));
            }

            return new ContactPolicyDecision(facts.Channel, verdicts, new Explanation(traces));
        }
    }

    /// <summary>Offers: the first enabled top-level rule that matches names the offer; null when none does.</summary>
    public static class OfferEvaluator
    {
        public static OfferDecision? Evaluate(Ruleset ruleset, CustomerFacts facts)
        {
            LifecycleEvaluator.Require(ruleset, RulesetKind.Offers);
            var traces = new List<RuleTrace>(1);
            var match = LifecycleEvaluator.FirstMatch(ruleset, facts, traces);
            if (match is null) return null;
            return new OfferDecision(match.Offer!, match.Name, new Explanation(traces));
        }
    }

    /// <summary>What every decision does between the lifecycle and the rules after it.</summary>
    internal static class DecisionMaker
    {
        /// <summary>Rules after the lifecycle see the stage just decided; a new stage has been held 0 days.</summary>
        internal static void ApplyStage(CustomerFacts facts, LifecycleStage? stage)
        {
            if (!stage.HasValue) return;
            var name = stage.Value.ToString();
            if (!string.Equals(facts.Stage, name, StringComparison.Ordinal))
            {
                facts.Stage = name;
                facts.DaysInStage = 0;
            }
        }
    }

    /// <summary>
    /// "On which future day does the verdict change?" Evaluates the rulesets on the facts of each
    /// following day (nothing else happening) up to a horizon, so the daily run only touches customers
    /// that are due.
    /// </summary>
    public static class NextChangeFinder
    {
        public const int DefaultHorizonDays = 400;

        /// <summary>
        /// The first day after today on which the lifecycle stage (or, with a policy ruleset, the set of
        /// matched policy rules for input.Channel) differs from today's; null if none within the horizon.
        /// </summary>
        public static NextChangeResult? Find(Ruleset lifecycle, CustomerFactsInput input, Ruleset? contactPolicy = null, int horizonDays = DefaultHorizonDays)
        {
            if (input is null) throw new ArgumentNullException(nameof(input));
            return Find(lifecycle, new CustomerFactsBuilder(input), contactPolicy, horizonDays);
        }

        /// <summary>As <see cref="Find(Ruleset, CustomerFactsInput, Ruleset, int)"/>, on facts already built for the decision.</summary>
        public static NextChangeResult? Find(Ruleset lifecycle, CustomerFactsBuilder builder, Ruleset? contactPolicy = null, int horizonDays = DefaultHorizonDays)
        {
            LifecycleEvaluator.Require(lifecycle, RulesetKind.Lifecycle);
            if (builder is null) throw new ArgumentNullException(nameof(builder));
            if (horizonDays < 1 || horizonDays > 3660) throw new ArgumentOutOfRangeException(nameof(horizonDays));
            var today = builder.Build();
            var stage = StageOf(lifecycle, today);
            var stageChangedToday = stage.HasValue && !string.Equals(today.Stage, stage.Value.ToString(), StringComparison.Ordinal);
            DecisionMaker.ApplyStage(today, stage);
            var policy = contactPolicy is null ? null : PolicySignature(contactPolicy, today);
            for (var day = 1; day <= horizonDays; day++)
            {
                var facts = builder.BuildForDay(day);
                if (stage.HasValue)
                {
                    facts.Stage = stage.Value.ToString();
                    if (stageChangedToday) facts.DaysInStage = day;
                }

                var next = StageOf(lifecycle, facts);
                if (next != stage)
                {
                    return new NextChangeResult(builder.Today.AddDays(day), day, "Stage", Name(stage), Name(next));
                }

                if (contactPolicy is not null)
                {
                    var signature = PolicySignature(contactPolicy, facts);
                    if (!string.Equals(signature, policy, StringComparison.Ordinal))
                    {
                        return new NextChangeResult(builder.Today.AddDays(day), day, "ContactPolicy", policy!, signature);
                    }
                }
            }

            return null;
        }

        /// <summary>
        /// As <see cref="Find(Ruleset, CustomerFactsBuilder, Ruleset, int)"/> for a contact in a stage that starts outreach: the
        /// first day after today on which the lifecycle stage differs from today's, or on which what the outreach step would
        /// decide for a new attempt differs — the offer (the first matching offer rule, with the facts the outreach step gives
        /// it: no attempt open), or, with the same offer, the contact policy's matched rules on that offer's
        /// channels (its call, message and task). <see cref="NextChangeResult.ChangesOutreach"/> says the day brings an offer
        /// the outreach step can act on. A ruleset none of whose enabled rules reads a fact that moves with the day
        /// (<see cref="CustomerFactsBuilder.MovesWithTheDay"/>) cannot change and is asked only for today.
        /// </summary>
        /// <param name="caresOnly">The contact's stage starts no win-back outreach: only a day that brings a Care offer is one
        /// the outreach step can act on.</param>
        public static NextChangeResult? FindWithOutreach(Ruleset lifecycle, CustomerFactsBuilder builder, Ruleset offers, Ruleset contactPolicy, int horizonDays = DefaultHorizonDays, bool caresOnly = false)
        {
            LifecycleEvaluator.Require(lifecycle, RulesetKind.Lifecycle);
            LifecycleEvaluator.Require(offers, RulesetKind.Offers);
            LifecycleEvaluator.Require(contactPolicy, RulesetKind.ContactPolicy);
            if (builder is null) throw new ArgumentNullException(nameof(builder));
            if (horizonDays < 1 || horizonDays > 3660) throw new ArgumentOutOfRangeException(nameof(horizonDays));
            var today = builder.Build();
            var stage = StageOf(lifecycle, today);
            var stageChangedToday = stage.HasValue && !string.Equals(today.Stage, stage.Value.ToString(), StringComparison.Ordinal);
            DecisionMaker.ApplyStage(today, stage);
            var offersMove = MovesWithTheDay(offers, builder);
            var policyMoves = MovesWithTheDay(contactPolicy, builder);
            var scansOutreach = offersMove || policyMoves;
            RuleDefinition? offer = null;
            string? policy = null;
            if (scansOutreach)
            {
                AsNewAttempt(today);
                offer = OfferOf(offers, today);
                if (offer is not null && policyMoves) policy = PolicyOn(contactPolicy, builder, offer, today, 0);
            }
            for (var day = 1; day <= horizonDays; day++)
            {
                var facts = builder.BuildForDay(day);
                OnStage(facts, stage, stageChangedToday, day);
                var next = StageOf(lifecycle, facts);
                if (next != stage)
                {
                    return new NextChangeResult(builder.Today.AddDays(day), day, "Stage", Name(stage), Name(next));
                }

                if (!scansOutreach) continue;
                AsNewAttempt(facts);
                var offerThen = offersMove ? OfferOf(offers, facts) : offer;
                if (!ReferenceEquals(offerThen, offer))
                {
                    return new NextChangeResult(builder.Today.AddDays(day), day, "Offers", OfferName(offer), OfferName(offerThen))
                    {
                        ChangesOutreach = offerThen is not null && (!caresOnly || offerThen.Offer?.Purpose == TouchPurposes.Care),
                    };
                }

                if (offer is null || !policyMoves) continue;
                var policyThen = PolicyOn(contactPolicy, builder, offer, facts, day);
                if (!string.Equals(policyThen, policy, StringComparison.Ordinal))
                {
                    return new NextChangeResult(builder.Today.AddDays(day), day, "ContactPolicy", policy!, policyThen) { ChangesOutreach = true };
                }
            }

            return null;
        }

        /// <summary>The scan holds the stage decided today; a stage that began today has been held as many days as are scanned.</summary>
        private static void OnStage(CustomerFacts facts, LifecycleStage? stage, bool stageChangedToday, int day)
        {
            if (!stage.HasValue) return;
            facts.Stage = stage.Value.ToString();
            if (stageChangedToday) facts.DaysInStage = day;
        }

        /// <summary>The facts the outreach step gives the offers for a new attempt: no attempt open, no purpose yet (the offer rule gives it).</summary>
        private static void AsNewAttempt(CustomerFacts facts)
        {
            facts.Purpose = "";
            facts.HasOpenAttempt = false;
            facts.DaysSinceAttemptStarted = null;
            facts.AttemptStep = "";
            facts.Responded = false;
        }

        private static RuleDefinition? OfferOf(Ruleset offers, CustomerFacts facts)
        {
            DecisionWork.ScanEvaluation();
            return RuleRun.FirstMatch(offers, facts)?.Rule;
        }

        private static string OfferName(RuleDefinition? offer) => offer is null ? "(no offer)" : offer.Name;

        /// <summary>The policy's matched rules on each channel the offer's actions use, as one signature.</summary>
        private static string PolicyOn(Ruleset policy, CustomerFactsBuilder builder, RuleDefinition offer, CustomerFacts dayFacts, int day)
        {
            var definition = offer.Offer!;
            var signature = new System.Text.StringBuilder();
            foreach (var channel in new[] { definition.PhoneCall is null ? null : ContactChannels.Phone, definition.Message?.Channel, definition.Task is null ? null : ContactChannels.Task })
            {
                if (channel is null) continue;
                var facts = builder.BuildForChannel(channel, day);
                facts.Stage = dayFacts.Stage;
                facts.DaysInStage = dayFacts.DaysInStage;
                AsNewAttempt(facts);
                facts.Purpose = definition.Purpose;
                signature.Append(channel).Append(": ").Append(PolicySignature(policy, facts)).Append("; ");
            }

            return signature.ToString();
        }

        /// <summary>Whether the ruleset, asked for a new attempt (no attempt open: its days are null), may decide differently on another day.</summary>
        private static bool MovesWithTheDay(Ruleset ruleset, CustomerFactsBuilder builder)
        {
            foreach (var rule in ruleset.Rules)
            {
                if (!rule.Enabled) continue;
                foreach (var fact in rule.ReferencedFacts)
                {
                    if (builder.MovesWithTheDayFor(fact) && !string.Equals(fact, "DaysSinceAttemptStarted", StringComparison.Ordinal)) return true;
                }
            }

            return false;
        }

        private static LifecycleStage? StageOf(Ruleset lifecycle, CustomerFacts facts)
        {
            DecisionWork.ScanEvaluation();
            return RuleRun.FirstMatch(lifecycle, facts)?.Rule.Stage;
        }

        private static string Name(LifecycleStage? stage) => stage.HasValue ? stage.Value.ToString() : "(none)";

        private static string PolicySignature(Ruleset policy, CustomerFacts facts)
        {
            DecisionWork.ScanEvaluation();
            var matched = new List<string>();
            var run = new RuleRun(policy, facts, facts.Channel);
            while (run.NextMatch(out var rule)) matched.Add(rule.Rule.Name);

            return matched.Count == 0 ? "(no verdict)" : string.Join(", ", matched);
        }
    }
}
