using System.Globalization;
using Newtonsoft.Json.Linq;
using Reactivation.Core.Decisions;
using Reactivation.Core.Facts;
using Reactivation.Core.Rules;

namespace Reactivation.Cli.Tests;

/// <summary>
/// On the real CDNOW log the month-end stage counts the organisation holds after the simulated run must follow exactly
/// from the default lifecycle ruleset: computed here independently, through Core alone, customer by customer.
/// </summary>
[TestClass]
public sealed class SimulateCdnowTests
{
    /// <summary>The first 600 customers (about 1,800 purchases) over all 18 months: the full log is the report's run.</summary>
    private const int Customers = 600;

    /// <summary>The subset's log lines (header first) and the run's summary JSON and output, run once for the class.</summary>
    private static readonly Lazy<(List<string> Lines, JObject Summary, string Output)?> SubsetRun = new(() =>
    {
        var log = SimulationRun.CdnowLog();
        if (log is null) return null;
        var lines = File.ReadLines(log).Take(1).Concat(File.ReadLines(log).Skip(1).Where(l => int.Parse(l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture) <= Customers)).ToList();
        var subset = SimulationRun.TempFile(".txt", string.Join("\n", lines));
        var json = SimulationRun.TempPath(".json");

        var (code, output, errors) = SimulationRun.Run("simulate", "--transactions", subset, "--format", "cdnow", "--from", "1997-01-01", "--to", "1998-06-30", "--summary-json", json, "--report", SimulationRun.TempPath(".html"));

        Assert.AreEqual(0, code, errors);
        return (lines, JObject.Parse(File.ReadAllText(json)), output);
    });

    private static (List<string> Lines, JObject Summary, string Output) Run() =>
        SubsetRun.Value ?? throw new AssertInconclusiveException("../shared/datasets/cdnow/CDNOW_master.txt is absent (the shared data beside the repository); this check needs the real CDNOW log.");

    [TestMethod]
    public void Month_end_stage_counts_on_a_CDNOW_subset_are_what_the_default_lifecycle_ruleset_gives()
    {
        var (lines, summary, output) = Run();
        var snapshots = (JArray)summary["snapshots"]!;
        var expected = ExpectedMonthEnds(lines.Skip(1));
        Assert.HasCount(18, snapshots);
        foreach (var snapshot in snapshots)
        {
            var date = DateOnly.ParseExact((string)snapshot["date"]!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var actual = ((JObject)snapshot["stages"]!).Properties().Where(p => (int)p.Value != 0).ToDictionary(p => p.Name, p => (int)p.Value);
            CollectionAssert.AreEquivalent(expected[date].ToList(), actual.ToList(), $"stage counts on {date:yyyy-MM-dd}");
        }

        StringAssert.Contains(output, "Customers " + Customers.ToString(CultureInfo.InvariantCulture) + ",");
    }

    /// <summary>
    /// Issue 14: each month end's octants sum to the customers, with split points that are the medians (nearest rank) of
    /// that night's customers — spend, orders in the last 365 days, days since the last purchase — computed here from the
    /// log lines with plain arithmetic, and each customer counted in the octant those split points give.
    /// </summary>
    [TestMethod]
    public void Month_end_octants_on_a_CDNOW_subset_follow_the_medians_of_that_night_customers()
    {
        var (lines, summary, output) = Run();
        var orders = lines.Skip(1)
            .Select(l => l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Select(f => (Customer: f[0], Day: DateOnly.ParseExact(f[1], "yyyyMMdd", CultureInfo.InvariantCulture).DayNumber, Amount: decimal.Parse(f[3], CultureInfo.InvariantCulture)))
            .ToList();
        foreach (var snapshot in (JArray)summary["snapshots"]!)
        {
            var night = DateOnly.ParseExact((string)snapshot["date"]!, "yyyy-MM-dd", CultureInfo.InvariantCulture).DayNumber;
            var customers = orders.Where(o => o.Day <= night).GroupBy(o => o.Customer)
                .Select(g => (Spend: g.Sum(o => o.Amount), Orders: g.Count(o => o.Day > night - 365), Days: night - g.Max(o => o.Day)))
                .ToList();
            static T Median<T>(IEnumerable<T> values) { var sorted = values.Order().ToList(); return sorted[(int)Math.Ceiling(sorted.Count / 2.0) - 1]; }
            var (spend, count, days) = (Median(customers.Select(c => c.Spend)), Median(customers.Select(c => c.Orders)), Median(customers.Select(c => c.Days)));

            var splits = snapshot["octantSplits"]!;
            Assert.AreEqual((spend, count, days), ((decimal)splits["spendAbove"]!, (int)splits["purchasesAbove"]!, (int)splits["recentWithinDays"]!), $"split points on {snapshot["date"]}");
            var expected = customers
                .GroupBy(c => (c.Spend > spend ? "Important" : "General") + (c.Days <= days ? (c.Orders > count ? "Value" : "Development") : (c.Orders > count ? "Retention" : "WinBack")))
                .ToDictionary(g => g.Key, g => g.Count());
            var actual = ((JObject)snapshot["octants"]!).Properties().Where(p => (int)p.Value != 0).ToDictionary(p => p.Name, p => (int)p.Value);
            CollectionAssert.AreEquivalent(expected.ToList(), actual.ToList(), $"octants on {snapshot["date"]}");
            Assert.AreEqual(((JObject)snapshot["stages"]!).Properties().Sum(p => (int)p.Value), actual.Values.Sum(), "the octants sum to the customers");
        }

        StringAssert.Contains(output, "Customers per octant at each month end");
    }

    /// <summary>Each customer's purchases up to each month end, their facts built by Core, the shipped lifecycle ruleset applied.</summary>
    private static Dictionary<DateOnly, Dictionary<string, int>> ExpectedMonthEnds(IEnumerable<string> lines)
    {
        var lifecycle = RulesetLoader.Load(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "rules", "default", "lifecycle.json")), "lifecycle.json").GetRulesetOrThrow();
        var purchases = lines
            .Select(l => l.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Select(f => (Customer: f[0], Date: DateOnly.ParseExact(f[1], "yyyyMMdd", CultureInfo.InvariantCulture), Amount: decimal.Parse(f[3], CultureInfo.InvariantCulture)))
            .GroupBy(p => p.Customer)
            .ToList();
        var result = new Dictionary<DateOnly, Dictionary<string, int>>();
        for (var monthEnd = new DateOnly(1997, 1, 31); monthEnd <= new DateOnly(1998, 6, 30); monthEnd = monthEnd.AddDays(1).AddMonths(1).AddDays(-1))
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var customer in purchases)
            {
                var input = new CustomerFactsInput { UtcNow = monthEnd.ToDateTime(new TimeOnly(23, 59), DateTimeKind.Utc) };
                foreach (var p in customer.Where(p => p.Date <= monthEnd)) input.Purchases.Add(new Purchase(p.Date.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc), p.Amount));
                if (input.Purchases.Count == 0) continue; // not a customer yet: created on their first purchase
                var stage = LifecycleEvaluator.Evaluate(lifecycle, CustomerFactsBuilder.Build(input)).Stage!.Value.ToString();
                counts[stage] = counts.GetValueOrDefault(stage) + 1;
            }

            result.Add(monthEnd, counts);
        }

        return result;
    }
}
