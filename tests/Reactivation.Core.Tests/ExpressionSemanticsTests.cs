using Reactivation.Core.Facts;
using Reactivation.Core.Rules;
using static Reactivation.Core.Tests.TestSupport;

namespace Reactivation.Core.Tests;

/// <summary>
/// The interpreter must compute what RulesEngine 6.0.1 (Dynamic LINQ) computes for the same
/// expression on CustomerFacts bound as 'customer'. Each expected value here was observed on
/// RulesEngine itself for the same facts.
/// </summary>
[TestClass]
public sealed class ExpressionSemanticsTests
{
    private static bool Eval(string expression) => Evaluate(expression, SampleFacts()).IsSuccess;

    [TestMethod]
    [DataRow("customer.PurchaseCount / 2 == 1", true, DisplayName = "int / int is integer division")]
    [DataRow("7 / 2 == 3", true)]
    [DataRow("customer.PurchaseCount % 2 == 1", true)]
    [DataRow("customer.PurchaseCount > 2.5", true, DisplayName = "int against a real literal compares as double")]
    [DataRow("customer.PurchaseCount / 2.0 == 1.5", true)]
    [DataRow("customer.TotalSpend == 100.5", true, DisplayName = "a real literal next to a decimal fact is decimal")]
    [DataRow("customer.TotalSpend * 1.10 == 110.55", true)]
    [DataRow("customer.TotalSpend / 3 == 33.5", true)]
    [DataRow("customer.TotalSpend % 2 == 0.5", true)]
    [DataRow("customer.PurchaseCount == customer.TotalSpend", false)]
    [DataRow("customer.OverdueFactor == 1.5", true)]
    [DataRow("customer.OverdueFactor > -1", true)]
    [DataRow("customer.TotalSpend > -1.5", true)]
    [DataRow("0.1 + 0.2 == 0.3", false, DisplayName = "double arithmetic is IEEE, as in C#")]
    [DataRow("customer.TotalSpend >= 100.50m", true)]
    [DataRow("customer.PurchaseCount * 2147483647 == 2147483645", true, DisplayName = "int arithmetic wraps like unchecked C#")]
    [DataRow("10 - 3 - 2 == 5", true)]
    [DataRow("2 * 3 % 4 == 2", true)]
    [DataRow("-customer.PurchaseCount == -3", true)]
    public void Numeric_promotion_matches_Dynamic_LINQ(string expression, bool expected) => Assert.AreEqual(expected, Eval(expression));

    [TestMethod]
    [DataRow("customer.DaysSinceLastPurchase > 5", false, DisplayName = "null > 5 is false")]
    [DataRow("customer.DaysSinceLastPurchase <= 5", false, DisplayName = "null <= 5 is false too")]
    [DataRow("customer.DaysSinceLastPurchase == null", true)]
    [DataRow("customer.DaysSinceLastPurchase != null", false)]
    [DataRow("customer.DaysSinceLastPurchase == 5", false)]
    [DataRow("customer.DaysSinceLastPurchase != 5", true)]
    [DataRow("customer.DaysSinceLastPurchase + 1 == null", true, DisplayName = "null + 1 is null")]
    [DataRow("-customer.DaysSinceLastPurchase == null", true)]
    [DataRow("null == null", true)]
    [DataRow("customer.DaysSinceLastPurchase < customer.Satisfaction", false)]
    [DataRow("customer.DaysSinceLastPurchase.HasValue", false)]
    [DataRow("customer.Satisfaction.HasValue && customer.Satisfaction.Value <= 2", true)]
    [DataRow("customer.Satisfaction == 2", true)]
    [DataRow("customer.Satisfaction == customer.PurchaseCount", false)]
    [DataRow("customer.DaysSinceLastPurchase > customer.OverdueFactor", false)]
    public void Nullable_facts_use_lifted_semantics(string expression, bool expected) => Assert.AreEqual(expected, Eval(expression));

    [TestMethod]
    [DataRow("customer.DormancyReason in (\"Dissatisfied\", \"Competitor\")", true)]
    [DataRow("customer.DormancyReason in (\"Dissatisfied\")", false)]
    [DataRow("customer.PurchaseCount in (1, 2, 3)", true)]
    [DataRow("customer.DaysSinceLastPurchase in (1, 2, 3)", false, DisplayName = "a null value is in no list")]
    [DataRow("customer.Satisfaction in (2, 3)", true)]
    [DataRow("customer.TotalSpend in (1.5, 2)", false)]
    [DataRow("customer.TotalSpend in (100.5, 2.5)", true)]
    [DataRow("customer.PurchaseCount + 1 in (4, 5)", true)]
    [DataRow("\"Silent\" == \"silent\"", false, DisplayName = "string equality is ordinal and case-sensitive")]
    [DataRow("customer.Stage != \"Silent\"", false)]
    [DataRow("customer.Stage.StartsWith(\"Si\") && customer.Stage.EndsWith(\"nt\") && customer.Stage.Contains(\"len\")", true)]
    [DataRow("string.IsNullOrEmpty(customer.FunnelStep)", true)]
    [DataRow("customer.InCampaign == false && !customer.InCampaign", true)]
    public void Membership_strings_and_booleans_behave_like_the_reference(string expression, bool expected) => Assert.AreEqual(expected, Eval(expression));

    [TestMethod]
    [DataRow("(customer.PurchaseCount > 1 ? 1 : 2.5) == 1", true)]
    [DataRow("(customer.PurchaseCount > 1 ? 1 : customer.TotalSpend) == 1", true)]
    [DataRow("(customer.PurchaseCount > 1 ? null : 2) == null", true)]
    [DataRow("(customer.PurchaseCount > 0 ? customer.OverdueFactor : 1.5) == 1.5", true)]
    [DataRow("(customer.PurchaseCount > 5 ? \"a\" : \"b\") == \"b\"", true)]
    [DataRow("Math.Min(customer.PurchaseCount, 2) == 2", true)]
    [DataRow("Math.Max(customer.TotalSpend, 3) == 100.5", true)]
    [DataRow("Math.Min(customer.TotalSpend, 2.5) == 2.5", true)]
    [DataRow("Math.Abs(customer.PurchaseCount - 5) == 2", true)]
    [DataRow("Math.Min(1, 2.5) == 1", true)]
    public void Conditionals_and_helpers_type_and_evaluate_like_the_reference(string expression, bool expected) => Assert.AreEqual(expected, Eval(expression));

    [TestMethod]
    public void Logical_operators_short_circuit_so_the_right_side_never_fails()
    {
        var result = Evaluate("customer.PurchaseCount == 3 || 1 / 0 == 1", SampleFacts());
        Assert.IsTrue(result.IsSuccess);
        Assert.IsNull(result.Error);
    }

    [TestMethod]
    [DataRow("customer.PurchaseCount / 0 == 1", "divide by zero")]
    [DataRow("customer.TotalSpend / 0 == 1", "divide by zero")]
    [DataRow("customer.DaysSinceLastPurchase.Value > 1", "Nullable object must have a value")]
    [DataRow("customer.Channel.StartsWith(\"S\")", "Object reference")]
    public void A_runtime_fault_makes_the_rule_not_match_and_is_reported(string expression, string errorPart)
    {
        var facts = SampleFacts();
        facts.Channel = null!;
        var result = Evaluate(expression, facts);
        Assert.IsFalse(result.IsSuccess);
        Assert.IsNotNull(result.Error);
        StringAssert.Contains(result.Error, errorPart);
    }

    [TestMethod]
    public void Local_and_global_params_are_named_values_rules_can_read()
    {
        const string json = """
            {
              "WorkflowName": "Lifecycle",
              "GlobalParams": [ { "Name": "gap", "Expression": "customer.PurchaseCount * 2" } ],
              "Rules": [
                { "RuleName": "UsesGlobal", "Expression": "gap == 6", "SuccessEvent": "Active" },
                { "RuleName": "UsesLocal", "LocalParams": [ { "Name": "spend", "Expression": "customer.TotalSpend + gap" } ], "Expression": "spend == 106.5", "SuccessEvent": "Active" },
                { "RuleName": "FailingLocal", "LocalParams": [ { "Name": "broken", "Expression": "customer.PurchaseCount / 0" } ], "Expression": "true", "SuccessEvent": "Active" }
              ]
            }
            """;
        var results = RulesetLoader.Load(json).GetRulesetOrThrow().EvaluateAll(SampleFacts());
        Assert.IsTrue(results[0].IsSuccess);
        Assert.IsTrue(results[1].IsSuccess);
        Assert.IsFalse(results[2].IsSuccess, "a param that fails makes its rule fail, as in RulesEngine");
        CollectionAssert.AreEqual(new[] { "TotalSpend", "PurchaseCount" }, results[1].Rule.ReferencedFacts.ToArray(), "facts in order of first appearance");
    }

    [TestMethod]
    public void Nested_rules_combine_with_their_operator_and_skip_disabled_children()
    {
        const string json = """
            {
              "WorkflowName": "Lifecycle",
              "Rules": [
                { "RuleName": "Parent", "Operator": "AndAlso", "SuccessEvent": "Active", "Rules": [
                  { "RuleName": "C1", "Expression": "true" },
                  { "RuleName": "C2", "Expression": "false", "Enabled": false } ] },
                { "RuleName": "Either", "Operator": "OrElse", "SuccessEvent": "Lost", "Rules": [
                  { "RuleName": "E1", "Expression": "customer.PurchaseCount > 10" },
                  { "RuleName": "E2", "Expression": "customer.Stage == \"Silent\"" } ] }
              ]
            }
            """;
        var results = RulesetLoader.Load(json).GetRulesetOrThrow().EvaluateAll(SampleFacts());
        Assert.IsTrue(results[0].IsSuccess);
        Assert.HasCount(1, results[0].Children);
        Assert.IsTrue(results[1].IsSuccess);
        CollectionAssert.AreEqual(new[] { "PurchaseCount", "Stage" }, results[1].Rule.ReferencedFacts.ToArray());
    }

    [TestMethod]
    public void Disabled_top_level_rules_are_not_evaluated()
    {
        var json = OneRule("true", ", \"Enabled\": false").Replace("]", ", { \"RuleName\": \"S\", \"Expression\": \"true\", \"SuccessEvent\": \"Silent\" } ]", StringComparison.Ordinal);
        var ruleset = RulesetLoader.Load(json).GetRulesetOrThrow();
        Assert.AreEqual("S", ruleset.EvaluateAll(new CustomerFacts()).Single().RuleName);
        Assert.AreEqual("S", ruleset.EvaluateFirstMatch(new CustomerFacts())!.RuleName);
    }
}
