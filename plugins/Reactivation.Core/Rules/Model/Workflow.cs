using System;
using System.Collections.Generic;
using Reactivation.Core.Json;

namespace Reactivation.Core.Rules.Model
{
    /// <summary>
    /// A ruleset file as Microsoft RulesEngine's workflow schema has it — workflow, rules, nested rules, params,
    /// success event and properties — with no domain meaning yet (no stages, verdicts or offers). Each field is
    /// the JSON value as written, so every later check can say where a problem is: null when the property is
    /// absent or was of the wrong JSON type (<see cref="Loading.WorkflowReader"/> has reported that; <c>Has</c> tells the two apart).
    /// </summary>
    internal sealed class Workflow
    {
        public Workflow(JsonObject source)
        {
            Source = source;
        }

        public JsonObject Source { get; }
        public JsonString? WorkflowName { get; set; }
        public JsonValue? RuleExpressionType { get; set; }
        public IReadOnlyList<WorkflowParam> GlobalParams { get; set; } = Array.Empty<WorkflowParam>();
        /// <summary>The Rules array as written (null when absent or not an array).</summary>
        public JsonArray? RulesSource { get; set; }
        /// <summary>
        /// Top-level rules in file order, as far as the 200-rule cap let them be read; an item that is not an
        /// object stays in the list (<see cref="WorkflowRule.IsObject"/> false) so every check sees the same count.
        /// </summary>
        public IReadOnlyList<WorkflowRule> Rules { get; set; } = Array.Empty<WorkflowRule>();

        public bool Has(string property) => Source.Property(property) is not null;
    }

    /// <summary>One rule: a leaf with an Expression, or a composite with an Operator and nested Rules.</summary>
    internal sealed class WorkflowRule
    {
        public WorkflowRule(JsonValue source, int depth)
        {
            Source = source;
            Depth = depth;
        }

        /// <summary>The rule's JSON value; an object unless <see cref="IsObject"/> is false.</summary>
        public JsonValue Source { get; }
        public bool IsObject => Source is JsonObject;
        /// <summary>1 for a top-level rule, 2 for a rule nested in it, ...</summary>
        public int Depth { get; }
        public JsonString? RuleName { get; set; }
        public JsonBoolean? Enabled { get; set; }
        public JsonString? Expression { get; set; }
        public JsonValue? Operator { get; set; }
        public JsonValue? RuleExpressionType { get; set; }
        public JsonString? SuccessEvent { get; set; }
        public JsonValue? Properties { get; set; }
        public IReadOnlyList<WorkflowParam> LocalParams { get; set; } = Array.Empty<WorkflowParam>();
        /// <summary>The nested Rules as written (null when absent); <see cref="Rules"/> holds them as far as the caps let them be read.</summary>
        public JsonValue? RulesSource { get; set; }
        public IReadOnlyList<WorkflowRule> Rules { get; set; } = Array.Empty<WorkflowRule>();

        public bool Has(string property) => Source is JsonObject obj && obj.Property(property) is not null;

        public JsonProperty? Property(string property) => (Source as JsonObject)?.Property(property);
    }

    /// <summary>A GlobalParam or LocalParam: <c>{ "Name", "Expression" }</c>.</summary>
    internal sealed class WorkflowParam
    {
        public WorkflowParam(JsonObject source)
        {
            Source = source;
        }

        public JsonObject Source { get; }
        public JsonString? Name { get; set; }
        public JsonString? Expression { get; set; }

        public bool Has(string property) => Source.Property(property) is not null;
    }
}
