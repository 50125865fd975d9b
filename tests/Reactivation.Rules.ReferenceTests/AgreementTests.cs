using System.Globalization;
using System.Text;

namespace Reactivation.Rules.ReferenceTests;

/// <summary>
/// DESIGN.md decision 2: for every shipped ruleset and generated customers, the sandbox interpreter and
/// Microsoft RulesEngine 6.0.1 must decide the same. Lifecycle and offers: the same first enabled matching
/// top-level rule. Contact policy: the same set of matching rules. A difference is a bug in the interpreter
/// or in the subset's definition, never a reason to loosen this test.
/// </summary>
[TestClass]
public sealed class AgreementTests
{
    public const int CustomersPerRuleset = 10_000;

    /// <summary>How many disagreements one failure message lists in full (the count is always given).</summary>
    private const int ShownDisagreements = 5;

    [TestMethod]
    [DynamicData(nameof(ShippedRulesets.All), typeof(ShippedRulesets), DynamicDataDisplayName = nameof(ShippedRulesets.DisplayNameOf), DynamicDataDisplayNameDeclaringType = typeof(ShippedRulesets))]
    public void Interpreter_and_RulesEngine_decide_the_same_for_10000_generated_customers(string ruleset) =>
        DecideTheSame(ruleset, File.ReadAllText(ShippedRulesets.PathOf(ruleset)));

    /// <summary>
    /// The key-date facts (birthday, member and first-purchase anniversaries, the Nth purchase, the festivals) are read by
    /// no shipped ruleset yet, so a test-only offers file reads every one of them, each at its boundaries.
    /// </summary>
    [TestMethod]
    public void Interpreter_and_RulesEngine_decide_the_same_on_every_key_date_fact()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "KeyDates", "offers.json");
        DecideTheSame("KeyDates/offers.json", File.ReadAllText(path));
    }

    private static void DecideTheSame(string ruleset, string json)
    {
        var reference = new ReferenceEngine(json);
        var interpreter = new InterpreterEngine(json, reference.Kind);
        var generator = new CustomerGenerator(CustomerGenerator.SeedFor(ruleset));

        var disagreements = 0;
        var report = new StringBuilder();
        var matchedByRule = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < CustomersPerRuleset; i++)
        {
            var customer = generator.Next();
            var expected = reference.Evaluate(customer);
            var actual = interpreter.Evaluate(customer);
            foreach (var rule in expected.Rules)
            {
                matchedByRule[rule] = matchedByRule.GetValueOrDefault(rule) + 1;
            }

            if (!expected.SameAs(actual))
            {
                if (++disagreements <= ShownDisagreements)
                {
                    report.AppendLine(CultureInfo.InvariantCulture, $"customer #{i}: RulesEngine: {expected}; interpreter: {actual}");
                    report.AppendLine(CultureInfo.InvariantCulture, $"  facts: {FactsJson.Serialize(customer)}");
                }
            }
        }

        Assert.AreEqual(0, disagreements,
            $"{ruleset} ({reference.Kind}): {disagreements} of {CustomersPerRuleset} customers decided differently.{Environment.NewLine}{report}");

        // A rule no generated customer ever matches is a hole in the generator (or a dead rule): the
        // agreement above would say nothing about it.
        var neverMatched = reference.EnabledRuleNames.Where(r => !matchedByRule.ContainsKey(r)).ToList();
        Assert.IsEmpty(neverMatched, $"{ruleset}: no generated customer matched {string.Join(", ", neverMatched)}");
    }
}
