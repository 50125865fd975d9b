using System;
using System.Collections.Generic;
using Reactivation.Core.Json;
using Reactivation.Core.Rules.Loading;
using Reactivation.Core.Rules.Outcomes;

namespace Reactivation.Core.Rules
{
    /// <summary>Optional catalogues the validator checks names against (e.g. the organisation's offers).</summary>
    public sealed class RulesetValidationOptions
    {
        /// <summary>When set, an Offers SuccessEvent must be one of these.</summary>
        public IReadOnlyCollection<string>? KnownOffers { get; set; }

        /// <summary>When set, a Message.Template must be one of these.</summary>
        public IReadOnlyCollection<string>? KnownMessageTemplates { get; set; }
    }

    /// <summary>What loading a ruleset produced: the ruleset when valid, and every diagnostic (errors and warnings).</summary>
    public sealed class RulesetLoadResult
    {
        internal RulesetLoadResult(Ruleset? ruleset, IReadOnlyList<RulesetDiagnostic> diagnostics)
        {
            Ruleset = ruleset;
            Diagnostics = diagnostics;
        }

        /// <summary>Null when there is at least one error.</summary>
        public Ruleset? Ruleset { get; }
        public IReadOnlyList<RulesetDiagnostic> Diagnostics { get; }
        public bool HasErrors => Ruleset is null;

        public Ruleset GetRulesetOrThrow() => Ruleset ?? throw new RulesetInvalidException(Diagnostics);
    }

    /// <summary>
    /// Loads a ruleset file in the layers of the engines it follows, each in its own class:
    /// <list type="number">
    /// <item>JSON text → <see cref="Json.JsonValue"/>s with positions (<see cref="JsonReader"/>);</item>
    /// <item>JSON → the workflow model, RulesEngine's schema without domain meaning, with unknown properties, JSON
    /// types and size caps checked (<see cref="WorkflowReader"/> → <see cref="Model.Workflow"/>);</item>
    /// <item>structure: required fields, kind, names, leaf or composite, outcomes only on top (<see cref="StructureValidator"/>);</item>
    /// <item>expressions parsed and bound to the facts, with the vocabulary of text facts (<see cref="ExpressionBinder"/>);</item>
    /// <item>outcomes, one reader per kind: stage, verdict, offer (<see cref="OutcomeReader"/>);</item>
    /// <item>lint: rules a first-match ruleset can never reach (<see cref="ReachabilityCheck"/>);</item>
    /// <item>lint: dormancy reasons an offers ruleset has no offer rule for (<see cref="ReasonCoverageCheck"/>).</item>
    /// </list>
    /// Every problem becomes a diagnostic with file, line, column and rule name, sorted by position; nothing here
    /// throws on bad input and nothing recurses without a bound.
    /// </summary>
    public static class RulesetLoader
    {
        public const int MaxFileLength = 4 * 1024 * 1024;
        public const int MaxRules = 200;
        public const int MaxRuleNesting = 4;
        public const int MaxParams = 50;
        public const int MaxNameLength = Names.MaxLength;

        public static RulesetLoadResult Load(string json, string sourceName = "ruleset.json", RulesetValidationOptions? options = null)
        {
            if (json is null) throw new ArgumentNullException(nameof(json));
            var file = sourceName ?? "ruleset.json";
            var diagnostics = new DiagnosticList(file);
            var ruleset = Read(json, file, options ?? new RulesetValidationOptions(), diagnostics);
            var hasErrors = diagnostics.HasErrors;
            return new RulesetLoadResult(hasErrors ? null : ruleset, diagnostics.Sorted());
        }

        private static Ruleset? Read(string json, string file, RulesetValidationOptions options, DiagnosticList diagnostics)
        {
            if (json.Length > MaxFileLength)
            {
                diagnostics.Error(DiagnosticCodes.TooMany, 0, 0, null, "the file is " + json.Length + " characters long; at most " + MaxFileLength + " are allowed", "a ruleset is a few hundred rules at most");
                return null;
            }

            JsonValue root;
            try
            {
                root = JsonReader.Read(json);
            }
            catch (JsonReadException e)
            {
                diagnostics.Error(DiagnosticCodes.JsonSyntax, e.Line, e.Column, null, "invalid JSON: " + e.Message, "check for a missing comma, quote or bracket near this position");
                return null;
            }

            var fields = new FieldReader(diagnostics);
            var workflow = WorkflowReader.Read(root, fields);
            if (workflow is null) return null;
            var checkedWorkflow = StructureValidator.Check(workflow, diagnostics);
            var globals = ExpressionBinder.Bind(checkedWorkflow, diagnostics, out var slotCount);
            var octants = OctantsReader.Read(workflow.Source, checkedWorkflow.Kind, checkedWorkflow.KindKnown, fields);
            var rules = new List<RuleDefinition>(checkedWorkflow.Rules.Count);
            foreach (var rule in checkedWorkflow.Rules) rules.Add(rule.Definition);
            if (checkedWorkflow.KindKnown)
            {
                OutcomeReader.For(checkedWorkflow.Kind, fields, options).ReadAll(checkedWorkflow.Rules);
                if (checkedWorkflow.Kind != RulesetKind.ContactPolicy) ReachabilityCheck.Check(rules, diagnostics);
                if (checkedWorkflow.Kind == RulesetKind.Offers) ReasonCoverageCheck.Check(checkedWorkflow.WorkflowName, workflow.WorkflowName, rules, diagnostics);
            }

            return new Ruleset(checkedWorkflow.Kind, checkedWorkflow.WorkflowName, file, json, rules, globals, slotCount, diagnostics.Warnings()) { Octants = octants };
        }
    }
}
