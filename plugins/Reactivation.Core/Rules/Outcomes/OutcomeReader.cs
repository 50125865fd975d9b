using System.Collections.Generic;
using Reactivation.Core.Json;
using Reactivation.Core.Rules.Loading;

namespace Reactivation.Core.Rules.Outcomes
{
    /// <summary>
    /// Step 4 of loading: what a top-level rule's SuccessEvent and Properties mean for its kind of ruleset — a stage
    /// (<see cref="LifecycleOutcomeReader"/>), a contact-policy verdict (<see cref="ContactPolicyOutcomeReader"/>) or an
    /// offer with its actions (<see cref="OfferOutcomeReader"/>) — checked and stored on the rule's definition.
    /// </summary>
    internal abstract class OutcomeReader
    {
        private protected OutcomeReader(FieldReader fields)
        {
            Fields = fields;
        }

        protected FieldReader Fields { get; }
        protected DiagnosticList Diagnostics => Fields.Diagnostics;

        public static OutcomeReader For(RulesetKind kind, FieldReader fields, RulesetValidationOptions options)
        {
            switch (kind)
            {
                case RulesetKind.Lifecycle: return new LifecycleOutcomeReader(fields);
                case RulesetKind.ContactPolicy: return new ContactPolicyOutcomeReader(fields);
                default: return new OfferOutcomeReader(fields, options);
            }
        }

        /// <summary>Reads the outcome of every top-level rule that names one (the others were reported by the structure check).</summary>
        public void ReadAll(IReadOnlyList<CheckedRule> rules)
        {
            foreach (var rule in rules)
            {
                if (rule.Source.SuccessEvent is not { } successEvent) continue;
                JsonObject? properties = null;
                if (rule.Source.Properties is { } value)
                {
                    if (value is JsonObject obj) properties = obj;
                    else Diagnostics.ErrorAt(DiagnosticCodes.WrongType, value, rule.Definition.Name, "Properties must be an object", null);
                }

                Read(rule.Definition, successEvent, properties);
            }
        }

        /// <summary>Sets the rule's outcome from its SuccessEvent and Properties (null when absent), reporting what is wrong.</summary>
        protected abstract void Read(RuleDefinition rule, JsonString successEvent, JsonObject? properties);

        protected void ErrorAt(string code, JsonValue value, string? ruleName, string message, string? hint) =>
            Diagnostics.ErrorAt(code, value, ruleName, message, hint);

        protected void CheckProperties(JsonObject obj, string[] allowed, string? ruleName, string what) => Fields.CheckProperties(obj, allowed, ruleName, what);

        protected string? OptionalString(JsonObject obj, string property, string ruleName) => Fields.OptionalString(obj, property, ruleName);
    }
}
