using System;
using System.Collections.Generic;
using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;
using Reactivation.Core.Rules.Expressions;

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
        internal int SlotCount { get; }

        private static readonly Slot[] NoSlots = Array.Empty<Slot>();
        private static readonly BoundParam[] NoParams = Array.Empty<BoundParam>();
        private BoundRuleset? _bound;

        /// <summary>
        /// Every enabled top-level rule, in file order, as RulesEngine's ExecuteAllRulesAsync returns
        /// them (composite rules short-circuit like NestedRuleExecutionMode.Performance).
        /// </summary>
        public IReadOnlyList<RuleResult> EvaluateAll(CustomerFacts facts)
        {
            if (facts is null) throw new ArgumentNullException(nameof(facts));
            var bound = Bound;
            var slots = NewSlots();
            var globalError = EvaluateParams(bound.Globals, facts, slots);
            var rules = bound.Rules;
            var results = new List<RuleResult>(rules.Length);
            for (var i = 0; i < rules.Length; i++)
            {
                var rule = rules[i];
                results.Add(globalError is null ? rule.Result(facts, slots) : new RuleResult(rule.Rule, false, globalError, Array.Empty<RuleResult>()));
            }

            return results;
        }

        /// <summary>The first enabled top-level rule that matches (first-match rulesets), or null.</summary>
        public RuleResult? EvaluateFirstMatch(CustomerFacts facts)
        {
            var index = FirstMatchIndex(facts);
            return index < 0 ? null : Bound.ByIndex[index]!.Matched;
        }

        /// <summary>
        /// The position in <see cref="Rules"/> of the first enabled top-level rule that matches, or -1:
        /// the decision of a first-match ruleset without building any result object.
        /// </summary>
        public int FirstMatchIndex(CustomerFacts facts)
        {
            if (facts is null) throw new ArgumentNullException(nameof(facts));
            var bound = Bound;
            var slots = NewSlots();
            if (EvaluateParams(bound.Globals, facts, slots) is not null) return -1;
            var rules = bound.Rules;
            for (var i = 0; i < rules.Length; i++)
            {
                if (rules[i].Matches(facts, slots, out _)) return rules[i].Index;
            }

            return -1;
        }

        /// <summary>
        /// Sets <paramref name="matched"/>[i] to whether top-level rule i (of <see cref="Rules"/>) matches;
        /// disabled rules and rules that fail are false. Returns how many match. Allocates nothing unless
        /// the ruleset has params.
        /// </summary>
        public int EvaluateMatches(CustomerFacts facts, bool[] matched)
        {
            if (facts is null) throw new ArgumentNullException(nameof(facts));
            if (matched is null) throw new ArgumentNullException(nameof(matched));
            if (matched.Length < Rules.Count) throw new ArgumentException("Needs room for every rule (" + Rules.Count + ").", nameof(matched));
            Array.Clear(matched, 0, Rules.Count);
            var bound = Bound;
            var slots = NewSlots();
            if (EvaluateParams(bound.Globals, facts, slots) is not null) return 0;
            var count = 0;
            var rules = bound.Rules;
            for (var i = 0; i < rules.Length; i++)
            {
                if (rules[i].Matches(facts, slots, out _))
                {
                    matched[rules[i].Index] = true;
                    count++;
                }
            }

            return count;
        }

        /// <summary>The enabled top-level rules, bound to delegates, in file order.</summary>
        internal BoundRule[] BoundRules => Bound.Rules;

        /// <summary>
        /// Bound once per ruleset version, on first evaluation (a ruleset with errors, or one only linted,
        /// is never bound). Two threads racing here build equal objects; either may win.
        /// </summary>
        private BoundRuleset Bound => _bound ??= new BoundRuleset(this);

        private sealed class BoundRuleset
        {
            public BoundRuleset(Ruleset ruleset)
            {
                var rules = ruleset.Rules;
                Globals = BindParams(ruleset.GlobalParams);
                ByIndex = new BoundRule?[rules.Count];
                var enabled = new List<BoundRule>(rules.Count);
                for (var i = 0; i < rules.Count; i++)
                {
                    if (!rules[i].Enabled) continue;
                    var bound = Bind(rules[i], i);
                    ByIndex[i] = bound;
                    enabled.Add(bound);
                }

                Rules = enabled.ToArray();
            }

            public BoundRule[] Rules { get; }
            public BoundRule?[] ByIndex { get; }
            public BoundParam[] Globals { get; }
        }

        /// <summary>Slots for one evaluation (shared empty array when the ruleset has no params).</summary>
        internal Slot[] NewSlots() => SlotCount == 0 ? NoSlots : new Slot[SlotCount];

        /// <summary>Evaluates the GlobalParams into the slots; the error text if one fails (then no rule matches).</summary>
        internal string? EvaluateGlobals(CustomerFacts facts, Slot[] slots) => EvaluateParams(Bound.Globals, facts, slots);

        internal static string? EvaluateParams(BoundParam[] parameters, CustomerFacts facts, Slot[] slots)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                var p = parameters[i];
                try
                {
                    p.Store(facts, slots);
                }
                catch (RuleEvaluationException e)
                {
                    return "param '" + p.Name + "': " + e.Message;
                }
                catch (ArithmeticException e)
                {
                    return "param '" + p.Name + "': " + e.Message;
                }
            }

            return null;
        }

        private static BoundParam[] BindParams(IReadOnlyList<ScopedParamDefinition> parameters)
        {
            if (parameters.Count == 0) return NoParams;
            var bound = new BoundParam[parameters.Count];
            for (var i = 0; i < bound.Length; i++) bound[i] = new BoundParam(parameters[i].Name, parameters[i].Bound.Root.CompileStore(parameters[i].Slot));
            return bound;
        }

        internal static BoundRule Bind(RuleDefinition rule, int index)
        {
            var parameters = BindParams(rule.LocalParams);
            if (rule.Operator is null) return new BoundRule(rule, index, parameters, rule.Bound!.Root.CompileBool(), null);
            var children = new List<BoundRule>(rule.Rules.Count);
            for (var i = 0; i < rule.Rules.Count; i++)
            {
                if (rule.Rules[i].Enabled) children.Add(Bind(rule.Rules[i], i));
            }

            return new BoundRule(rule, index, parameters, null, children.ToArray());
        }
    }

    /// <summary>A param bound to the delegate that stores its value.</summary>
    internal sealed class BoundParam
    {
        public BoundParam(string name, StoreFn store)
        {
            Name = name;
            Store = store;
        }

        public string Name { get; }
        public StoreFn Store { get; }
    }

    /// <summary>
    /// A rule bound once per ruleset version: its condition as a delegate, the results it can give
    /// without an error (shared, immutable), and the facts its explanation shows.
    /// </summary>
    internal sealed class BoundRule
    {
        private static readonly RuleResult[] NoChildren = Array.Empty<RuleResult>();
        private readonly BoundParam[] _params;
        private readonly BoolFn? _condition;
        private readonly BoundRule[]? _children;
        private readonly bool _isAnd;

        public BoundRule(RuleDefinition rule, int index, BoundParam[] parameters, BoolFn? condition, BoundRule[]? children)
        {
            Rule = rule;
            Index = index;
            _params = parameters;
            _condition = condition;
            _children = children;
            _isAnd = rule.Operator == RuleOperator.And || rule.Operator == RuleOperator.AndAlso;
            Matched = new RuleResult(rule, true, null, NoChildren);
            Unmatched = new RuleResult(rule, false, null, NoChildren);
            var facts = new List<FactDefinition>(rule.ReferencedFacts.Count);
            foreach (var name in rule.ReferencedFacts)
            {
                if (FactCatalog.TryGet(name, out var fact)) facts.Add(fact);
            }

            Facts = facts.ToArray();
        }

        public RuleDefinition Rule { get; }
        /// <summary>Position among its siblings (in <see cref="Ruleset.Rules"/> for top-level rules).</summary>
        public int Index { get; }
        public RuleResult Matched { get; }
        public RuleResult Unmatched { get; }
        /// <summary>The facts the rule reads, in order of first appearance, for explanations.</summary>
        public FactDefinition[] Facts { get; }

        /// <summary>
        /// Whether the rule matches; a runtime fault (division by zero, .Value of a missing value) makes it
        /// not match and is reported in <paramref name="error"/>. Composite rules short-circuit; a nested
        /// rule's fault only makes that nested rule false, as in RulesEngine.
        /// </summary>
        public bool Matches(CustomerFacts facts, Slot[] slots, out string? error)
        {
            error = null;
            if (_params.Length != 0)
            {
                error = Ruleset.EvaluateParams(_params, facts, slots);
                if (error is not null) return false;
            }

            if (_condition is not null)
            {
                try
                {
                    return _condition(facts, slots);
                }
                catch (RuleEvaluationException e)
                {
                    error = e.Message;
                    return false;
                }
                catch (ArithmeticException e)
                {
                    error = e.Message;
                    return false;
                }
            }

            var children = _children!;
            for (var i = 0; i < children.Length; i++)
            {
                var success = children[i].Matches(facts, slots, out _);
                if (_isAnd && !success) return false;
                if (!_isAnd && success) return true;
            }

            return _isAnd;
        }

        /// <summary>The result as RulesEngine reports it (nested results for composite rules).</summary>
        public RuleResult Result(CustomerFacts facts, Slot[] slots)
        {
            if (_children is null)
            {
                var success = Matches(facts, slots, out var error);
                if (error is null) return success ? Matched : Unmatched;
                return new RuleResult(Rule, false, error, NoChildren);
            }

            if (_params.Length != 0)
            {
                var paramError = Ruleset.EvaluateParams(_params, facts, slots);
                if (paramError is not null) return new RuleResult(Rule, false, paramError, NoChildren);
            }

            var results = new List<RuleResult>(_children.Length);
            var isSuccess = _isAnd;
            foreach (var child in _children)
            {
                var result = child.Result(facts, slots);
                results.Add(result);
                if (_isAnd && !result.IsSuccess)
                {
                    isSuccess = false;
                    break;
                }

                if (!_isAnd && result.IsSuccess)
                {
                    isSuccess = true;
                    break;
                }
            }

            return new RuleResult(Rule, isSuccess, null, results);
        }
    }
}
