using System.Collections.Generic;
using System.Text;
using Reactivation.Core.Rules.Expressions;

namespace Reactivation.Core.Rules.Loading
{
    /// <summary>
    /// Lint for first-match rulesets (lifecycle, offers): a rule that can never fire because an earlier enabled rule
    /// always matches (<c>"Expression": "true"</c>) or has the same condition — the same expression as written,
    /// spaces and parentheses aside, or the same nested rules. A warning naming both rules; the ruleset stays usable.
    /// Rules with LocalParams are left alone: their condition depends on more than it shows.
    /// </summary>
    internal static class ReachabilityCheck
    {
        public static void Check(IReadOnlyList<RuleDefinition> rules, DiagnosticList diagnostics)
        {
            RuleDefinition? catchAll = null;
            var seen = new Dictionary<string, RuleDefinition>(System.StringComparer.Ordinal);
            foreach (var rule in rules)
            {
                if (!rule.Enabled) continue;
                if (catchAll is not null)
                {
                    diagnostics.Warning(DiagnosticCodes.Unreachable, rule.Line, rule.Column, rule.Name, "this rule can never fire: rule '" + catchAll.Name + "' above always matches (Expression \"true\") and the first match wins", "move '" + catchAll.Name + "' to the end, or disable this rule");
                    continue;
                }

                if (rule.IsCatchAll) catchAll = rule;
                var condition = Condition(rule);
                if (condition is null) continue;
                if (seen.TryGetValue(condition, out var same))
                {
                    diagnostics.Warning(DiagnosticCodes.Unreachable, rule.Line, rule.Column, rule.Name, "this rule can never fire: rule '" + same.Name + "' above has the same condition and the first match wins", "change the condition of one of them, or remove this rule");
                    continue;
                }

                seen.Add(condition, rule);
            }
        }

        /// <summary>The rule's condition in one canonical spelling; null when it cannot be compared (params, errors).</summary>
        private static string? Condition(RuleDefinition rule)
        {
            if (rule.LocalParams.Count != 0) return null;
            if (rule.Operator is { } op)
            {
                var text = new StringBuilder(op == RuleOperator.And || op == RuleOperator.AndAlso ? "AND(" : "OR(");
                foreach (var child in rule.Rules)
                {
                    if (!child.Enabled) continue;
                    var inner = Condition(child);
                    if (inner is null) return null;
                    text.Append(inner).Append(';');
                }

                return text.Append(')').ToString();
            }

            if (rule.Bound is null) return null;
            var spelling = new StringBuilder();
            Write(rule.Bound.Syntax, spelling);
            return spelling.ToString();
        }

        private static void Write(Syntax node, StringBuilder into)
        {
            switch (node.Kind)
            {
                case SyntaxKind.StringLiteral:
                    into.Append('"').Append(node.Text.Replace("\\", "\\\\").Replace("\"", "\\\"")).Append('"');
                    return;
                case SyntaxKind.Fact:
                    into.Append("customer.").Append(node.Text);
                    return;
                case SyntaxKind.IntLiteral:
                case SyntaxKind.RealLiteral:
                case SyntaxKind.DecimalLiteral:
                case SyntaxKind.BoolLiteral:
                case SyntaxKind.NullLiteral:
                case SyntaxKind.Param:
                    into.Append(node.Text);
                    return;
                default:
                    into.Append(node.Kind).Append(':').Append(node.StaticType).Append(node.Text).Append('(');
                    foreach (var child in node.Children)
                    {
                        Write(child, into);
                        into.Append(',');
                    }

                    into.Append(')');
                    return;
            }
        }
    }
}
