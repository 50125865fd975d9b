using System.Collections.Generic;

namespace Reactivation.Core.Rules.Loading
{
    /// <summary>
    /// Lint for first-match rulesets (lifecycle, offers): a rule after an enabled rule that always matches
    /// (<c>"Expression": "true"</c>) can never fire. A warning naming both rules; the ruleset stays usable.
    /// </summary>
    internal static class ReachabilityCheck
    {
        public static void Check(IReadOnlyList<RuleDefinition> rules, DiagnosticList diagnostics)
        {
            RuleDefinition? catchAll = null;
            foreach (var rule in rules)
            {
                if (!rule.Enabled) continue;
                if (catchAll is not null)
                {
                    diagnostics.Warning(DiagnosticCodes.Unreachable, rule.Line, rule.Column, rule.Name, "this rule can never fire: rule '" + catchAll.Name + "' above always matches (Expression \"true\") and the first match wins", "move '" + catchAll.Name + "' to the end, or disable this rule");
                    continue;
                }

                if (rule.IsCatchAll) catchAll = rule;
            }
        }
    }
}
