using Reactivation.Core.Facts;
using Reactivation.Core.Rules;

namespace Reactivation.Rules.ReferenceTests;

/// <summary>
/// Core's sandbox interpreter, asked the same question as <see cref="ReferenceEngine"/>: the rule results
/// of every enabled top-level rule, reduced to the winning rule (first-match kinds) or the matching set
/// (contact policy). The reduction is the same code path for both engines so that only evaluation differs.
/// </summary>
internal sealed class InterpreterEngine
{
    private readonly Ruleset ruleset;
    private readonly RulesetKind kind;

    public InterpreterEngine(string json, RulesetKind kind, string sourceName = "ruleset.json")
    {
        ruleset = RulesetLoader.Load(json, sourceName).GetRulesetOrThrow();
        this.kind = kind;
    }

    public RulesetOutcome Evaluate(CustomerFacts customer)
    {
        var results = ruleset.EvaluateAll(customer);
        var errors = results.Where(r => r.Error is not null).Select(r => $"{r.RuleName}: {r.Error}").ToList();
        var matched = results.Where(r => r.IsSuccess).Select(r => r.RuleName);
        List<string> rules = kind == RulesetKind.ContactPolicy
            ? matched.Order(StringComparer.Ordinal).ToList()
            : matched.Take(1).ToList();

        // The first-match path the decision uses (EvaluateFirstMatch stops early) must give the same winner
        // as reducing EvaluateAll; a difference would be an interpreter bug of its own.
        if (kind != RulesetKind.ContactPolicy)
        {
            var first = ruleset.EvaluateFirstMatch(customer)?.RuleName;
            var firstOfAll = rules.Count == 0 ? null : rules[0];
            if (first != firstOfAll)
            {
                errors.Add($"EvaluateFirstMatch chose {first ?? "(none)"} but EvaluateAll's first match is {firstOfAll ?? "(none)"}");
            }
        }

        return new RulesetOutcome(rules, errors);
    }
}
