using System.Collections.Generic;
using Reactivation.Core.Json;
using Reactivation.Core.Rules.Model;

namespace Reactivation.Core.Rules.Loading
{
    /// <summary>What the structure check hands on: the kind, and every rule and param with its checked values.</summary>
    internal sealed class CheckedWorkflow
    {
        public CheckedWorkflow(string workflowName, RulesetKind kind, bool kindKnown, IReadOnlyList<CheckedParam> globalParams, IReadOnlyList<CheckedRule> rules)
        {
            WorkflowName = workflowName;
            Kind = kind;
            KindKnown = kindKnown;
            GlobalParams = globalParams;
            Rules = rules;
        }

        /// <summary>Empty when missing or not a string.</summary>
        public string WorkflowName { get; }
        /// <summary>From the WorkflowName prefix; Lifecycle when unknown (then <see cref="KindKnown"/> is false and no outcome is read).</summary>
        public RulesetKind Kind { get; }
        public bool KindKnown { get; }
        public IReadOnlyList<CheckedParam> GlobalParams { get; }
        public IReadOnlyList<CheckedRule> Rules { get; }
    }

    /// <summary>
    /// One rule object: its <see cref="RuleDefinition"/> as far as the structure decides it (name, enabled,
    /// operator, position), the params usable for binding, and its nested rules in file order.
    /// </summary>
    internal sealed class CheckedRule
    {
        public CheckedRule(WorkflowRule source, RuleDefinition definition, IReadOnlyList<CheckedParam> localParams, IReadOnlyList<CheckedRule> rules)
        {
            Source = source;
            Definition = definition;
            LocalParams = localParams;
            Rules = rules;
        }

        public WorkflowRule Source { get; }
        public RuleDefinition Definition { get; }
        /// <summary>Params whose name and expression passed the checks (the others are reported and skipped).</summary>
        public IReadOnlyList<CheckedParam> LocalParams { get; }
        public IReadOnlyList<CheckedRule> Rules { get; }

        /// <summary>A leaf's condition to bind; null for a composite, or when it is missing or not a string.</summary>
        public JsonString? Expression => Source.Expression;
    }

    /// <summary>A param with a valid name and an expression to bind.</summary>
    internal sealed class CheckedParam
    {
        public CheckedParam(JsonString name, JsonString expression)
        {
            Name = name;
            Expression = expression;
        }

        public JsonString Name { get; }
        public JsonString Expression { get; }
    }
}
