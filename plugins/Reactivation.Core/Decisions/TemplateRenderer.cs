using System;
using System.Collections.Generic;
using System.Text;
using Reactivation.Core.Facts;

namespace Reactivation.Core.Decisions
{
    /// <summary>A fault in a template, found when the ruleset is saved.</summary>
    internal sealed class TemplateProblem
    {
        public TemplateProblem(int offset, string message, string hint)
        {
            Offset = offset;
            Message = message;
            Hint = hint;
        }

        public int Offset { get; }
        public string Message { get; }
        public string Hint { get; }
    }

    /// <summary>
    /// Fills <c>{{FactName}}</c> placeholders with fact values (invariant formatting). Only fact names
    /// are allowed, checked when the ruleset is saved; there is no expression language here, no loops,
    /// no access to anything but the facts table.
    /// </summary>
    public static class TemplateRenderer
    {
        public const int MaxTemplateLength = 4000;

        public static string Render(string template, CustomerFacts facts)
        {
            if (template is null) throw new ArgumentNullException(nameof(template));
            if (facts is null) throw new ArgumentNullException(nameof(facts));
            var output = new StringBuilder(template.Length + 16);
            var i = 0;
            while (i < template.Length)
            {
                var open = template.IndexOf("{{", i, StringComparison.Ordinal);
                if (open < 0) break;
                var close = template.IndexOf("}}", open + 2, StringComparison.Ordinal);
                if (close < 0) break;
                var name = template.Substring(open + 2, close - open - 2).Trim();
                output.Append(template, i, open - i);
                if (FactCatalog.TryGet(name, out var fact))
                {
                    var value = fact.FormatValue(facts);
                    output.Append(value == "null" ? "" : value);
                }
                else
                {
                    output.Append(template, open, close + 2 - open);
                }

                i = close + 2;
            }

            output.Append(template, i, template.Length - i);
            return output.ToString();
        }

        /// <summary>Every placeholder that names no fact, every unclosed "{{".</summary>
        internal static IReadOnlyList<TemplateProblem> Check(string template)
        {
            var problems = new List<TemplateProblem>();
            if (template.Length > MaxTemplateLength)
            {
                problems.Add(new TemplateProblem(0, "the text is longer than " + MaxTemplateLength + " characters", "shorten it"));
                return problems;
            }

            var i = 0;
            while (i < template.Length)
            {
                var open = template.IndexOf("{{", i, StringComparison.Ordinal);
                if (open < 0) break;
                var close = template.IndexOf("}}", open + 2, StringComparison.Ordinal);
                if (close < 0)
                {
                    problems.Add(new TemplateProblem(open, "the placeholder is not closed", "write {{FactName}}"));
                    break;
                }

                var name = template.Substring(open + 2, close - open - 2).Trim();
                if (!FactCatalog.TryGet(name, out _))
                {
                    var suggestions = FactCatalog.Suggest(name);
                    problems.Add(new TemplateProblem(
                        open,
                        "unknown template placeholder '{{" + name + "}}'",
                        suggestions.Count > 0 ? "did you mean {{" + string.Join("}} or {{", suggestions) + "}}?" : "placeholders name facts, e.g. {{RemainingSessions}}"));
                }

                i = close + 2;
            }

            return problems;
        }
    }
}
