using System;
using System.Collections.Generic;
using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;
using Reactivation.Core.Rules.Expressions;
using Reactivation.Core.Rules.Running;

namespace Reactivation.Core.Rules
{
    /// <summary>Which of the three rulesets a file is, from its WorkflowName prefix.</summary>
    public enum RulesetKind
    {
        Lifecycle,
        ContactPolicy,
        Offers,
    }

    /// <summary>How a composite rule combines its nested rules (RulesEngine's Operator values).</summary>
    public enum RuleOperator
    {
        And,
        AndAlso,
        Or,
        OrElse,
    }

    /// <summary>A LocalParam or GlobalParam: a named value rules refer to by its bare name.</summary>
    public sealed class ScopedParamDefinition
    {
        internal ScopedParamDefinition(string name, string expression, int slot, BoundExpression bound)
        {
            Name = name;
            Expression = expression;
            Slot = slot;
            Bound = bound;
        }

        public string Name { get; }
        public string Expression { get; }
        internal int Slot { get; }
        internal BoundExpression Bound { get; }
    }

    /// <summary>One rule of a validated ruleset: a leaf with an Expression or a composite with an Operator.</summary>
    public sealed class RuleDefinition
    {
        internal RuleDefinition(string name)
        {
            Name = name;
        }

        public string Name { get; }
        public bool Enabled { get; internal set; } = true;
        public string? SuccessEvent { get; internal set; }
        public string? Expression { get; internal set; }
        public RuleOperator? Operator { get; internal set; }
        /// <summary>Nested rules of a composite rule (disabled ones included, in file order).</summary>
        public IReadOnlyList<RuleDefinition> Rules { get; internal set; } = Array.Empty<RuleDefinition>();
        public IReadOnlyList<ScopedParamDefinition> LocalParams { get; internal set; } = Array.Empty<ScopedParamDefinition>();
        /// <summary>Facts the rule (its expression, params and nested rules) reads.</summary>
        public IReadOnlyList<string> ReferencedFacts { get; internal set; } = Array.Empty<string>();
        public int Line { get; internal set; }
        public int Column { get; internal set; }

        /// <summary>Lifecycle rules: the stage (SuccessEvent) and its labels.</summary>
        public LifecycleStage? Stage { get; internal set; }
        public string? Label { get; internal set; }
        public string? LabelZh { get; internal set; }
        /// <summary>Contact-policy rules: the verdict.</summary>
        public PolicyVerdictDefinition? Verdict { get; internal set; }
        /// <summary>Offer rules: the offer and its actions.</summary>
        public OfferDefinition? Offer { get; internal set; }

        internal BoundExpression? Bound { get; set; }
        internal bool IsCatchAll => Enabled && Bound is not null && Bound.IsConstantTrue && LocalParams.Count == 0;

        /// <summary>Whether the rule's outcome concerns a touch on this channel: a policy verdict may name its channels; every other outcome concerns all.</summary>
        internal bool Concerns(string channel) => Verdict is null || Verdict.AppliesTo(channel);
    }

    /// <summary>The outcome of one rule for one customer, as RulesEngine's RuleResultTree reports it.</summary>
    public sealed class RuleResult
    {
        internal RuleResult(RuleDefinition rule, bool isSuccess, string? error, IReadOnlyList<RuleResult> children)
        {
            Rule = rule;
            IsSuccess = isSuccess;
            Error = error;
            Children = children;
        }

        public RuleDefinition Rule { get; }
        public string RuleName => Rule.Name;
        public bool IsSuccess { get; }
        /// <summary>A runtime fault (division by zero, .Value of a missing value); the rule then does not match.</summary>
        public string? Error { get; }
        public IReadOnlyList<RuleResult> Children { get; }
    }

    /// <summary>
    /// A parsed, validated ruleset: immutable after loading and safe to share between threads and
    /// plugin executions (the cache hands the same instance to every caller).
    /// </summary>
    public sealed class Ruleset
    {
        internal Ruleset(RulesetKind kind, string workflowName, string sourceName, string text, IReadOnlyList<RuleDefinition> rules, IReadOnlyList<ScopedParamDefinition> globalParams, int slotCount, IReadOnlyList<RulesetDiagnostic> warnings)
        {
            Kind = kind;
            WorkflowName = workflowName;
            SourceName = sourceName;
            _text = text;
            Rules = rules;
            GlobalParams = globalParams;
            SlotCount = slotCount;
            Warnings = warnings;
        }

        public RulesetKind Kind { get; }
        public string WorkflowName { get; }
        public string SourceName { get; }
        private readonly string _text;
        private string? _contentHash;

        /// <summary>
        /// SHA-256 of the JSON text (lower-case hex): the version key the CRM records. Computed on first read,
        /// not at load: the first SHA-256 in a process costs ~10 ms (platform crypto library) and the
        /// evaluation path never needs it (the cache keys on a fast non-cryptographic hash plus the text).
        /// </summary>
        public string ContentHash => _contentHash ??= RulesetCache.Hash(_text);
        /// <summary>Top-level rules in file order (disabled ones included; they never match).</summary>
        public IReadOnlyList<RuleDefinition> Rules { get; }
        public IReadOnlyList<ScopedParamDefinition> GlobalParams { get; }
        public IReadOnlyList<RulesetDiagnostic> Warnings { get; }

        /// <summary>A lifecycle ruleset's octant split points (its <c>Octants</c>); null when it sets none: the Octant fact is then empty.</summary>
        public OctantSplits? Octants { get; internal set; }
        internal int SlotCount { get; }

        private BoundRuleset? _bound;
        private bool? _hasCareOffers;

        /// <summary>
        /// An offers ruleset with an enabled rule whose Purpose is Care: its care touches may reach a customer in any stage,
        /// not only in the stages that start win-back outreach, so the outreach step and the next-evaluation scan ask it
        /// for every contact.
        /// </summary>
        public bool HasCareOffers
        {
            get
            {
                if (_hasCareOffers is { } known) return known;
                var cares = false;
                foreach (var rule in Rules)
                {
                    if (rule.Enabled && rule.Offer?.Purpose == Decisions.TouchPurposes.Care) cares = true;
                }

                _hasCareOffers = cares;
                return cares;
            }
        }

        /// <summary>
        /// Every enabled top-level rule, in file order, as RulesEngine's ExecuteAllRulesAsync returns
        /// them (composite rules short-circuit like NestedRuleExecutionMode.Performance).
        /// </summary>
        public IReadOnlyList<RuleResult> EvaluateAll(CustomerFacts facts)
        {
            var run = new RuleRun(this, facts);
            var results = new List<RuleResult>(Bound.Rules.Length);
            while (run.NextResult(out var result)) results.Add(result);
            return results;
        }

        /// <summary>The first enabled top-level rule that matches (first-match rulesets), or null.</summary>
        public RuleResult? EvaluateFirstMatch(CustomerFacts facts) => RuleRun.FirstMatch(this, facts)?.Matched;

        /// <summary>
        /// The position in <see cref="Rules"/> of the first enabled top-level rule that matches, or -1:
        /// the decision of a first-match ruleset without building any result object.
        /// </summary>
        public int FirstMatchIndex(CustomerFacts facts) => RuleRun.FirstMatch(this, facts)?.Index ?? -1;

        /// <summary>
        /// Sets <paramref name="matched"/>[i] to whether top-level rule i (of <see cref="Rules"/>) matches;
        /// disabled rules and rules that fail are false. Returns how many match. Allocates nothing unless
        /// the ruleset has params.
        /// </summary>
        public int EvaluateMatches(CustomerFacts facts, bool[] matched)
        {
            if (matched is null) throw new ArgumentNullException(nameof(matched));
            if (matched.Length < Rules.Count) throw new ArgumentException("Needs room for every rule (" + Rules.Count + ").", nameof(matched));
            Array.Clear(matched, 0, Rules.Count);
            var run = new RuleRun(this, facts);
            var count = 0;
            while (run.NextMatch(out var rule))
            {
                matched[rule.Index] = true;
                count++;
            }

            return count;
        }

        /// <summary>
        /// Bound once per ruleset version, on first evaluation (a ruleset with errors, or one only linted,
        /// is never bound). Two threads racing here build equal objects; either may win.
        /// </summary>
        internal BoundRuleset Bound => _bound ??= new BoundRuleset(this);
    }
}
