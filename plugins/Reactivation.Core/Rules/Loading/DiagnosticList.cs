using System.Collections.Generic;
using Reactivation.Core.Json;

namespace Reactivation.Core.Rules.Loading
{
    /// <summary>
    /// The problems one load finds, placed on the JSON they concern. Containers and strings are placed on their
    /// first character, numbers and <c>true</c> / <c>false</c> / <c>null</c> on their last (where Newtonsoft's line
    /// information put them, which the diagnostics have always shown), properties on their name.
    /// </summary>
    internal sealed class DiagnosticList
    {
        private readonly List<RulesetDiagnostic> _items = new List<RulesetDiagnostic>();

        public DiagnosticList(string file)
        {
            File = file;
        }

        public string File { get; }

        public bool HasErrors
        {
            get
            {
                foreach (var d in _items)
                {
                    if (d.Severity == DiagnosticSeverity.Error) return true;
                }

                return false;
            }
        }

        public void Error(string code, int line, int column, string? ruleName, string message, string? hint) =>
            Add(DiagnosticSeverity.Error, code, line, column, ruleName, message, hint);

        public void Warning(string code, int line, int column, string? ruleName, string message, string? hint) =>
            Add(DiagnosticSeverity.Warning, code, line, column, ruleName, message, hint);

        public void ErrorAt(string code, JsonValue value, string? ruleName, string message, string? hint) =>
            Error(code, value.Line, ColumnOf(value), ruleName, message, hint);

        public void ErrorAt(string code, JsonProperty property, string? ruleName, string message, string? hint) =>
            Error(code, property.Line, property.Column, ruleName, message, hint);

        /// <summary>Warnings only, in the order found (what <see cref="Ruleset.Warnings"/> keeps).</summary>
        public List<RulesetDiagnostic> Warnings() => _items.FindAll(d => d.Severity == DiagnosticSeverity.Warning);

        /// <summary>Every diagnostic by position; equal positions keep the order they were found in.</summary>
        public List<RulesetDiagnostic> Sorted()
        {
            var list = new List<RulesetDiagnostic>(_items);

            // Insertion sort is stable (List.Sort is not) and the lists are short.
            for (var i = 1; i < list.Count; i++)
            {
                var item = list[i];
                var j = i - 1;
                while (j >= 0 && (list[j].Line > item.Line || (list[j].Line == item.Line && list[j].Column > item.Column)))
                {
                    list[j + 1] = list[j];
                    j--;
                }

                list[j + 1] = item;
            }

            return list;
        }

        private static int ColumnOf(JsonValue value)
        {
            switch (value)
            {
                case JsonNumber number: return number.EndColumn;
                case JsonBoolean flag: return flag.EndColumn;
                case JsonNull nothing: return nothing.EndColumn;
                default: return value.Column;
            }
        }

        private void Add(DiagnosticSeverity severity, string code, int line, int column, string? ruleName, string message, string? hint) =>
            _items.Add(new RulesetDiagnostic(severity, code, File, line, column, string.IsNullOrEmpty(ruleName) ? null : ruleName, message, hint));
    }
}
