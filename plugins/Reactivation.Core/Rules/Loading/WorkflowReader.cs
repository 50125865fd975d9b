using System.Collections.Generic;
using Reactivation.Core.Json;
using Reactivation.Core.Rules.Model;

namespace Reactivation.Core.Rules.Loading
{
    /// <summary>
    /// Step 1 of loading: the JSON document becomes a <see cref="Workflow"/>. It checks what a deserializer
    /// would — no property outside RulesEngine's schema, lists that are arrays of objects, fields of the right
    /// JSON type — and the size caps (rules in a file, nesting, params), beyond which it stops reading. What the
    /// values mean is for the later steps.
    /// </summary>
    internal sealed class WorkflowReader
    {
        private static readonly string[] WorkflowProperties = { "$schema", "WorkflowName", "Rules", "GlobalParams", "RuleExpressionType", OctantsReader.Property };
        private static readonly string[] RuleProperties = { "RuleName", "Expression", "SuccessEvent", "Operator", "Rules", "LocalParams", "Properties", "Enabled", "ErrorMessage", "RuleExpressionType" };
        private static readonly string[] ParamProperties = { "Name", "Expression" };

        private readonly FieldReader _fields;
        private int _ruleCount;

        private WorkflowReader(FieldReader fields)
        {
            _fields = fields;
        }

        private DiagnosticList Diagnostics => _fields.Diagnostics;

        /// <summary>The workflow, or null when the document is not a JSON object (reported).</summary>
        public static Workflow? Read(JsonValue root, FieldReader fields)
        {
            if (root is not JsonObject source)
            {
                fields.Diagnostics.ErrorAt(DiagnosticCodes.WrongType, root, null, "a ruleset must be a JSON object", "start with { \"WorkflowName\": \"Lifecycle\", \"Rules\": [ ... ] }");
                return null;
            }

            return new WorkflowReader(fields).ReadWorkflow(source);
        }

        private Workflow ReadWorkflow(JsonObject source)
        {
            var workflow = new Workflow(source);
            _fields.CheckProperties(source, WorkflowProperties, null, "workflow");
            var name = source["WorkflowName"];
            if (name is JsonString text) workflow.WorkflowName = text;
            else if (name is not null) Diagnostics.ErrorAt(DiagnosticCodes.WrongType, name, null, "WorkflowName must be a string", "e.g. \"Lifecycle\"");
            workflow.RuleExpressionType = source["RuleExpressionType"];
            workflow.GlobalParams = ReadParams(source["GlobalParams"], null, "GlobalParams");

            var rules = source["Rules"];
            if (rules is null) return workflow;
            if (rules is not JsonArray array)
            {
                Diagnostics.ErrorAt(DiagnosticCodes.WrongType, rules, null, "Rules must be an array", "\"Rules\": [ { ... } ]");
                return workflow;
            }

            workflow.RulesSource = array;
            var list = new List<WorkflowRule>(array.Count);
            foreach (var item in array.Items)
            {
                list.Add(ReadRule(item, 1));
                if (_ruleCount > RulesetLoader.MaxRules)
                {
                    Diagnostics.ErrorAt(DiagnosticCodes.TooMany, item, null, "the ruleset has more than " + RulesetLoader.MaxRules + " rules", "split it or simplify");
                    break;
                }
            }

            workflow.Rules = list;
            return workflow;
        }

        private List<WorkflowParam> ReadParams(JsonValue? value, string? ruleName, string what)
        {
            var result = new List<WorkflowParam>();
            if (value is null) return result;
            if (value is not JsonArray array)
            {
                Diagnostics.ErrorAt(DiagnosticCodes.WrongType, value, ruleName, what + " must be an array of { \"Name\", \"Expression\" }", "\"" + what + "\": [ { \"Name\": \"gap\", \"Expression\": \"customer.DaysSinceLastPurchase\" } ]");
                return result;
            }

            if (array.Count > RulesetLoader.MaxParams)
            {
                Diagnostics.ErrorAt(DiagnosticCodes.TooMany, array, ruleName, what + " has more than " + RulesetLoader.MaxParams + " params", "simplify");
                return result;
            }

            foreach (var item in array.Items)
            {
                if (item is not JsonObject source)
                {
                    Diagnostics.ErrorAt(DiagnosticCodes.WrongType, item, ruleName, "each of " + what + " must be an object { \"Name\", \"Expression\" }", null);
                    continue;
                }

                _fields.CheckProperties(source, ParamProperties, ruleName, "param");
                result.Add(new WorkflowParam(source)
                {
                    Name = NonEmptyString(source, "Name", ruleName),
                    Expression = NonEmptyString(source, "Expression", ruleName),
                });
            }

            return result;
        }

        private WorkflowRule ReadRule(JsonValue value, int depth)
        {
            _ruleCount++;
            var rule = new WorkflowRule(value, depth);
            if (value is not JsonObject source)
            {
                Diagnostics.ErrorAt(DiagnosticCodes.WrongType, value, null, "a rule must be a JSON object", "{ \"RuleName\": \"Lost\", \"Expression\": \"...\", \"SuccessEvent\": \"Lost\" }");
                return rule;
            }

            var name = source["RuleName"];
            if (name is JsonString text && text.Value.Trim().Length > 0) rule.RuleName = text;
            else if (name is not null) Diagnostics.ErrorAt(DiagnosticCodes.WrongType, name, null, "RuleName must be a non-empty string", null);
            var ruleName = rule.RuleName?.Value;

            _fields.CheckProperties(source, RuleProperties, ruleName, "rule");
            rule.RuleExpressionType = source["RuleExpressionType"];
            var enabled = source["Enabled"];
            if (enabled is JsonBoolean flag) rule.Enabled = flag;
            else if (enabled is not null) Diagnostics.ErrorAt(DiagnosticCodes.WrongType, enabled, ruleName, "Enabled must be true or false", null);
            var errorMessage = source["ErrorMessage"];
            if (errorMessage is not null && errorMessage is not JsonString) Diagnostics.ErrorAt(DiagnosticCodes.WrongType, errorMessage, ruleName, "ErrorMessage must be a string", null);
            rule.LocalParams = ReadParams(source["LocalParams"], ruleName, "LocalParams");
            rule.Operator = source["Operator"];

            var nested = source["Rules"];
            if (rule.Operator is not null || nested is not null)
            {
                // A composite: an Expression beside it is a structure error of its own (the validator's), whatever its type.
                rule.RulesSource = nested;
                if (nested is not null) rule.Rules = ReadNested(nested, depth, ruleName);
            }
            else
            {
                var expression = source["Expression"];
                if (expression is JsonString condition) rule.Expression = condition;
                else if (expression is not null) Diagnostics.ErrorAt(DiagnosticCodes.WrongType, expression, ruleName, "Expression must be a string", "quote it: \"Expression\": \"customer.DaysSinceLastPurchase > 45\"");
            }

            // A nested rule may carry no outcome at all: the validator reports the property, whatever its type.
            rule.Properties = source["Properties"];
            var successEvent = source["SuccessEvent"];
            if (depth == 1)
            {
                if (successEvent is JsonString outcome) rule.SuccessEvent = outcome;
                else if (successEvent is not null) Diagnostics.ErrorAt(DiagnosticCodes.WrongType, successEvent, ruleName, "SuccessEvent must be a string", null);
            }

            return rule;
        }

        private List<WorkflowRule> ReadNested(JsonValue nested, int depth, string? ruleName)
        {
            var list = new List<WorkflowRule>();
            if (nested is not JsonArray children || children.Count == 0)
            {
                Diagnostics.ErrorAt(DiagnosticCodes.WrongType, nested, ruleName, "Rules must be a non-empty array", null);
                return list;
            }

            if (depth >= RulesetLoader.MaxRuleNesting)
            {
                Diagnostics.ErrorAt(DiagnosticCodes.TooMany, nested, ruleName, "rules nest deeper than " + RulesetLoader.MaxRuleNesting + " levels", "flatten the rule");
                return list;
            }

            foreach (var child in children.Items)
            {
                if (_ruleCount > RulesetLoader.MaxRules) break;
                list.Add(ReadRule(child, depth + 1));
            }

            return list;
        }

        private JsonString? NonEmptyString(JsonObject source, string property, string? ruleName)
        {
            var value = source[property];
            if (value is JsonString text && text.Value.Length > 0) return text;
            if (value is not null) Diagnostics.ErrorAt(DiagnosticCodes.WrongType, value, ruleName, property + " must be a non-empty string", null);
            return null;
        }
    }
}
