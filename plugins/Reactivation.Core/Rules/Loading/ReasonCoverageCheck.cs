using System.Collections.Generic;
using Reactivation.Core.Decisions;
using Reactivation.Core.Json;
using Reactivation.Core.Rules.Expressions;

namespace Reactivation.Core.Rules.Loading
{
    /// <summary>
    /// Lint for offers rulesets: a dormancy reason the solution declares (<see cref="DormancyReasons.All"/>) that no
    /// enabled rule names — with <c>customer.DormancyReason == "X"</c> (either order) or in an <c>in (...)</c> list,
    /// nested rules included — while no enabled top-level rule always matches (<c>"Expression": "true"</c>, which gives
    /// everyone an offer whatever their reason). A customer who stopped for that reason gets no offer of their own, and
    /// usually none at all. A warning naming the ruleset and the reasons; the ruleset stays usable. Skipped when the file
    /// has errors: a rule that did not bind says nothing about what it covers.
    /// </summary>
    internal static class ReasonCoverageCheck
    {
        private const string Fact = "DormancyReason";

        public static void Check(string workflowName, JsonString? position, IReadOnlyList<RuleDefinition> rules, DiagnosticList diagnostics)
        {
            if (diagnostics.HasErrors) return;
            var named = new HashSet<string>(System.StringComparer.Ordinal);
            foreach (var rule in rules)
            {
                if (rule.IsCatchAll) return;
                Collect(rule, named);
            }

            var missing = new List<string>();
            foreach (var reason in DormancyReasons.All)
            {
                if (!named.Contains(reason)) missing.Add(reason);
            }

            if (missing.Count == 0) return;
            var first = missing[0];
            diagnostics.Warning(
                DiagnosticCodes.ReasonWithoutOffer,
                position?.Line ?? 0,
                position?.Column ?? 0,
                null,
                "ruleset '" + workflowName + "' has no offer rule for the dormancy reason" + (missing.Count == 1 ? " " : "s ") + string.Join(", ", missing) + ": a customer who stopped for " + (missing.Count == 1 ? "it" : "one of them") + " gets no offer of their own",
                "add a rule for each, e.g. \"Expression\": \"customer.DormancyReason == \\\"" + first + "\\\"\", or end the ruleset with a rule whose Expression is \"true\"");
        }

        private static void Collect(RuleDefinition rule, HashSet<string> named)
        {
            if (!rule.Enabled) return;
            if (rule.Bound is not null) Visit(rule.Bound.Syntax, named);
            foreach (var child in rule.Rules) Collect(child, named);
        }

        private static void Visit(Syntax node, HashSet<string> named)
        {
            if (node.Kind == SyntaxKind.Binary && node.Text == "==")
            {
                var left = node.Children[0];
                var right = node.Children[1];
                if (IsReason(left) && right.Kind == SyntaxKind.StringLiteral) named.Add(right.Text);
                else if (IsReason(right) && left.Kind == SyntaxKind.StringLiteral) named.Add(left.Text);
            }
            else if (node.Kind == SyntaxKind.In && IsReason(node.Children[0]))
            {
                for (var i = 1; i < node.Children.Length; i++)
                {
                    if (node.Children[i].Kind == SyntaxKind.StringLiteral) named.Add(node.Children[i].Text);
                }
            }

            foreach (var child in node.Children) Visit(child, named);
        }

        private static bool IsReason(Syntax node) => node.Kind == SyntaxKind.Fact && node.Text == Fact;
    }
}
