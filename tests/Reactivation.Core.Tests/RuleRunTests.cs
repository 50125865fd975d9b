using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;
using Reactivation.Core.Json;
using Reactivation.Core.Rules;
using Reactivation.Core.Rules.Loading;
using Reactivation.Core.Rules.Running;

namespace Reactivation.Core.Tests;

/// <summary>The loader's layers seen one at a time, and the one run API every evaluator uses.</summary>
[TestClass]
public sealed class RuleRunTests
{
    private const string Lifecycle = """
        { "WorkflowName": "Lifecycle",
          "GlobalParams": [ { "Name": "perOrder", "Expression": "customer.TotalSpend / customer.PurchaseCount" } ],
          "Rules": [
            { "RuleName": "Broken", "Expression": "customer.Satisfaction.Value > 3", "SuccessEvent": "Loyal" },
            { "RuleName": "Off", "Enabled": false, "Expression": "true", "SuccessEvent": "Lost" },
            { "RuleName": "Big", "Expression": "perOrder > 100", "SuccessEvent": "Loyal" },
            { "RuleName": "Both", "Operator": "AndAlso", "SuccessEvent": "Active", "Rules": [
              { "RuleName": "Bought", "Expression": "customer.PurchaseCount > 0" },
              { "RuleName": "Recent", "LocalParams": [ { "Name": "gap", "Expression": "customer.DaysSinceLastPurchase" } ], "Expression": "gap < 45" } ] },
            { "RuleName": "Rest", "Expression": "true", "SuccessEvent": "New" } ] }
        """;

    private static Ruleset Load() => RulesetLoader.Load(Lifecycle).GetRulesetOrThrow();

    [TestMethod]
    public void The_workflow_model_holds_RulesEngine_s_schema_with_positions_and_nothing_of_the_domain()
    {
        var diagnostics = new DiagnosticList("lifecycle.json");
        var workflow = WorkflowReader.Read(JsonReader.Read(Lifecycle), new FieldReader(diagnostics))!;

        Assert.IsEmpty(diagnostics.Sorted());
        Assert.AreEqual("Lifecycle", workflow.WorkflowName!.Value);
        Assert.AreEqual("perOrder", workflow.GlobalParams.Single().Name!.Value);
        CollectionAssert.AreEqual(new[] { "Broken", "Off", "Big", "Both", "Rest" }, workflow.Rules.Select(r => r.RuleName!.Value).ToArray());
        var both = workflow.Rules[3];
        Assert.AreEqual(("AndAlso", "Active", 7, 5), (both.Operator!.ToString(), both.SuccessEvent!.Value, both.Source.Line, both.Source.Column));
        var recent = both.Rules[1];
        Assert.AreEqual((2, "gap", "gap < 45", (string?)null), (recent.Depth, recent.LocalParams.Single().Name!.Value, recent.Expression!.Value, recent.SuccessEvent?.Value));
        Assert.IsFalse(workflow.Rules[1].Enabled!.Value);
    }

    [TestMethod]
    public void First_match_stops_at_the_winner_and_traces_it_with_every_rule_that_failed_before_it()
    {
        var facts = new CustomerFacts { PurchaseCount = 2, TotalSpend = 100, DaysSinceLastPurchase = 10 };
        var traces = new List<RuleTrace>();

        var winner = RuleRun.FirstMatch(Load(), facts, traces);

        Assert.AreEqual("Both", winner!.Rule.Name);
        CollectionAssert.AreEqual(new[] { "Broken failed (Satisfaction=null): Nullable object must have a value.", "Both matched (PurchaseCount=2, DaysSinceLastPurchase=10)" }, traces.Select(t => t.ToString()).ToArray());
    }

    [TestMethod]
    public void All_matches_go_on_after_the_first_and_skip_disabled_rules()
    {
        var facts = new CustomerFacts { PurchaseCount = 1, TotalSpend = 500, DaysSinceLastPurchase = 3 };
        var run = new RuleRun(Load(), facts);
        var names = new List<string>();

        while (run.NextMatch(out var rule)) names.Add(rule.Rule.Name);

        CollectionAssert.AreEqual(new[] { "Big", "Both", "Rest" }, names);
        var matched = new bool[5];
        Assert.AreEqual(3, Load().EvaluateMatches(facts, matched));
        CollectionAssert.AreEqual(new[] { false, false, true, true, true }, matched);
    }

    [TestMethod]
    public void A_failing_GlobalParam_fails_every_rule_and_the_explanation_says_why()
    {
        var facts = new CustomerFacts { PurchaseCount = 0, TotalSpend = 0 };

        var decision = LifecycleEvaluator.Evaluate(Load(), facts);

        Assert.IsNull(decision.Stage, "no rule matches: the stage is kept");
        CollectionAssert.AreEqual(new[] { "Broken", "Big", "Both", "Rest" }, decision.Explanation.Rules.Select(r => r.RuleName).ToArray());
        Assert.IsTrue(decision.Explanation.Rules.All(r => !r.Matched && r.Error!.StartsWith("param 'perOrder': ", StringComparison.Ordinal)), decision.Explanation.ToString());
        Assert.IsTrue(Load().EvaluateAll(facts).All(r => !r.IsSuccess && r.Error == decision.Explanation.Rules[0].Error));
        Assert.AreEqual(-1, Load().FirstMatchIndex(facts));
    }
}
