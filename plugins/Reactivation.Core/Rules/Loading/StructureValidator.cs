using System;
using System.Collections.Generic;
using System.Globalization;
using Reactivation.Core.Json;
using Reactivation.Core.Rules.Model;

namespace Reactivation.Core.Rules.Loading
{
    /// <summary>
    /// Step 2 of loading, in the manner of RulesEngine's rule validator: what the workflow must hold beyond JSON
    /// types — required fields, the kind in WorkflowName, names unique and well formed, a rule either a leaf with
    /// an Expression or a composite with an Operator and nested rules, outcomes only on top-level rules.
    /// </summary>
    internal sealed class StructureValidator
    {
        private static readonly string[] ReservedNames = { "customer", "true", "false", "null", "Math", "string", "in", "and", "or", "not", "new", "it", "np", "iif" };

        private readonly DiagnosticList _diagnostics;
        private readonly Dictionary<string, JsonString> _ruleNames = new Dictionary<string, JsonString>(StringComparer.Ordinal);
        private RulesetKind _kind;

        private StructureValidator(DiagnosticList diagnostics)
        {
            _diagnostics = diagnostics;
        }

        public static CheckedWorkflow Check(Workflow workflow, DiagnosticList diagnostics) => new StructureValidator(diagnostics).CheckWorkflow(workflow);

        private CheckedWorkflow CheckWorkflow(Workflow workflow)
        {
            var name = "";
            var kindKnown = false;
            if (!workflow.Has("WorkflowName"))
            {
                _diagnostics.ErrorAt(DiagnosticCodes.Missing, workflow.Source, null, "WorkflowName is missing", "add \"WorkflowName\": \"Lifecycle\" (or ContactPolicy, Offers)");
            }
            else if (workflow.WorkflowName is { } text)
            {
                name = text.Value;
                kindKnown = TryKind(name, out _kind);
                if (!kindKnown)
                {
                    _diagnostics.ErrorAt(DiagnosticCodes.InvalidValue, text, null, "WorkflowName '" + name + "' does not start with Lifecycle, ContactPolicy or Offers", "name the kind first, optionally with a suffix: \"Lifecycle.BeautySalon\"");
                }
            }

            CheckExpressionType(workflow.RuleExpressionType, null);
            var globals = CheckParams(workflow.GlobalParams, null);
            if (!workflow.Has("Rules"))
            {
                _diagnostics.ErrorAt(DiagnosticCodes.Missing, workflow.Source, null, "Rules is missing", "add \"Rules\": [ { \"RuleName\": ..., \"Expression\": ..., \"SuccessEvent\": ... } ]");
            }
            else if (workflow.RulesSource is { Count: 0 } empty)
            {
                _diagnostics.ErrorAt(DiagnosticCodes.Missing, empty, null, "Rules is empty", "add at least one rule");
            }

            return new CheckedWorkflow(name, _kind, kindKnown, globals, CheckRules(workflow.Rules));
        }

        private static bool TryKind(string workflowName, out RulesetKind kind)
        {
            foreach (RulesetKind candidate in new[] { RulesetKind.Lifecycle, RulesetKind.ContactPolicy, RulesetKind.Offers })
            {
                var prefix = candidate.ToString();
                if (workflowName == prefix || (workflowName.StartsWith(prefix + ".", StringComparison.Ordinal) && workflowName.Length > prefix.Length + 1))
                {
                    kind = candidate;
                    return true;
                }
            }

            kind = RulesetKind.Lifecycle;
            return false;
        }

        private List<CheckedRule> CheckRules(IReadOnlyList<WorkflowRule> rules)
        {
            var list = new List<CheckedRule>(rules.Count);
            foreach (var rule in rules)
            {
                if (rule.IsObject) list.Add(CheckRule(rule));
            }

            return list;
        }

        private CheckedRule CheckRule(WorkflowRule rule)
        {
            var source = (JsonObject)rule.Source;
            string? name = null;
            if (!rule.Has("RuleName"))
            {
                _diagnostics.ErrorAt(DiagnosticCodes.Missing, source, null, "a rule has no RuleName", "add \"RuleName\": \"...\" (unique in the file)");
            }
            else if (rule.RuleName is { } text)
            {
                name = text.Value;
                if (name.Length > Names.MaxLength) _diagnostics.ErrorAt(DiagnosticCodes.InvalidValue, text, null, "RuleName is longer than " + Names.MaxLength + " characters", "shorten it");
                if (_ruleNames.TryGetValue(name, out var first))
                {
                    _diagnostics.ErrorAt(DiagnosticCodes.DuplicateName, text, name, "the rule name '" + name + "' is already used on line " + first.Line.ToString(CultureInfo.InvariantCulture), "rule names must be unique in the file; rename one of them");
                }
                else
                {
                    _ruleNames.Add(name, text);
                }
            }

            var definition = new RuleDefinition(name ?? "") { Line = source.Line, Column = source.Column };
            CheckExpressionType(rule.RuleExpressionType, name);
            if (rule.Enabled is { } enabled) definition.Enabled = enabled.Value;
            var localParams = CheckParams(rule.LocalParams, name);

            var children = new List<CheckedRule>();
            if (rule.Operator is not null || rule.RulesSource is not null)
            {
                if (rule.Property("Expression") is { } expression) _diagnostics.ErrorAt(DiagnosticCodes.InvalidValue, expression.Value, name, "a rule with Operator/Rules cannot also have an Expression", "move the condition into a nested rule");
                if (rule.Operator is null) _diagnostics.ErrorAt(DiagnosticCodes.Missing, source, name, "nested Rules need an Operator", "add \"Operator\": \"AndAlso\" (or And, Or, OrElse)");
                else if (rule.Operator is not JsonString op || !TryOperator(op.Value, out var parsed)) _diagnostics.ErrorAt(DiagnosticCodes.InvalidValue, rule.Operator, name, "Operator must be And, AndAlso, Or or OrElse", "spelling and case matter");
                else definition.Operator = parsed;
                if (rule.RulesSource is null) _diagnostics.ErrorAt(DiagnosticCodes.Missing, source, name, "an Operator needs nested Rules", "add \"Rules\": [ ... ]");
                children = CheckRules(rule.Rules);
                var anyEnabled = false;
                foreach (var child in children) anyEnabled |= child.Definition.Enabled;
                if (!anyEnabled && children.Count > 0) _diagnostics.ErrorAt(DiagnosticCodes.InvalidValue, rule.RulesSource!, name, "every nested rule is disabled", "enable one or disable the parent");
                definition.Rules = children.ConvertAll(c => c.Definition);
            }
            else if (!rule.Has("Expression"))
            {
                _diagnostics.ErrorAt(DiagnosticCodes.Missing, source, name, "the rule has no Expression", "add \"Expression\": \"customer.PurchaseCount == 0\" (or \"true\")");
            }
            else if (rule.Expression is { } condition)
            {
                definition.Expression = condition.Value;
            }

            if (rule.Depth > 1)
            {
                if (rule.Property("SuccessEvent") is { } successEvent) _diagnostics.ErrorAt(DiagnosticCodes.UnknownProperty, successEvent, name, "only top-level rules carry a SuccessEvent; nested rules only decide whether their parent matches", "move SuccessEvent to the top-level rule");
                if (rule.Property("Properties") is { } properties) _diagnostics.ErrorAt(DiagnosticCodes.UnknownProperty, properties, name, "only top-level rules carry Properties", "move Properties to the top-level rule");
            }
            else if (!rule.Has("SuccessEvent"))
            {
                _diagnostics.ErrorAt(DiagnosticCodes.Missing, source, name, "the rule has no SuccessEvent", _kind == RulesetKind.Lifecycle ? "name the stage: \"SuccessEvent\": \"Silent\"" : _kind == RulesetKind.ContactPolicy ? "name the verdict: Block, Defer, Cap, Escalation or Assign" : "name the offer: \"SuccessEvent\": \"WinBackVoucher\"");
            }
            else
            {
                definition.SuccessEvent = rule.SuccessEvent?.Value;
            }

            return new CheckedRule(rule, definition, localParams, children);
        }

        private List<CheckedParam> CheckParams(IReadOnlyList<WorkflowParam> parameters, string? ruleName)
        {
            var list = new List<CheckedParam>(parameters.Count);
            foreach (var parameter in parameters)
            {
                if (!parameter.Has("Name")) _diagnostics.ErrorAt(DiagnosticCodes.Missing, parameter.Source, ruleName, "a param needs a Name", null);
                if (!parameter.Has("Expression")) _diagnostics.ErrorAt(DiagnosticCodes.Missing, parameter.Source, ruleName, "a param needs an Expression", null);
                if (parameter.Name is not { } name || parameter.Expression is not { } expression) continue;
                if (!Names.IsIdentifier(name.Value) || Array.IndexOf(ReservedNames, name.Value) >= 0)
                {
                    _diagnostics.ErrorAt(DiagnosticCodes.InvalidValue, name, ruleName, "'" + name.Value + "' cannot name a param", "use letters, digits and '_', starting with a letter, and not a reserved word");
                    continue;
                }

                list.Add(new CheckedParam(name, expression));
            }

            return list;
        }

        private void CheckExpressionType(JsonValue? value, string? ruleName)
        {
            if (value is not null && (value is not JsonString text || text.Value != "LambdaExpression"))
            {
                _diagnostics.ErrorAt(DiagnosticCodes.InvalidValue, value, ruleName, "RuleExpressionType must be \"LambdaExpression\"", "or leave it out");
            }
        }

        private static bool TryOperator(string text, out RuleOperator op)
        {
            switch (text)
            {
                case "And": op = RuleOperator.And; return true;
                case "AndAlso": op = RuleOperator.AndAlso; return true;
                case "Or": op = RuleOperator.Or; return true;
                case "OrElse": op = RuleOperator.OrElse; return true;
                default: op = RuleOperator.And; return false;
            }
        }
    }
}
