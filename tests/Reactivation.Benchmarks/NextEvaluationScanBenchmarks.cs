using System.Globalization;
using BenchmarkDotNet.Attributes;
using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;
using Reactivation.Core.Rules;

namespace Reactivation.Benchmarks;

/// <summary>
/// The next-change scan of one dormant contact (Silent, Sleeping or Lost: the stages that start outreach), lifecycle only
/// against lifecycle plus what the outreach step would decide (offers, and the policy on the offer's channels), on the
/// shipped defaults (whose offers read no fact that moves with the day for a new attempt) and on the med-aesthetics preset
/// (a birthday rule and a first-visit-anniversary rule). 1,000 contacts: last purchase 46-345 days ago, birthdays spread over
/// the year. `scan-counts` prints the ruleset evaluations per contact instead of timing them.
/// </summary>
[MemoryDiagnoser]
public class NextEvaluationScanBenchmarks
{
    private const int ContactCount = 1000;

    private CustomerFactsBuilder[] builders = [];
    private Ruleset lifecycle = null!;
    private Ruleset policy = null!;
    private Ruleset offers = null!;

    [Params("default", "presets/med-aesthetics")]
    public string Rules { get; set; } = "default";

    [GlobalSetup]
    public void Setup()
    {
        (lifecycle, policy, offers) = Load(Rules);
        builders = Contacts(lifecycle);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = ContactCount, Description = "Lifecycle only")]
    public int LifecycleOnly()
    {
        var sum = 0;
        foreach (var builder in builders) sum += NextChangeFinder.Find(lifecycle, builder)?.DaysAhead ?? 0;
        return sum;
    }

    [Benchmark(OperationsPerInvoke = ContactCount, Description = "Lifecycle, offers and policy")]
    public int WithOutreach()
    {
        var sum = 0;
        foreach (var builder in builders) sum += NextChangeFinder.FindWithOutreach(lifecycle, builder, offers, policy)?.DaysAhead ?? 0;
        return sum;
    }

    /// <summary>Ruleset evaluations per contact (DecisionWork's count) for both scans and both rule sets.</summary>
    public static int PrintCounts()
    {
        foreach (var rules in new[] { "default", "presets/med-aesthetics" })
        {
            var (lifecycle, policy, offers) = Load(rules);
            var builders = Contacts(lifecycle);
            DecisionWork.Reset();
            var lifecycleDays = 0;
            foreach (var builder in builders) lifecycleDays += NextChangeFinder.Find(lifecycle, builder)?.DaysAhead ?? NextChangeFinder.DefaultHorizonDays;
            var lifecycleOnly = DecisionWork.ScanEvaluations;
            DecisionWork.Reset();
            var outreachDays = 0;
            var outreachChanges = 0;
            foreach (var builder in builders)
            {
                var next = NextChangeFinder.FindWithOutreach(lifecycle, builder, offers, policy);
                outreachDays += next?.DaysAhead ?? NextChangeFinder.DefaultHorizonDays;
                if (next is { ChangesOutreach: true }) outreachChanges++;
            }

            var withOutreach = DecisionWork.ScanEvaluations;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{rules}: lifecycle only {(double)lifecycleOnly / builders.Length:0.0} evaluations per contact (next change in {(double)lifecycleDays / builders.Length:0.0} days on average); " +
                $"with offers and policy {(double)withOutreach / builders.Length:0.0} ({(double)withOutreach / lifecycleOnly:0.00}x; next change in {(double)outreachDays / builders.Length:0.0} days; {outreachChanges} of {builders.Length} contacts get an outreach due)"));
        }

        return 0;
    }

    private static (Ruleset Lifecycle, Ruleset Policy, Ruleset Offers) Load(string rules)
    {
        var directory = Path.Combine(DefaultRulesets.Directory, "..", rules);
        Ruleset Read(string file) => RulesetLoader.Load(File.ReadAllText(Path.Combine(directory, file)), file).GetRulesetOrThrow();
        return (Read("lifecycle.json"), Read("contact-policy.json"), Read("offers.json"));
    }

    /// <summary>Dormant contacts as the daily evaluation sees them: the stage they hold is today's verdict.</summary>
    private static CustomerFactsBuilder[] Contacts(Ruleset lifecycle)
    {
        var now = new DateTime(2026, 3, 10, 2, 30, 0, DateTimeKind.Utc);
        var builders = new List<CustomerFactsBuilder>(ContactCount);
        for (var i = 0; i < ContactCount; i++)
        {
            var input = new CustomerFactsInput { UtcNow = now, Birthday = new DateTime(1985, 1, 1).AddDays(i * 37 % 365), ConsentSms = true, ConsentPhone = true };
            input.Purchases.Add(new Purchase(now.AddDays(-(46 + (i * 7 % 300))), 120m));
            if (i % 3 == 0) input.Purchases.Add(new Purchase(now.AddDays(-(400 + i % 50)), 80m));
            input.Stage = LifecycleEvaluator.Evaluate(lifecycle, CustomerFactsBuilder.Build(input)).Stage?.ToString() ?? "Prospect";
            builders.Add(new CustomerFactsBuilder(input));
        }

        return builders.ToArray();
    }
}
