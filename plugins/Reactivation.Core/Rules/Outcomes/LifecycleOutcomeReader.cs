using System;
using Reactivation.Core.Decisions;
using Reactivation.Core.Json;
using Reactivation.Core.Rules.Loading;

namespace Reactivation.Core.Rules.Outcomes
{
    /// <summary>Lifecycle: the SuccessEvent is a stage; Properties may give the business's own labels for it.</summary>
    internal sealed class LifecycleOutcomeReader : OutcomeReader
    {
        private static readonly string[] LifecycleProps = { "Label", "LabelZh", "Description" };
        private static readonly string[] StageNames = Enum.GetNames(typeof(LifecycleStage));

        public LifecycleOutcomeReader(FieldReader fields)
            : base(fields)
        {
        }

        protected override void Read(RuleDefinition rule, JsonString successEvent, JsonObject? properties)
        {
            var name = successEvent.Value;
            if (Enum.TryParse<LifecycleStage>(name, false, out var stage) && Names.IsIdentifier(name))
            {
                rule.Stage = stage;
            }
            else
            {
                ErrorAt(DiagnosticCodes.UnknownStage, successEvent, rule.Name, "unknown stage '" + name + "'", Names.Suggest(name, StageNames) ?? "the stages are " + string.Join(", ", StageNames));
            }

            if (properties is null) return;
            CheckProperties(properties, LifecycleProps, rule.Name, "lifecycle Properties");
            rule.Label = OptionalString(properties, "Label", rule.Name);
            rule.LabelZh = OptionalString(properties, "LabelZh", rule.Name);
            OptionalString(properties, "Description", rule.Name);
        }
    }
}
