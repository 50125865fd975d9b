using System;
using Reactivation.Core.Json;

namespace Reactivation.Core.Rules.Loading
{
    /// <summary>
    /// Reads the typed fields of one JSON object the way every part of a ruleset is checked: unknown names with
    /// a suggestion, required fields, JSON types and ranges, each problem reported where it is.
    /// </summary>
    internal sealed class FieldReader
    {
        public FieldReader(DiagnosticList diagnostics)
        {
            Diagnostics = diagnostics;
        }

        public DiagnosticList Diagnostics { get; }

        /// <summary>Reports every property of <paramref name="obj"/> that <paramref name="allowed"/> does not list.</summary>
        public void CheckProperties(JsonObject obj, string[] allowed, string? ruleName, string what)
        {
            foreach (var property in obj.Properties)
            {
                if (Array.IndexOf(allowed, property.Name) >= 0) continue;
                string hint;
                if (property.Name == "Actions") hint = "RulesEngine actions are not supported: outcomes are data in Properties (see rules/README.md)";
                else if (property.Name == "WorkflowsToInject") hint = "composing workflows is not supported: keep the ruleset in one file";
                else hint = Names.Suggest(property.Name, allowed) ?? "allowed here: " + string.Join(", ", allowed);
                Diagnostics.ErrorAt(DiagnosticCodes.UnknownProperty, property, ruleName, "unknown property '" + property.Name + "' in " + what, hint);
            }
        }

        /// <summary>A string that must be there and not be empty; null (reported) otherwise.</summary>
        public string? RequiredString(JsonObject obj, string property, string? ruleName, string missingMessage)
        {
            var value = obj[property];
            if (value is null)
            {
                Diagnostics.ErrorAt(DiagnosticCodes.Missing, obj, ruleName, missingMessage, null);
                return null;
            }

            if (value is not JsonString text || text.Value.Length == 0)
            {
                Diagnostics.ErrorAt(DiagnosticCodes.WrongType, value, ruleName, property + " must be a non-empty string", null);
                return null;
            }

            return text.Value;
        }

        /// <summary>A short code (a reason, a team): required, not blank, at most <see cref="Names.MaxLength"/> characters.</summary>
        public string? RequiredCode(JsonObject obj, string property, string ruleName, JsonValue anchor, string hint)
        {
            var value = obj[property];
            if (value is null)
            {
                Diagnostics.ErrorAt(DiagnosticCodes.Missing, anchor, ruleName, property + " is missing", hint);
                return null;
            }

            if (value is not JsonString text || text.Value.Trim().Length == 0 || text.Value.Length > Names.MaxLength)
            {
                Diagnostics.ErrorAt(DiagnosticCodes.WrongType, value, ruleName, property + " must be a short non-empty string", hint);
                return null;
            }

            return text.Value;
        }

        public string? OptionalString(JsonObject obj, string property, string ruleName)
        {
            var value = obj[property];
            if (value is null) return null;
            if (value is not JsonString text)
            {
                Diagnostics.ErrorAt(DiagnosticCodes.WrongType, value, ruleName, property + " must be a string", null);
                return null;
            }

            return text.Value;
        }

        /// <summary>A whole number written without fraction or exponent, within [min, max]; null (reported) otherwise.</summary>
        public int? RequiredInt(JsonObject obj, string property, string? ruleName, JsonValue anchor, int min, int max, string example)
        {
            var value = obj[property];
            if (value is null)
            {
                Diagnostics.ErrorAt(DiagnosticCodes.Missing, anchor, ruleName, property + " is missing", example);
                return null;
            }

            if (value is not JsonNumber number || !number.IsInteger)
            {
                Diagnostics.ErrorAt(DiagnosticCodes.WrongType, value, ruleName, property + " must be a whole number", example);
                return null;
            }

            if (number.Value < min || number.Value > max)
            {
                Diagnostics.ErrorAt(DiagnosticCodes.InvalidValue, value, ruleName, property + " must be between " + min + " and " + max, example);
                return null;
            }

            return (int)number.Value;
        }
    }
}
