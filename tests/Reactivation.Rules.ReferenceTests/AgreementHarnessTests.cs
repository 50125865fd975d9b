using Reactivation.Core.Rules;

namespace Reactivation.Rules.ReferenceTests;

/// <summary>
/// The agreement test must be able to fail: a one-character change to a threshold, made for one engine
/// only, has to be found among the generated customers, for each kind of outcome.
/// </summary>
[TestClass]
public sealed class AgreementHarnessTests
{
    [TestMethod]
    [DataRow("presets/med-aesthetics/lifecycle.json", "customer.DaysSinceLastPurchase <= 45", "customer.DaysSinceLastPurchase < 45")]
    [DataRow("presets/consumer-finance/offers.json", "customer.InterestRatePercent >= 18", "customer.InterestRatePercent > 18")]
    [DataRow("presets/dental/contact-policy.json", "customer.LocalHour >= 18", "customer.LocalHour > 18")]
    public void A_threshold_moved_by_one_for_the_interpreter_only_is_found(string ruleset, string original, string changed)
    {
        var json = File.ReadAllText(ShippedRulesets.PathOf(ruleset));
        Assert.Contains(original, json, "the sample no longer has the expression this test changes");
        var reference = new ReferenceEngine(json);
        var interpreter = new InterpreterEngine(json.Replace(original, changed, StringComparison.Ordinal), reference.Kind);
        var generator = new CustomerGenerator(CustomerGenerator.SeedFor(ruleset));

        var found = Enumerable.Range(0, AgreementTests.CustomersPerRuleset)
            .Select(_ => generator.Next())
            .Count(customer => !reference.Evaluate(customer).SameAs(interpreter.Evaluate(customer)));

        Assert.IsGreaterThan(0, found, $"{ruleset}: changing '{original}' to '{changed}' went unnoticed");
    }

    [TestMethod]
    [DynamicData(nameof(ShippedRulesets.All), typeof(ShippedRulesets), DynamicDataDisplayName = nameof(ShippedRulesets.DisplayNameOf), DynamicDataDisplayNameDeclaringType = typeof(ShippedRulesets))]
    public void Every_shipped_ruleset_loads_without_errors_or_warnings(string ruleset)
    {
        var result = RulesetLoader.Load(File.ReadAllText(ShippedRulesets.PathOf(ruleset)), ruleset);
        Assert.IsEmpty(result.Diagnostics, string.Join(Environment.NewLine, result.Diagnostics));
    }
}
