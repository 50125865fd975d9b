using BenchmarkDotNet.Attributes;
using Reactivation.Core.Facts;
using Reactivation.Core.Joins;
using Reactivation.Joins.ReferenceTests;
using Reactivation.Joins.ReferenceTests.Reference;

namespace Reactivation.Benchmarks;

/// <summary>
/// One page of the daily evaluation through the join rules: 250 due contacts planning 400 touches (and the largest
/// page, 5,000 contacts), from the agreement suite's seeded generator. Core: build the page as the plugin will,
/// the relationship chain, then households, social proof and capacity. NRules: the reference on the same raw data,
/// its session factory compiled once in GlobalSetup. The per-customer rulesets for the same 250 contacts are the
/// "without the join rules" baseline. GlobalSetup checks that Core and NRules agree on the pages measured.
/// </summary>
[MemoryDiagnoser]
public class JoinBenchmarks
{
    private JoinScenario page250 = null!;
    private JoinScenario page5000 = null!;
    private CustomerFacts[] customers = [];
    private InterpreterRulesets rulesets = null!;

    [GlobalSetup]
    public void Setup()
    {
        page250 = SeededPages.Generate(7, 400);
        page5000 = SeededPages.Generate(8, 8000);
        foreach (var page in new[] { page250, page5000 })
        {
            var disagreements = Joins.ReferenceTests.Agreement.Compare(page);
            if (disagreements.Count > 0) throw new InvalidOperationException(Joins.ReferenceTests.Agreement.Describe(disagreements));
        }

        _ = NRulesJoins.SessionFactory;
        customers = DefaultRulesets.Customers(page250.PageContacts.Count());
        rulesets = new InterpreterRulesets(DefaultRulesets.ReadAll());
    }

    [Benchmark(Baseline = true, Description = "Without joins: per-customer rulesets, 250 contacts")]
    public int PerCustomerRulesets()
    {
        var sum = 0;
        foreach (var c in customers) sum += rulesets.Decision(c);
        return sum;
    }

    [Benchmark(Description = "Core join rules: page of 250 contacts / 400 touches")]
    public int CoreJoins250() => CoreJoins(page250);

    [Benchmark(Description = "NRules reference: page of 250 contacts / 400 touches")]
    public int NRulesJoins250() => NRulesJoins.Run(page250).Touches.Count;

    [Benchmark(Description = "Core join rules: page of 5,000 contacts / 8,000 touches")]
    public int CoreJoins5000() => CoreJoins(page5000);

    [Benchmark(Description = "NRules reference: page of 5,000 contacts / 8,000 touches")]
    public int NRulesJoins5000() => NRulesJoins.Run(page5000).Touches.Count;

    private static int CoreJoins(JoinScenario scenario)
    {
        var settings = scenario.Settings();
        var (page, _) = Joins.ReferenceTests.Agreement.CorePage(scenario, settings);
        var result = JoinRules.Apply(page, settings);
        return result.Blocked + result.Moved + result.Reassigned + result.WithSocialProof;
    }
}
