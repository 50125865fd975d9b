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
        internal Ruleset(RulesetKind kind, string workflowName, string sourceName, string contentHash, IReadOnlyList<RuleDefinition> rules, IReadOnlyList<ScopedParamDefinition> globalParams, int slotCount, IReadOnlyList<RulesetDiagnostic> warnings)
        {
            Kind = kind;
            WorkflowName = workflowName;
            SourceName = sourceName;
            ContentHash = contentHash;
            Rules = rules;
            GlobalParams = globalParams;
            SlotCount = slotCount;
            Warnings = warnings;
        }

        public RulesetKind Kind { get; }
        public string WorkflowName { get; }
        public string SourceName { get; }
        /// <summary>SHA-256 of the JSON text (lower-case hex): the version key the cache and the CRM use.</summary>
        public string ContentHash { get; }
        /// <summary>Top-level rules in file order (disabled ones included; they never match).</summary>
        public IReadOnlyList<RuleDefinition> Rules { get; }
        public IReadOnlyList<ScopedParamDefinition> GlobalParams { get; }
        public IReadOnlyList<RulesetDiagnostic> Warnings { get; }
        internal int SlotCount { get; }

        /// <summary>
        /// Every enabled top-level rule, in file order, as RulesEngine's ExecuteAllRulesAsync returns
        /// them (composite rules short-circuit like NestedRuleExecutionMode.Performance).
        /// </summary>
        public IReadOnlyList<RuleResult> EvaluateAll(CustomerFacts facts)
        {
            if (facts is null) throw new ArgumentNullException(nameof(facts));
            var context = new EvalContext(facts, SlotCount);
            var globalError = EvaluateParams(GlobalParams, context);
            var results = new List<RuleResult>(Rules.Count);
            foreach (var rule in Rules)
            {
                if (!rule.Enabled) continue;
                results.Add(globalError is null ? Evaluate(rule, context) : new RuleResult(rule, false, globalError, Array.Empty<RuleResult>()));
            }

            return results;
        }

        /// <summary>The first enabled top-level rule that matches (first-match rulesets), or null.</summary>
        public RuleResult? EvaluateFirstMatch(CustomerFacts facts) => EvaluateFirstMatch(facts, null);

        internal RuleResult? EvaluateFirstMatch(CustomerFacts facts, List<RuleResult>? errors)
        {
            if (facts is null) throw new ArgumentNullException(nameof(facts));
            var context = new EvalContext(facts, SlotCount);
            if (EvaluateParams(GlobalParams, context) is not null) return null;
            foreach (var rule in Rules)
            {
                if (!rule.Enabled) continue;
                var result = Evaluate(rule, context);
                if (result.IsSuccess) return result;
                if (result.Error is not null) errors?.Add(result);
            }

            return null;
        }

        private static string? EvaluateParams(IReadOnlyList<ScopedParamDefinition> parameters, EvalContext context)
        {
            foreach (var p in parameters)
            {
                try
                {
                    ParamRead.Store(p.Bound.Root, context.Slots[p.Slot], context);
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

        private static RuleResult Evaluate(RuleDefinition rule, EvalContext context)
        {
            var paramError = EvaluateParams(rule.LocalParams, context);
            if (paramError is not null) return new RuleResult(rule, false, paramError, Array.Empty<RuleResult>());
            if (rule.Operator is null)
            {
                try
                {
                    return new RuleResult(rule, rule.Bound!.Root.Bool(context), null, Array.Empty<RuleResult>());
                }
                catch (RuleEvaluationException e)
                {
                    return new RuleResult(rule, false, e.Message, Array.Empty<RuleResult>());
                }
                catch (ArithmeticException e)
                {
                    return new RuleResult(rule, false, e.Message, Array.Empty<RuleResult>());
                }
            }

            var isAnd = rule.Operator == RuleOperator.And || rule.Operator == RuleOperator.AndAlso;
            var children = new List<RuleResult>(rule.Rules.Count);
            var success = isAnd;
            foreach (var child in rule.Rules)
            {
                if (!child.Enabled) continue;
                var result = Evaluate(child, context);
                children.Add(result);
                if (isAnd && !result.IsSuccess)
                {
                    success = false;
                    break;
                }

                if (!isAnd && result.IsSuccess)
                {
                    success = true;
                    break;
                }
            }

            return new RuleResult(rule, success, null, children);
        }
    }
}
