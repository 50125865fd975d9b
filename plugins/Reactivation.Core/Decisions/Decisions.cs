using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Reactivation.Core.Facts;
using Reactivation.Core.Rules;
using Reactivation.Core.Rules.Running;

namespace Reactivation.Core.Decisions
{
    /// <summary>A fact a rule read, with its value as invariant text. Facts hold no personal data.</summary>
    public sealed class FactValue
    {
        public FactValue(string name, string value)
        {
            Name = name;
            Value = value;
        }

        public string Name { get; }
        public string Value { get; }

        public override string ToString() => Name + "=" + Value;
    }

    /// <summary>
    /// A fact value as a rule saw it, captured raw (unformatted) at evaluation time: the facts object is
    /// mutable (later rules set Stage), so the value is copied, not the reference. 16 bytes: ints and bools
    /// in <see cref="Bits"/>, strings (immutable) by reference, decimals boxed (rare in rules); the fact's
    /// definition comes from the rule, so a trace allocates one small array. Formatted to text only when
    /// an explanation is read.
    /// </summary>
    internal struct CapturedFact
    {
        /// <summary>Int facts and bools (0 / 1); <see cref="NullInt"/> for a null int.</summary>
        public long Bits;
        /// <summary>String facts (null when null) or a boxed decimal (null when null).</summary>
        public object? Ref;

        private const long NullInt = long.MinValue;

        public static CapturedFact Capture(FactDefinition fact, CustomerFacts facts)
        {
            var captured = default(CapturedFact);
            switch (fact.Type)
            {
                case FactType.Bool:
                    captured.Bits = fact.ReadBool!(facts) ? 1 : 0;
                    break;
                case FactType.Int:
                    captured.Bits = fact.ReadIntValue!(facts);
                    break;
                case FactType.NullableInt:
                    var i = fact.ReadInt!(facts);
                    captured.Bits = i.HasValue ? i.GetValueOrDefault() : NullInt;
                    break;
                case FactType.Decimal:
                    captured.Ref = fact.ReadDecimalValue!(facts);
                    break;
                case FactType.NullableDecimal:
                    var d = fact.ReadDecimal!(facts);
                    if (d.HasValue) captured.Ref = d.GetValueOrDefault();
                    break;
                default:
                    captured.Ref = fact.ReadString!(facts);
                    break;
            }

            return captured;
        }

        /// <summary>The same text as <see cref="FactDefinition.FormatValue"/> gives for the value captured.</summary>
        public string Format(FactDefinition fact)
        {
            switch (fact.Type)
            {
                case FactType.Bool:
                    return Bits != 0 ? "true" : "false";
                case FactType.Int:
                case FactType.NullableInt:
                    return Bits == NullInt ? "null" : ((int)Bits).ToString(CultureInfo.InvariantCulture);
                case FactType.Decimal:
                case FactType.NullableDecimal:
                    return Ref is null ? "null" : ((decimal)Ref).ToString(CultureInfo.InvariantCulture);
                default:
                    return (string?)Ref ?? "null";
            }
        }
    }

    /// <summary>One rule that decided (or failed), with the facts it saw.</summary>
    public sealed class RuleTrace
    {
        private IReadOnlyList<FactValue>? facts;
        private readonly FactDefinition[]? definitions;
        private readonly CapturedFact[]? captured;

        public RuleTrace(string ruleName, bool matched, string? error, IReadOnlyList<FactValue> facts)
        {
            RuleName = ruleName;
            Matched = matched;
            Error = error;
            this.facts = facts ?? throw new ArgumentNullException(nameof(facts));
        }

        /// <summary>Raw values captured at evaluation; <see cref="Facts"/> and the text are built on first read.</summary>
        internal RuleTrace(string ruleName, bool matched, string? error, FactDefinition[] definitions, CapturedFact[] captured)
        {
            this.definitions = definitions;
            RuleName = ruleName;
            Matched = matched;
            Error = error;
            this.captured = captured;
        }

        public string RuleName { get; }
        public bool Matched { get; }
        public string? Error { get; }

        /// <summary>The facts the rule read, as invariant text (formatted on first access).</summary>
        public IReadOnlyList<FactValue> Facts
        {
            get
            {
                if (facts is null)
                {
                    var values = new FactValue[captured!.Length];
                    for (var i = 0; i < values.Length; i++) values[i] = new FactValue(definitions![i].Name, captured[i].Format(definitions[i]));
                    facts = values;
                }

                return facts;
            }
        }

        public override string ToString()
        {
            var text = new StringBuilder(RuleName);
            text.Append(Matched ? " matched" : " failed");
            if (facts is null && captured!.Length > 0)
            {
                // Straight from the captured values: no FactValue objects needed just to print.
                text.Append(" (");
                for (var i = 0; i < captured.Length; i++)
                {
                    if (i > 0) text.Append(", ");
                    text.Append(definitions![i].Name).Append('=').Append(captured[i].Format(definitions[i]));
                }

                text.Append(')');
            }
            else if (facts is not null && facts.Count > 0)
            {
                text.Append(" (");
                for (var i = 0; i < facts.Count; i++)
                {
                    if (i > 0) text.Append(", ");
                    text.Append(facts[i].Name).Append('=').Append(facts[i].Value);
                }

                text.Append(')');
            }

            if (Error is not null) text.Append(": ").Append(Error);
            return text.ToString();
        }
    }

    /// <summary>Why a decision came out as it did: the rules that matched (and any that failed with an error).</summary>
    public sealed class Explanation
    {
        public Explanation(IReadOnlyList<RuleTrace> rules)
        {
            Rules = rules ?? throw new ArgumentNullException(nameof(rules));
        }

        internal static Explanation Empty { get; } = new Explanation(Array.Empty<RuleTrace>());

        public IReadOnlyList<RuleTrace> Rules { get; }

        public override string ToString()
        {
            if (Rules.Count == 1) return Rules[0].ToString();
            var text = new StringBuilder();
            for (var i = 0; i < Rules.Count; i++)
            {
                if (i > 0) text.Append("; ");
                text.Append(Rules[i].ToString());
            }

            return text.ToString();
        }

        /// <summary>
        /// The trace of a rule that decided: the raw values of the facts it read, captured now (later rules
        /// may change Stage); the text is formatted only when the explanation is read.
        /// </summary>
        internal static RuleTrace Trace(BoundRule rule, bool matched, string? error, CustomerFacts facts)
        {
            var definitions = rule.Facts;
            var values = new CapturedFact[definitions.Length];
            for (var i = 0; i < definitions.Length; i++) values[i] = CapturedFact.Capture(definitions[i], facts);
            return new RuleTrace(rule.Rule.Name, matched, error, definitions, values);
        }
    }

    public sealed class LifecycleDecision
    {
        internal LifecycleDecision(LifecycleStage? stage, RuleDefinition? rule, Explanation explanation)
        {
            Stage = stage;
            RuleName = rule?.Name;
            Label = rule?.Label;
            LabelZh = rule?.LabelZh;
            Explanation = explanation;
        }

        /// <summary>Null when no rule matched (a ruleset without a catch-all): keep the current stage.</summary>
        public LifecycleStage? Stage { get; }
        public string? RuleName { get; }
        public string? Label { get; }
        public string? LabelZh { get; }
        public Explanation Explanation { get; }
    }

    /// <summary>Most restrictive first: Block over Defer over Cap over Allow.</summary>
    public enum PolicyOutcome
    {
        Allow,
        Cap,
        Defer,
        Block,
    }

    /// <summary>A matched contact-policy rule that concerns the channel under consideration.</summary>
    public sealed class PolicyVerdict
    {
        internal PolicyVerdict(string ruleName, PolicyVerdictDefinition definition, bool capReached)
        {
            RuleName = ruleName;
            Definition = definition;
            CapReached = capReached;
        }

        public string RuleName { get; }
        public PolicyVerdictDefinition Definition { get; }
        public VerdictKind Kind => Definition.Kind;
        /// <summary>For a Cap whose touches were counted: the window already holds MaxTouches touches.</summary>
        public bool CapReached { get; }
    }

    /// <summary>Counts touches made 0..windowDays-1 days ago on the channels (empty = every channel).</summary>
    public delegate int TouchCounter(IReadOnlyList<string> channels, int windowDays);

    public sealed class ContactPolicyDecision
    {
        /// <summary>The reason code a reached cap blocks with.</summary>
        public const string CapReachedReason = "CapReached";

        internal ContactPolicyDecision(string channel, IReadOnlyList<PolicyVerdict> verdicts, Explanation explanation)
        {
            Channel = channel;
            Verdicts = verdicts;
            Explanation = explanation;

            // Most decisions have one or two verdicts: lists are created only when something goes in them.
            List<string>? deciding = null;
            List<string>? reasons = null;
            List<PolicyVerdict>? caps = null;
            List<PolicyVerdict>? windows = null;
            var outcome = PolicyOutcome.Allow;
            for (var i = 0; i < verdicts.Count; i++)
            {
                var v = verdicts[i];
                var rank = v.Kind switch
                {
                    VerdictKind.Block => PolicyOutcome.Block,
                    VerdictKind.Cap when v.CapReached => PolicyOutcome.Block,
                    VerdictKind.Defer => PolicyOutcome.Defer,
                    VerdictKind.Cap => PolicyOutcome.Cap,
                    _ => PolicyOutcome.Allow,
                };
                if (v.Kind == VerdictKind.Cap) (caps ??= new List<PolicyVerdict>()).Add(v);
                if (v.Kind == VerdictKind.Defer) (windows ??= new List<PolicyVerdict>()).Add(v);
                if (v.Kind == VerdictKind.Escalation && Escalation is null) Escalation = v.Definition;
                if (v.Kind == VerdictKind.Assign && Team is null) Team = v.Definition.Team;
                if (rank == PolicyOutcome.Allow) continue;
                if (rank > outcome)
                {
                    outcome = rank;
                    deciding?.Clear();
                    reasons?.Clear();
                }

                if (rank == outcome)
                {
                    (deciding ??= new List<string>()).Add(v.RuleName);
                    var reason = v.Kind == VerdictKind.Cap ? CapReachedReason : v.Definition.ReasonCode;
                    if (reason is not null && (reasons is null || !reasons.Contains(reason))) (reasons ??= new List<string>()).Add(reason);
                }
            }

            Outcome = outcome;
            DecidingRules = (IReadOnlyList<string>?)deciding ?? Array.Empty<string>();
            ReasonCodes = (IReadOnlyList<string>?)reasons ?? Array.Empty<string>();
            Caps = (IReadOnlyList<PolicyVerdict>?)caps ?? Array.Empty<PolicyVerdict>();
            Defers = (IReadOnlyList<PolicyVerdict>?)windows ?? Array.Empty<PolicyVerdict>();
        }

        /// <summary>The channel considered (facts.Channel); empty = verdicts for any channel.</summary>
        public string Channel { get; }
        public PolicyOutcome Outcome { get; }
        public bool MayContactNow => Outcome == PolicyOutcome.Allow || Outcome == PolicyOutcome.Cap;
        /// <summary>Every matched verdict that concerns the channel, in rule order.</summary>
        public IReadOnlyList<PolicyVerdict> Verdicts { get; }
        /// <summary>The rules whose verdict is the outcome (all of them when several tie).</summary>
        public IReadOnlyList<string> DecidingRules { get; }
        /// <summary>For Block / Defer: the reason codes of the deciding rules.</summary>
        public IReadOnlyList<string> ReasonCodes { get; }
        public IReadOnlyList<PolicyVerdict> Caps { get; }
        public IReadOnlyList<PolicyVerdict> Defers { get; }
        public PolicyVerdictDefinition? Escalation { get; }
        public string? Team { get; }
        public Explanation Explanation { get; }

        /// <summary>
        /// For a deferred touch: the first local time, from <paramref name="customerLocalNow"/> on (minute
        /// steps, up to 7 days), that lies inside a window of every Defer verdict; null if none.
        /// </summary>
        public DateTime? DeferUntil(DateTime customerLocalNow)
        {
            if (Defers.Count == 0) return customerLocalNow;
            var start = new DateTime(customerLocalNow.Year, customerLocalNow.Month, customerLocalNow.Day, customerLocalNow.Hour, customerLocalNow.Minute, 0, customerLocalNow.Kind);
            if (start < customerLocalNow) start = start.AddMinutes(1);
            for (var minute = 0; minute <= 7 * 24 * 60; minute++)
            {
                var candidate = start.AddMinutes(minute);
                var ok = true;
                foreach (var defer in Defers)
                {
                    var inside = false;
                    foreach (var window in defer.Definition.SendWindows)
                    {
                        if (window.Contains(candidate.TimeOfDay))
                        {
                            inside = true;
                            break;
                        }
                    }

                    if (!inside)
                    {
                        ok = false;
                        break;
                    }
                }

                if (ok) return candidate;
            }

            return null;
        }
    }

    public sealed class OfferDecision
    {
        internal OfferDecision(OfferDefinition offer, string ruleName, Explanation explanation)
        {
            Offer = offer;
            RuleName = ruleName;
            Explanation = explanation;
        }

        public OfferDefinition Offer { get; }
        public string OfferName => Offer.Name;
        public string RuleName { get; }
        public Explanation Explanation { get; }
    }

    public sealed class NextChangeResult
    {
        internal NextChangeResult(DateTime date, int daysAhead, string what, string from, string to)
        {
            Date = date;
            DaysAhead = daysAhead;
            What = what;
            From = from;
            To = to;
        }

        /// <summary>The organisation-local date on which the verdict first differs.</summary>
        public DateTime Date { get; }
        public int DaysAhead { get; }
        /// <summary>"Stage", "ContactPolicy" or "Offers".</summary>
        public string What { get; }
        public string From { get; }
        public string To { get; }

        /// <summary>
        /// The day brings the outreach step something to act on for a new attempt: another offer (not none), or the same offer
        /// under other contact-policy verdicts (<see cref="NextChangeFinder.FindWithOutreach"/>).
        /// </summary>
        public bool ChangesOutreach { get; internal set; }

        public override string ToString() => What + " changes from " + From + " to " + To + " in " + DaysAhead + " days (" + Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + ")";
    }
}
