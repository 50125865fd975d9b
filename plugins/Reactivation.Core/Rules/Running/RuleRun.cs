using System;
using System.Collections.Generic;
using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;
using Reactivation.Core.Rules.Expressions;

namespace Reactivation.Core.Rules.Running
{
    /// <summary>
    /// One run of a ruleset for one customer — the one place rules are evaluated. As RulesEngine runs a workflow:
    /// the GlobalParams first (when one fails, every rule fails with its error), then the enabled top-level rules
    /// in file order, each with its LocalParams; a rule that faults (division by zero, .Value of nothing) does not
    /// match. First match: call <see cref="NextMatch"/> once (lifecycle, offers). All matches: call it until it
    /// returns false (contact policy). With a trace list, every rule that matched or failed on the way is traced
    /// with the facts it saw; without one, nothing is allocated. A struct, so a run costs no allocation itself.
    /// </summary>
    internal struct RuleRun
    {
        private static readonly Slot[] NoSlots = Array.Empty<Slot>();

        private readonly BoundRule[] _rules;
        private readonly CustomerFacts _facts;
        private readonly Slot[] _slots;
        private readonly string? _globalError;
        private readonly string? _channel;
        private readonly List<RuleTrace>? _traces;
        private int _next;

        /// <param name="channel">When given, rules whose outcome concerns only other channels are skipped: rules have no side effects, so they need not run.</param>
        /// <param name="traces">Receives a trace for each rule that matched or failed.</param>
        public RuleRun(Ruleset ruleset, CustomerFacts facts, string? channel = null, List<RuleTrace>? traces = null)
        {
            if (ruleset is null) throw new ArgumentNullException(nameof(ruleset));
            if (facts is null) throw new ArgumentNullException(nameof(facts));
            var bound = ruleset.Bound;
            _rules = bound.Rules;
            _facts = facts;
            _slots = ruleset.SlotCount == 0 ? NoSlots : new Slot[ruleset.SlotCount];
            _globalError = bound.Globals.Length == 0 ? null : BoundParam.EvaluateAll(bound.Globals, facts, _slots);
            _channel = channel;
            _traces = traces;
            _next = 0;
        }

        /// <summary>Advances to the next rule that matches; false when no rule after the last one matches.</summary>
        public bool NextMatch(out BoundRule rule)
        {
            // Without traces a failed GlobalParam has nothing left to say: no rule can match.
            if (_globalError is not null && _traces is null) _next = _rules.Length;
            while (_next < _rules.Length)
            {
                var candidate = _rules[_next++];
                if (_channel is not null && !candidate.Rule.Concerns(_channel)) continue;
                var error = _globalError;
                var success = error is null && candidate.Matches(_facts, _slots, out error);
                if (_traces is not null && (success || error is not null)) _traces.Add(Explanation.Trace(candidate, success, error, _facts));
                if (!success) continue;
                rule = candidate;
                return true;
            }

            rule = null!;
            return false;
        }

        /// <summary>
        /// The next rule's result as RulesEngine's RuleResultTree has it — matched or not, with nested results for
        /// composite rules (short-circuited like NestedRuleExecutionMode.Performance); false after the last rule.
        /// </summary>
        public bool NextResult(out RuleResult result)
        {
            while (_next < _rules.Length)
            {
                var candidate = _rules[_next++];
                if (_channel is not null && !candidate.Rule.Concerns(_channel)) continue;
                result = _globalError is null ? candidate.Result(_facts, _slots) : new RuleResult(candidate.Rule, false, _globalError, Array.Empty<RuleResult>());
                return true;
            }

            result = null!;
            return false;
        }

        /// <summary>First match in one call: the first enabled rule that matches, or null.</summary>
        public static BoundRule? FirstMatch(Ruleset ruleset, CustomerFacts facts, List<RuleTrace>? traces = null)
        {
            var run = new RuleRun(ruleset, facts, null, traces);
            return run.NextMatch(out var rule) ? rule : null;
        }
    }
}
