using Reactivation.Core.Rules;

namespace Reactivation.Core.Tests;

/// <summary>In a first-match ruleset, a rule an earlier enabled rule always pre-empts is a warning naming both (issue 12).</summary>
[TestClass]
public sealed class ReachabilityTests
{
    private static string Lifecycle(params string[] rules) =>
        "{ \"WorkflowName\": \"Lifecycle\", \"Rules\": [\n" + string.Join(",\n", rules) + " ] }";

    private static string Rule(string name, string expression, string stage, string extra = "") =>
        "  { \"RuleName\": \"" + name + "\", \"Expression\": \"" + expression + "\", \"SuccessEvent\": \"" + stage + "\"" + extra + " }";

    [TestMethod]
    public void A_rule_with_the_same_condition_as_an_earlier_one_is_unreachable_and_both_are_named()
    {
        var json = Lifecycle(
            Rule("Silent", "customer.DaysSinceLastPurchase > 45", "Silent"),
            Rule("Sleeping", "customer.DaysSinceLastPurchase > 90", "Sleeping"),
            Rule("Dozing", "(customer.DaysSinceLastPurchase>45)", "Sleeping"));

        var result = RulesetLoader.Load(json, "lifecycle.json");

        Assert.IsFalse(result.HasErrors, "a warning: the ruleset stays usable");
        var warning = result.Diagnostics.Single();
        Assert.AreEqual((DiagnosticSeverity.Warning, DiagnosticCodes.Unreachable, "Dozing", 4, 3), (warning.Severity, warning.Code, warning.RuleName, warning.Line, warning.Column));
        Assert.AreEqual("lifecycle.json(4,3): warning RX060: rule 'Dozing': this rule can never fire: rule 'Silent' above has the same condition and the first match wins. Hint: change the condition of one of them, or remove this rule", warning.ToString());
    }

    [TestMethod]
    public void Composite_rules_with_the_same_nested_conditions_shadow_each_other()
    {
        var composite = "\"Operator\": \"AndAlso\", \"Rules\": [ { \"RuleName\": \"{0}1\", \"Expression\": \"customer.PurchaseCount == 1\" }, { \"RuleName\": \"{0}2\", \"Expression\": \"customer.DaysInStage < 7\" } ]";
        var json = Lifecycle(
            "  { \"RuleName\": \"A\", " + composite.Replace("{0}", "A", StringComparison.Ordinal) + ", \"SuccessEvent\": \"New\" }",
            "  { \"RuleName\": \"B\", " + composite.Replace("{0}", "B", StringComparison.Ordinal) + ", \"SuccessEvent\": \"Active\" }");

        var warning = RulesetLoader.Load(json).Diagnostics.Single();

        Assert.AreEqual((DiagnosticCodes.Unreachable, "B"), (warning.Code, warning.RuleName));
        StringAssert.Contains(warning.Message, "rule 'A' above has the same condition");
    }

    [TestMethod]
    public void Different_conditions_disabled_rules_and_rules_with_params_do_not_shadow()
    {
        var json = Lifecycle(
            Rule("Off", "customer.PurchaseCount == 0", "Prospect", ", \"Enabled\": false"),
            Rule("Prospect", "customer.PurchaseCount == 0", "Prospect"),
            Rule("Reversed", "0 == customer.PurchaseCount", "New"),
            Rule("WithParam", "customer.PurchaseCount == 0", "New", ", \"LocalParams\": [ { \"Name\": \"n\", \"Expression\": \"customer.PurchaseCount\" } ]"),
            Rule("Other", "customer.PurchaseCount == 1", "New"));

        Assert.IsEmpty(RulesetLoader.Load(json).Diagnostics, "'Off' is disabled, 'Reversed' is written differently, 'WithParam' depends on its params");
    }

    [TestMethod]
    public void Contact_policy_counts_every_matching_rule_so_nothing_there_is_shadowed()
    {
        var json = "{ \"WorkflowName\": \"ContactPolicy\", \"Rules\": [ { \"RuleName\": \"A\", \"Expression\": \"true\", \"SuccessEvent\": \"Cap\", \"Properties\": { \"MaxTouches\": 1, \"WindowDays\": 7 } }, { \"RuleName\": \"B\", \"Expression\": \"true\", \"SuccessEvent\": \"Cap\", \"Properties\": { \"MaxTouches\": 2, \"WindowDays\": 30 } } ] }";

        Assert.IsEmpty(RulesetLoader.Load(json).Diagnostics);
    }
}
