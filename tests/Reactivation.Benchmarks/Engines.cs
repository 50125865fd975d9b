using System.Text.Json;
using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;
using Reactivation.Core.Rules;
using RulesEngine.Models;

namespace Reactivation.Benchmarks;

/// <summary>The three default rulesets loaded by Core's interpreter.</summary>
public sealed class InterpreterRulesets
{
    public InterpreterRulesets(string[] json)
    {
        Lifecycle = RulesetLoader.Load(json[0], "lifecycle.json").GetRulesetOrThrow();
        ContactPolicy = RulesetLoader.Load(json[1], "contact-policy.json").GetRulesetOrThrow();
        Offers = RulesetLoader.Load(json[2], "offers.json").GetRulesetOrThrow();
    }

    public Ruleset Lifecycle { get; }
    public Ruleset ContactPolicy { get; }
    public Ruleset Offers { get; }

    /// <summary>The same work as RulesEngine's ExecuteAllRulesAsync on each ruleset: every rule's result.</summary>
    public int RuleResults(CustomerFacts c) =>
        Lifecycle.EvaluateAll(c).Count + ContactPolicy.EvaluateAll(c).Count + Offers.EvaluateAll(c).Count;

    private readonly bool[] policyMatches = new bool[64];

    /// <summary>
    /// Like the hand-written floor: the first-match rule index of lifecycle and offers and the bit set of
    /// matching contact-policy rules, no result objects.
    /// </summary>
    public int MatchingRules(CustomerFacts c)
    {
        ContactPolicy.EvaluateMatches(c, policyMatches);
        var bits = 0;
        for (var i = 0; i < ContactPolicy.Rules.Count; i++)
        {
            if (policyMatches[i]) bits |= 1 << i;
        }

        return Lifecycle.FirstMatchIndex(c) + bits + Offers.FirstMatchIndex(c);
    }

    /// <summary>What the plugin asks: stage, policy verdicts with explanations, offer (first match stops early).</summary>
    public int Decision(CustomerFacts c)
    {
        var stage = LifecycleEvaluator.Evaluate(Lifecycle, c);
        var policy = ContactPolicyEvaluator.Evaluate(ContactPolicy, c);
        var offer = OfferEvaluator.Evaluate(Offers, c);
        return (stage.Stage is null ? 0 : 1) + policy.Verdicts.Count + (offer is null ? 0 : 1);
    }
}

/// <summary>The three default rulesets compiled by Microsoft RulesEngine 6.0.1 (rules-engines.md §4.4 settings).</summary>
public sealed class ReferenceRulesets
{
    private readonly RulesEngine.RulesEngine engine;
    private readonly string[] names;

    public ReferenceRulesets(string[] json)
    {
        var workflows = json.Select(j => JsonSerializer.Deserialize<Workflow>(j)!).ToArray();
        names = workflows.Select(w => w.WorkflowName).ToArray();
        engine = new RulesEngine.RulesEngine(workflows, new ReSettings
        {
            AutoRegisterInputType = false,
            NestedRuleExecutionMode = NestedRuleExecutionMode.Performance,
            EnableFormattedErrorMessage = false,
            AutoExecuteActions = false,
            UseFastExpressionCompiler = false,
            EnableParallelRuleCompilation = false,
        });
    }

    public List<RuleResultTree> Execute(int ruleset, CustomerFacts c) =>
        engine.ExecuteAllRulesAsync(names[ruleset], RuleParameter.Create("customer", c)).AsTask().GetAwaiter().GetResult();

    public int RuleResults(CustomerFacts c) => Execute(0, c).Count + Execute(1, c).Count + Execute(2, c).Count;
}

/// <summary>Before any figure is taken: the three implementations decide the same on every benchmark customer.</summary>
public static class Agreement
{
    public static void Check(string[] json, CustomerFacts[] customers)
    {
        var interpreter = new InterpreterRulesets(json);
        var reference = new ReferenceRulesets(json);
        foreach (var c in customers)
        {
            var reLifecycle = reference.Execute(0, c).FirstOrDefault(r => r.IsSuccess)?.Rule.RuleName;
            var rePolicy = string.Join(",", reference.Execute(1, c).Where(r => r.IsSuccess).Select(r => r.Rule.RuleName));
            var reOffer = reference.Execute(2, c).FirstOrDefault(r => r.IsSuccess)?.Rule.RuleName;

            var hand = (HandWrittenRules.LifecycleRules[HandWrittenRules.Lifecycle(c)],
                string.Join(",", HandWrittenRules.PolicyRules.Where((_, i) => (HandWrittenRules.ContactPolicy(c) & (1 << i)) != 0)),
                HandWrittenRules.OfferRules[HandWrittenRules.Offers(c)]);
            var interpreted = (interpreter.Lifecycle.EvaluateFirstMatch(c)?.RuleName,
                string.Join(",", interpreter.ContactPolicy.EvaluateAll(c).Where(r => r.IsSuccess).Select(r => r.RuleName)),
                interpreter.Offers.EvaluateFirstMatch(c)?.RuleName);

            var matching = interpreter.MatchingRules(c);
            var handMatching = HandWrittenRules.Lifecycle(c) + HandWrittenRules.ContactPolicy(c) + HandWrittenRules.Offers(c);

            // The hand-written full decision must produce what the evaluators produce (verdicts and traces).
            var handCount = HandWrittenRules.FullDecision(c, out var handStage, out var handPolicy, out var handOffer);
            var stage = LifecycleEvaluator.Evaluate(interpreter.Lifecycle, c);
            var policy = ContactPolicyEvaluator.Evaluate(interpreter.ContactPolicy, c);
            var offer = OfferEvaluator.Evaluate(interpreter.Offers, c);
            var sameDecision = handCount == interpreter.Decision(c)
                && stage.Explanation.ToString() == handStage.ToString()
                && policy.Explanation.ToString() == string.Join("; ", handPolicy)
                && offer?.Explanation.ToString() == handOffer.ToString();

            if (hand != (reLifecycle, rePolicy, reOffer) || interpreted != (reLifecycle, rePolicy, reOffer) || matching != handMatching || !sameDecision)
            {
                throw new InvalidOperationException(
                    $"The implementations disagree, figures would compare different work: RulesEngine {(reLifecycle, rePolicy, reOffer)}, hand-written {hand}, interpreter {interpreted} for {JsonSerializer.Serialize(c)}");
            }
        }
    }
}
