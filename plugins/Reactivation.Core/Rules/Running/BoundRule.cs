using System;
using System.Collections.Generic;
using Reactivation.Core.Facts;
using Reactivation.Core.Rules.Expressions;

namespace Reactivation.Core.Rules.Running
{
    /// <summary>
    /// A ruleset's rules bound to delegates, once per ruleset version on first evaluation (a ruleset with errors,
    /// or one only linted, is never bound): the enabled top-level rules in file order, and the GlobalParams.
    /// </summary>
    internal sealed class BoundRuleset
    {
        private static readonly BoundParam[] NoParams = Array.Empty<BoundParam>();

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

        /// <summary>The enabled top-level rules, in file order.</summary>
        public BoundRule[] Rules { get; }
        /// <summary>By position in <see cref="Ruleset.Rules"/>; null for disabled rules.</summary>
        public BoundRule?[] ByIndex { get; }
        public BoundParam[] Globals { get; }

        private static BoundParam[] BindParams(IReadOnlyList<ScopedParamDefinition> parameters)
        {
            if (parameters.Count == 0) return NoParams;
            var bound = new BoundParam[parameters.Count];
            for (var i = 0; i < bound.Length; i++) bound[i] = new BoundParam(parameters[i].Name, parameters[i].Bound.Root.CompileStore(parameters[i].Slot));
            return bound;
        }

        private static BoundRule Bind(RuleDefinition rule, int index)
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

        /// <summary>Evaluates the params in order into the slots; the error text if one fails (the rules then fail with it).</summary>
        public static string? EvaluateAll(BoundParam[] parameters, CustomerFacts facts, Slot[] slots)
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
                error = BoundParam.EvaluateAll(_params, facts, slots);
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
                var paramError = BoundParam.EvaluateAll(_params, facts, slots);
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
