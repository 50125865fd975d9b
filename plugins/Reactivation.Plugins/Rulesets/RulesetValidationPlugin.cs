using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Microsoft.Xrm.Sdk;
using Reactivation.Core.Rules;
using Reactivation.Plugins.Pipeline;
using Reactivation.Plugins.Schema;

namespace Reactivation.Plugins.Rulesets
{
    /// <summary>
    /// rx_ruleset Create / Update, PreValidation, synchronous: refuses a definition Core's validator rejects,
    /// with its diagnostics compiler-style (file = the row's name, line, column, rule, message, hint), so the
    /// admin sees on save what to fix; refuses a definition whose WorkflowName is another kind than rx_kind.
    /// A valid definition stamps rx_validationresult (its warnings, or "Valid") and, when the text changed,
    /// the next rx_version into the Target — no organisation-service request.
    /// <para>
    /// PreValidation because it runs before the platform opens the transaction: a refused save costs nothing
    /// and writes nothing. Only an edit of the definition or kind, or switching the row on, is checked; turning
    /// a row off (which the activation step does to the others of its kind) never needs a valid definition, so
    /// a ruleset that a newer validator would reject can always be retired.
    /// </para>
    /// </summary>
    public sealed class RulesetValidationPlugin : PluginBase
    {
        /// <summary>The message lists this many errors; the rest are counted.</summary>
        public const int MaxListedErrors = 10;

        public const string ValidText = "Valid";

        public RulesetValidationPlugin(string? unsecureConfiguration, string? secureConfiguration)
            : base(unsecureConfiguration, secureConfiguration)
        {
        }

        protected override void ExecuteCore(PluginContext context)
        {
            var target = context.GetTarget();
            // Update compares against the row as it was; without the pre-image it would restart the version at 1.
            var before = context.IsMessage("Create") ? null : context.GetPreImage(StepImages.Pre);
            var definitionChanged = target.Contains(RulesetColumns.Definition)
                && !string.Equals(target.GetAttributeValue<string>(RulesetColumns.Definition), before?.GetAttributeValue<string>(RulesetColumns.Definition), StringComparison.Ordinal);
            var kindChanged = target.Contains(RulesetColumns.Kind)
                && target.GetAttributeValue<OptionSetValue>(RulesetColumns.Kind)?.Value != before?.GetAttributeValue<OptionSetValue>(RulesetColumns.Kind)?.Value;
            var active = Merged<bool?>(target, before, RulesetColumns.IsActive) == true;
            var activating = active && before?.GetAttributeValue<bool?>(RulesetColumns.IsActive) != true;
            if (before is not null && !definitionChanged && !kindChanged && !activating)
            {
                context.Trace.Write($"Ruleset {target.Id}: neither definition, kind nor activation changed; nothing to check");
                return;
            }

            var name = Merged<string>(target, before, RulesetColumns.Name);
            var file = string.IsNullOrWhiteSpace(name) ? RulesetColumns.Table : name!.Trim();
            var definition = Merged<string>(target, before, RulesetColumns.Definition);
            if (string.IsNullOrWhiteSpace(definition))
            {
                if (active)
                {
                    throw new InvalidPluginExecutionException(
                        $"Ruleset '{file}' cannot be active without a definition. Paste the ruleset JSON into Definition, or leave Active at No.");
                }

                // A draft row without a definition yet: nothing to validate, nothing that could run.
                target[RulesetColumns.ValidationResult] = "No definition yet.";
                StampVersion(target, before, definitionChanged);
                context.Trace.Write($"Ruleset {target.Id}: saved without a definition (inactive)");
                return;
            }

            var result = RulesetLoader.Load(definition!, file);
            if (result.Ruleset is null)
            {
                context.Trace.Write($"Ruleset {target.Id}: refused, {ErrorCount(result.Diagnostics)} errors, first {TraceValue.Name(FirstErrorCode(result.Diagnostics))}");
                throw new InvalidPluginExecutionException(RefusalMessage(file, result.Diagnostics));
            }

            var definitionKind = result.Ruleset.Kind;
            var kindValue = Merged<OptionSetValue>(target, before, RulesetColumns.Kind);
            if (kindValue is null)
            {
                // Kind left empty: the definition says which it is.
                target[RulesetColumns.Kind] = RulesetColumns.Kinds.Option(definitionKind);
            }
            else if (!RulesetColumns.Kinds.TryName(kindValue, out var rowKind))
            {
                throw new InvalidPluginExecutionException(
                    $"Ruleset '{file}' was not saved: Kind {kindValue.Value.ToString(CultureInfo.InvariantCulture)} is not Lifecycle, ContactPolicy or Offers.");
            }
            else if (rowKind != definitionKind)
            {
                context.Trace.Write($"Ruleset {target.Id}: refused, kind {TraceValue.Name(rowKind.ToString())} but definition {TraceValue.Name(definitionKind.ToString())}");
                throw new InvalidPluginExecutionException(
                    $"Ruleset '{file}' was not saved: its Kind is {rowKind}, but its definition is a {definitionKind} ruleset " +
                    $"(WorkflowName '{result.Ruleset.WorkflowName}'). Set Kind to {definitionKind}, or use a definition whose WorkflowName starts with {rowKind}.");
            }

            target[RulesetColumns.ValidationResult] = ValidationResult(result.Diagnostics);
            StampVersion(target, before, definitionChanged);
            context.Trace.Write($"Ruleset {target.Id}: valid {TraceValue.Name(definitionKind.ToString())} ruleset, {result.Ruleset.Rules.Count} rules, {result.Diagnostics.Count} warnings, version {target.GetAttributeValue<int?>(RulesetColumns.Version) ?? before?.GetAttributeValue<int?>(RulesetColumns.Version) ?? 0}");
        }

        /// <summary>The message the admin sees when the save is refused: the first errors compiler-style, then how many more.</summary>
        internal static string RefusalMessage(string file, IReadOnlyList<RulesetDiagnostic> diagnostics)
        {
            var errors = new List<RulesetDiagnostic>();
            foreach (var diagnostic in diagnostics)
            {
                if (diagnostic.Severity == DiagnosticSeverity.Error)
                {
                    errors.Add(diagnostic);
                }
            }

            var text = new StringBuilder();
            text.Append("Ruleset '").Append(file).Append("' was not saved: its definition has ")
                .Append(errors.Count.ToString(CultureInfo.InvariantCulture)).Append(errors.Count == 1 ? " error." : " errors.");
            for (var i = 0; i < errors.Count && i < MaxListedErrors; i++)
            {
                text.Append('\n').Append(errors[i]);
            }

            if (errors.Count > MaxListedErrors)
            {
                text.Append("\n... and ").Append((errors.Count - MaxListedErrors).ToString(CultureInfo.InvariantCulture))
                    .Append(" more; `reactivation lint` on the file lists them all.");
            }

            return text.ToString();
        }

        private static string ValidationResult(IReadOnlyList<RulesetDiagnostic> diagnostics)
        {
            if (diagnostics.Count == 0)
            {
                return ValidText;
            }

            // A valid ruleset has only warnings: one per line, as `reactivation lint` prints them.
            var text = new StringBuilder();
            foreach (var diagnostic in diagnostics)
            {
                if (text.Length > 0)
                {
                    text.Append('\n');
                }

                text.Append(diagnostic);
            }

            return text.Length <= RulesetColumns.ValidationResultMaxLength
                ? text.ToString()
                : text.ToString(0, RulesetColumns.ValidationResultMaxLength);
        }

        private static void StampVersion(Entity target, Entity? before, bool definitionChanged)
        {
            if (before is null)
            {
                // Create: a row brought from another environment may carry its version; otherwise it starts at 1.
                if ((target.GetAttributeValue<int?>(RulesetColumns.Version) ?? 0) < 1)
                {
                    target[RulesetColumns.Version] = 1;
                }
            }
            else if (definitionChanged)
            {
                // The cache of the active ruleset is keyed by version: every new text gets a new number.
                target[RulesetColumns.Version] = Math.Max(before.GetAttributeValue<int?>(RulesetColumns.Version) ?? 0, 0) + 1;
            }
        }

        private static T? Merged<T>(Entity target, Entity? before, string column) =>
            target.Contains(column) ? target.GetAttributeValue<T>(column) : before is null ? default : before.GetAttributeValue<T>(column);

        private static int ErrorCount(IReadOnlyList<RulesetDiagnostic> diagnostics)
        {
            var count = 0;
            foreach (var diagnostic in diagnostics)
            {
                if (diagnostic.Severity == DiagnosticSeverity.Error)
                {
                    count++;
                }
            }

            return count;
        }

        private static string FirstErrorCode(IReadOnlyList<RulesetDiagnostic> diagnostics)
        {
            foreach (var diagnostic in diagnostics)
            {
                if (diagnostic.Severity == DiagnosticSeverity.Error)
                {
                    return diagnostic.Code;
                }
            }

            return "(none)";
        }
    }
}
