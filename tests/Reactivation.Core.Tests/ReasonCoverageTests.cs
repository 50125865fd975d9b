using Reactivation.Core.Decisions;
using Reactivation.Core.Rules;

namespace Reactivation.Core.Tests;

/// <summary>
/// An offers ruleset that names no offer rule for a dormancy reason the solution declares, and has no catch-all, is a
/// warning naming the ruleset and the reasons (issue 12): customers who stopped for that reason would get no offer.
/// </summary>
[TestClass]
public sealed class ReasonCoverageTests
{
    private static string Offers(params string[] expressions) =>
        "{\n  \"WorkflowName\": \"Offers.Bakery\",\n  \"Rules\": [\n" +
        string.Join(",\n", expressions.Select((e, i) => "    { \"RuleName\": \"R" + i + "\", \"Expression\": " + Newtonsoft.Json.JsonConvert.ToString(e) + ", \"SuccessEvent\": \"Offer" + i + "\" }")) +
        "\n  ]\n}";

    private static readonly string[] AllButForgot = DormancyReasons.All.Where(r => r != DormancyReasons.Forgot).ToArray();

    [TestMethod]
    public void A_ruleset_missing_a_reason_gets_a_warning_naming_the_ruleset_and_the_reason()
    {
        var json = Offers(AllButForgot.Select(r => "customer.DormancyReason == \"" + r + "\"").ToArray());

        var result = RulesetLoader.Load(json, "offers.json");

        Assert.IsFalse(result.HasErrors, "a warning: the ruleset stays usable");
        var warning = result.Diagnostics.Single();
        Assert.AreEqual((DiagnosticSeverity.Warning, DiagnosticCodes.ReasonWithoutOffer, 2, 19), (warning.Severity, warning.Code, warning.Line, warning.Column));
        Assert.AreEqual(
            "offers.json(2,19): warning RX061: ruleset 'Offers.Bakery' has no offer rule for the dormancy reason Forgot: a customer who stopped for it gets no offer of their own. Hint: add a rule for each, e.g. \"Expression\": \"customer.DormancyReason == \\\"Forgot\\\"\", or end the ruleset with a rule whose Expression is \"true\"",
            warning.ToString());
    }

    [TestMethod]
    public void Several_missing_reasons_are_named_in_the_solution_s_order()
    {
        var json = Offers("customer.DormancyReason in (\"Unknown\", \"UnusedPackage\", \"Dissatisfied\", \"Relocated\", \"Competitor\")", "\"PriceSensitive\" == customer.DormancyReason");

        var warning = RulesetLoader.Load(json).Diagnostics.Single();

        StringAssert.Contains(warning.Message, "has no offer rule for the dormancy reasons NoLongerNeeded, HabitChanged, Forgot: a customer who stopped for one of them");
    }

    [TestMethod]
    public void A_disabled_rule_and_a_test_for_another_value_do_not_count()
    {
        var json = Offers([.. AllButForgot.Select(r => "customer.DormancyReason == \"" + r + "\""), "customer.DormancyReason != \"Forgot\""]).Replace("\"RuleName\": \"R0\",", "\"RuleName\": \"R0\", \"Enabled\": false,", StringComparison.Ordinal);

        var warning = RulesetLoader.Load(json).Diagnostics.Single();

        StringAssert.Contains(warning.Message, "for the dormancy reasons " + DormancyReasons.All[0] + ", Forgot:");
    }

    [TestMethod]
    public void A_catch_all_gives_every_reason_an_offer_and_a_reason_named_inside_a_condition_or_nested_rule_counts()
    {
        var nested = Offers(AllButForgot.Select(r => "customer.DaysSinceLastPurchase > 30 && customer.DormancyReason == \"" + r + "\"").ToArray())
            .Replace("\"Expression\": \"customer.DaysSinceLastPurchase > 30 && customer.DormancyReason == \\\"Unknown\\\"\"", "\"Operator\": \"AndAlso\", \"Rules\": [ { \"RuleName\": \"Gone\", \"Expression\": \"customer.DaysSinceLastPurchase > 30\" }, { \"RuleName\": \"Why\", \"Expression\": \"customer.DormancyReason == \\\"Forgot\\\" || customer.DormancyReason == \\\"Unknown\\\"\" } ]", StringComparison.Ordinal);
        var catchAll = Offers("customer.DormancyReason == \"Dissatisfied\"", "true");

        Assert.IsEmpty(RulesetLoader.Load(nested).Diagnostics, string.Join("\n", RulesetLoader.Load(nested).Diagnostics));
        Assert.IsEmpty(RulesetLoader.Load(catchAll).Diagnostics, string.Join("\n", RulesetLoader.Load(catchAll).Diagnostics));
    }

    [TestMethod]
    public void Lifecycle_and_contact_policy_rulesets_offer_nothing_and_are_not_checked()
    {
        var lifecycle = "{ \"WorkflowName\": \"Lifecycle\", \"Rules\": [ { \"RuleName\": \"A\", \"Expression\": \"customer.DaysSinceLastPurchase <= 30\", \"SuccessEvent\": \"Active\" } ] }";
        var policy = "{ \"WorkflowName\": \"ContactPolicy\", \"Rules\": [ { \"RuleName\": \"A\", \"Expression\": \"customer.DormancyReason == \\\"Forgot\\\"\", \"SuccessEvent\": \"Cap\", \"Properties\": { \"MaxTouches\": 1, \"WindowDays\": 7 } } ] }";

        Assert.IsEmpty(RulesetLoader.Load(lifecycle).Diagnostics);
        Assert.IsEmpty(RulesetLoader.Load(policy).Diagnostics);
    }

    [TestMethod]
    [DataRow("default")]
    [DataRow("presets/beauty-salon")]
    [DataRow("presets/consumer-finance")]
    [DataRow("presets/dental")]
    [DataRow("presets/med-aesthetics")]
    [DataRow("presets/restaurant")]
    public void Every_shipped_offers_ruleset_has_an_offer_for_every_reason(string folder)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "rules", folder, "offers.json");

        var result = RulesetLoader.Load(File.ReadAllText(path), folder + "/offers.json");

        Assert.IsEmpty(result.Diagnostics.Where(d => d.Code == DiagnosticCodes.ReasonWithoutOffer), string.Join("\n", result.Diagnostics));
    }
}
